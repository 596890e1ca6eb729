import { Alert, Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage, post } from '../../api/client';
import { usePropertyDefinitions } from '../../api/directory';
import type { Contact } from '../../api/types';
import { ContactFormFields } from './ContactFormFields';
import { type ContactFormValues, contactFormValues, contactToCreate, validateContactForm } from './contact-form';
import { contactName } from './contact-name';
import { stageOptions } from './lead-filters';

/** A lead entered by hand: a call that came in, a card from a trade show. */
export function NewLeadModal(props: { opened: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const definitions = usePropertyDefinitions('contact');
  const form = useForm<ContactFormValues>({
    initialValues: contactFormValues(),
    validate: (values) => validateContactForm(values, definitions.data ?? []),
  });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => post<Contact>('/api/contacts', contactToCreate(values)),
    onSuccess: (contact) => {
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      queryClient.invalidateQueries({ queryKey: ['companies'] });
      queryClient.invalidateQueries({ queryKey: ['overview'] });
      notifications.show({ color: 'teal', message: `${contactName(contact)} was added.` });
      close();
      // Straight to the record: the next thing is usually to work the lead.
      navigate(`/leads/${contact.id}`);
    },
  });
  const close = () => {
    form.reset();
    create.reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title="New lead" size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          <ContactFormFields form={form} definitions={definitions.data ?? []} />
          <Select label="Stage" data={stageOptions} allowDeselect={false} {...form.getInputProps('stage')} />
          {create.isError && (
            <Alert color="red" title="The lead was not created">
              {errorMessage(create.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create lead
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
