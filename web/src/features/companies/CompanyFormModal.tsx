import { Alert, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage, patch, post } from '../../api/client';
import { ownerOptions, usePropertyDefinitions, useUsers } from '../../api/directory';
import type { Company, PropertyValues } from '../../api/types';
import { PropertyFields } from '../properties/PropertyFields';
import { missingRequired, propertiesToCreate, propertiesToUpdate } from '../properties/property-values';

type Values = {
  name: string;
  domain: string;
  industry: string;
  employees: number | string;
  country: string;
  region: string;
  ownerId: string | null;
  properties: PropertyValues;
};
const textFields = ['domain', 'industry', 'country', 'region'] as const;

const valuesOf = (company?: Company): Values => ({
  name: company?.name ?? '',
  domain: company?.domain ?? '',
  industry: company?.industry ?? '',
  employees: company?.employees ?? '',
  country: company?.country ?? '',
  region: company?.region ?? '',
  ownerId: company?.ownerId ?? null,
  properties: { ...(company?.properties ?? {}) },
});

/** A new company, or an existing one's fields; only what changed is sent. Opened fresh per use. */
export function CompanyFormModal(props: { company?: Company; onClose(): void }) {
  const { company } = props;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const users = useUsers();
  const definitions = usePropertyDefinitions('company');
  const initial = valuesOf(company);
  const form = useForm<Values>({
    initialValues: initial,
    validate: (values) => ({
      ...(values.name.trim() ? {} : { name: 'Give the company a name' }),
      ...Object.fromEntries(
        Object.entries(missingRequired(definitions.data ?? [], values.properties)).map(([key, message]) => [
          `properties.${key}`,
          message,
        ]),
      ),
    }),
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const employees = typeof values.employees === 'number' ? values.employees : null;
      if (!company) {
        const properties = propertiesToCreate(values.properties);
        return post<Company>('/api/companies', {
          name: values.name.trim(),
          ...Object.fromEntries(
            textFields.filter((field) => values[field].trim()).map((field) => [field, values[field].trim()]),
          ),
          employees: employees ?? undefined,
          ownerId: values.ownerId ?? undefined,
          properties: Object.keys(properties).length ? properties : undefined,
        });
      }
      const body: Record<string, unknown> = {};
      if (values.name.trim() !== initial.name) body.name = values.name.trim();
      for (const field of textFields)
        if (values[field].trim() !== initial[field]) body[field] = values[field].trim() || null;
      if (employees !== (company.employees ?? null)) body.employees = employees;
      if (values.ownerId !== initial.ownerId) body.ownerId = values.ownerId;
      const properties = propertiesToUpdate(initial.properties, values.properties);
      if (properties) body.properties = properties;
      return patch<Company>(`/api/companies/${company.id}`, body);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['company', saved.id], saved);
      queryClient.invalidateQueries({ queryKey: ['companies'] });
      // Leads and deals show the company's name.
      queryClient.invalidateQueries({ queryKey: ['contact'] });
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['deals'] });
      notifications.show({ color: 'teal', message: company ? `Saved ${saved.name}.` : `Added ${saved.name}.` });
      props.onClose();
      if (!company) navigate(`/companies/${saved.id}`);
    },
  });
  const propertyErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([path]) => path.startsWith('properties.'))
      .map(([path, message]) => [path.slice('properties.'.length), String(message)]),
  );

  return (
    <Modal opened onClose={props.onClose} title={company ? `Edit ${company.name}` : 'New company'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
            <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
            <TextInput
              label="Domain"
              placeholder="example.com"
              description="Leads with an address here join the company"
              {...form.getInputProps('domain')}
            />
            <TextInput label="Industry" {...form.getInputProps('industry')} />
            <NumberInput label="Employees" min={0} thousandSeparator="," {...form.getInputProps('employees')} />
            <TextInput label="Country" {...form.getInputProps('country')} />
            <TextInput label="Region" {...form.getInputProps('region')} />
            <Select
              label="Account owner"
              description="Routing sends the company's new leads to them"
              placeholder="Unassigned"
              data={ownerOptions(users.data, form.values.ownerId)}
              searchable
              clearable
              {...form.getInputProps('ownerId')}
            />
          </SimpleGrid>
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
            <Alert color="red" title="Not saved">
              {errorMessage(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {company ? 'Save' : 'Add company'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
