import { Alert, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage, patch, post } from '../../api/client';
import { ownerOptions, usePropertyDefinitions, useUsers } from '../../api/directory';
import { currencyDigits } from '../../api/format';
import { type Deal, dealStageLabels, dealStages } from '../../api/types';
import { CompanyPicker } from '../companies/CompanyPicker';
import { ContactPicker } from '../leads/ContactPicker';
import { PropertyFields } from '../properties/PropertyFields';
import {
  currencies,
  type DealFormValues,
  dealFormValues,
  dealToCreate,
  dealToUpdate,
  validateDealForm,
} from './deal-form';

const stageOptions = dealStages.map((stage) => ({ value: stage, label: dealStageLabels[stage] ?? stage }));

/**
 * A new deal (from a lead or company, its defaults filled in) or an existing one's fields.
 * Opened fresh per use, so its form starts from the deal as it is now.
 */
export function DealFormModal(props: {
  deal?: Deal;
  defaults?: Partial<DealFormValues>;
  /** Names of what the defaults point at, shown before any search. */
  known?: { companyName?: string | null; contacts?: { id: string; name: string }[] };
  /** After creating, open the new deal (from the deals list) or stay (from a lead or company). */
  openCreated?: boolean;
  onClose(): void;
}) {
  const { deal } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const users = useUsers();
  const definitions = usePropertyDefinitions('deal');
  const initial = dealFormValues(deal, props.defaults);
  const form = useForm<DealFormValues>({
    initialValues: initial,
    validate: (values) => validateDealForm(values, definitions.data ?? []),
  });
  const save = useMutation({
    mutationFn: (values: DealFormValues) =>
      deal
        ? patch<Deal>(`/api/deals/${deal.id}`, dealToUpdate(deal, initial, values))
        : post<Deal>('/api/deals', dealToCreate(values)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['deal', saved.id], saved);
      // A deal moves its contacts (opportunity) and counts on its company: all of them may have changed.
      for (const key of ['deals', 'contact', 'contacts', 'companies', 'company', 'overview']) {
        queryClient.invalidateQueries({ queryKey: [key] });
      }
      notifications.show({ color: 'teal', message: deal ? `Saved ${saved.name}.` : `Opened the deal ${saved.name}.` });
      props.onClose();
      if (!deal && props.openCreated) navigate(`/deals/${saved.id}`);
    },
  });
  const propertyErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([path]) => path.startsWith('properties.'))
      .map(([path, message]) => [path.slice('properties.'.length), String(message)]),
  );
  const digits = currencyDigits(form.values.currency);

  return (
    <Modal opened onClose={props.onClose} title={deal ? `Edit ${deal.name}` : 'New deal'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <NumberInput
                label="Amount"
                min={0}
                decimalScale={digits}
                thousandSeparator=","
                style={{ flex: 1, minWidth: 0 }}
                {...form.getInputProps('amount')}
              />
              <Select
                label="Currency"
                data={currencies}
                allowDeselect={false}
                searchable
                w={96}
                {...form.getInputProps('currency')}
              />
            </Group>
            {(!deal || deal.status === 'open') && (
              <Select label="Stage" data={stageOptions} allowDeselect={false} {...form.getInputProps('stage')} />
            )}
            <DateInput
              label="Expected close"
              valueFormat="D MMM YYYY"
              placeholder="Pick a day"
              clearable
              {...form.getInputProps('expectedCloseOn')}
            />
            <Select
              label="Owner"
              placeholder="Unassigned"
              data={ownerOptions(users.data, form.values.ownerId)}
              searchable
              clearable
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
          <CompanyPicker
            label="Company"
            value={form.values.companyId}
            onChange={(id) => form.setFieldValue('companyId', id)}
            currentName={deal?.companyName ?? props.known?.companyName}
          />
          <ContactPicker
            label="Contacts"
            value={form.values.contactIds}
            onChange={(ids) => form.setFieldValue('contactIds', ids)}
            known={
              deal
                ? deal.contacts.map((contact) => ({
                    id: contact.id,
                    name: contact.name ?? contact.email ?? 'Unnamed lead',
                  }))
                : props.known?.contacts
            }
          />
          {(definitions.data?.length ?? 0) > 0 && (
            <>
              <Divider label="Custom properties" labelPosition="left" />
              <PropertyFields
                definitions={definitions.data ?? []}
                values={form.values.properties}
                errors={propertyErrors}
                onChange={(properties) => form.setFieldValue('properties', properties)}
              />
            </>
          )}
          {save.isError && (
            <Alert color="red" title={deal ? 'Not saved' : 'The deal was not created'}>
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {deal ? 'Save' : 'Create deal'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
