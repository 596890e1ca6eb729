import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, patch } from '../../api/client';
import { usePropertyDefinitions } from '../../api/directory';
import type { Contact } from '../../api/types';
import { ContactFormFields } from './ContactFormFields';
import { contactFormValues, contactToUpdate, validateContactForm } from './contact-form';
import { contactName } from './contact-name';
import { useRefreshLead } from './use-refresh-lead';

/** The lead's fields, owner and custom properties; only what changed is sent. Opened fresh per use. */
export function EditLeadModal(props: { contact: Contact; onClose(): void }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshLead(props.contact.id);
  const definitions = usePropertyDefinitions('contact');
  const initial = contactFormValues(props.contact);
  const form = useForm({
    initialValues: initial,
    validate: (values) => validateContactForm(values, definitions.data ?? []),
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      patch<Contact>(`/api/contacts/${props.contact.id}`, contactToUpdate(initial, values)),
    onSuccess: (contact) => {
      queryClient.setQueryData(['contact', contact.id], contact);
      refresh();
      queryClient.invalidateQueries({ queryKey: ['companies'] });
      notifications.show({ color: 'teal', message: `Saved ${contactName(contact)}.` });
      props.onClose();
    },
  });

  return (
    <Modal opened onClose={props.onClose} title={`Edit ${contactName(props.contact)}`} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <ContactFormFields form={form} definitions={definitions.data ?? []} />
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
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
