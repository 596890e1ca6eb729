import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post } from '../../api/client';
import type { LeadRef } from '../../api/types';
import { contactName } from './contact-name';
import { useRefreshLead } from './use-refresh-lead';

/** Sales takes the MQL: it becomes a SAL, and the accepter's if nobody owned it. */
export function AcceptLeadModal(props: { contact: LeadRef; opened: boolean; onClose(): void }) {
  const refresh = useRefreshLead(props.contact.id);
  const [note, setNote] = useState('');
  const accept = useMutation({
    mutationFn: () => post(`/api/contacts/${props.contact.id}/accept`, { note: note.trim() || undefined }),
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'teal', message: `${contactName(props.contact)} is now a sales accepted lead.` });
      close();
    },
  });
  const close = () => {
    setNote('');
    accept.reset();
    props.onClose();
  };
  return (
    <Modal opened={props.opened} onClose={close} title={`Accept ${contactName(props.contact)}`}>
      <Stack>
        <Text size="sm">
          The lead moves from MQL to SAL: sales has looked and will work it.
          {props.contact.ownerId ? '' : ' Nobody owns it yet, so it becomes yours.'}
        </Text>
        <Textarea
          label="Note"
          description="Optional; kept in the stage history"
          maxLength={2000}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        {accept.isError && <Alert color="red">{errorMessage(accept.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="teal" loading={accept.isPending} onClick={() => accept.mutate()}>
            Accept lead
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
