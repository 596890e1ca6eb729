import { ActionIcon, Button, Group, Text, Tooltip, useMatches } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconGitMerge, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { del, errorMessage } from '../../api/client';
import { can } from '../../api/permissions';
import type { Contact, Me } from '../../api/types';
import { contactName } from './contact-name';
import { EditLeadModal } from './EditLeadModal';
import { MergeDuplicateModal } from './MergeDuplicateModal';

/** Changing the record itself: edit, merge a duplicate in, delete. */
export function LeadRecordActions({ contact, me }: { contact: Contact; me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, editModal] = useDisclosure(false);
  const [merging, mergeModal] = useDisclosure(false);
  const name = contactName(contact);
  // Smaller buttons on a phone keep the record's actions on one line.
  const size = useMatches({ base: 'xs', sm: 'sm' });
  const remove = useMutation({
    mutationFn: () => del(`/api/contacts/${contact.id}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['contact', contact.id] });
      for (const key of ['contacts', 'deals', 'companies', 'overview'])
        queryClient.invalidateQueries({ queryKey: [key] });
      notifications.show({ color: 'teal', message: `${name} was deleted.` });
      navigate('/leads');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const confirmDelete = () =>
    modals.openConfirmModal({
      title: `Delete ${name}?`,
      children: (
        <Text size="sm">
          The lead and everything recorded about them — activities, touches, stage history, sales activities — are
          deleted for good. Their deals stay, without them.
        </Text>
      ),
      labels: { confirm: 'Delete lead', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(),
    });

  return (
    <Group gap={6}>
      <Button size={size} variant="default" leftSection={<IconPencil size={16} />} onClick={editModal.open}>
        Edit
      </Button>
      {can(me.role, 'mergeContacts') && (
        <Button size={size} variant="default" leftSection={<IconGitMerge size={16} />} onClick={mergeModal.open}>
          Merge duplicate…
        </Button>
      )}
      {can(me.role, 'deleteContacts') &&
        (size === 'xs' ? (
          // On a phone the bin alone keeps the three actions on one line.
          <Tooltip label="Delete lead">
            <ActionIcon
              variant="subtle"
              color="red"
              size={30}
              aria-label="Delete lead"
              onClick={confirmDelete}
              loading={remove.isPending}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={confirmDelete}
            loading={remove.isPending}
          >
            Delete
          </Button>
        ))}
      {editing && <EditLeadModal contact={contact} onClose={editModal.close} />}
      {/* Keyed by contact: a fresh modal (search, choice, reason) for each record. */}
      <MergeDuplicateModal key={contact.id} survivor={contact} opened={merging} onClose={mergeModal.close} />
    </Group>
  );
}
