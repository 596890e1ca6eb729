import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post } from '../../api/client';
import type { Contact } from '../../api/types';
import { statusOptions } from './lead-filters';
import { useRefreshLead } from './use-refresh-lead';

/** Where sales is with the lead, apart from its stage; every change is kept in the timeline. */
export function WorkingStatusSelect({ contact, size }: { contact: Contact; size?: string }) {
  const queryClient = useQueryClient();
  const refresh = useRefreshLead(contact.id);
  // The choice shows at once while it is saved, then the refreshed record takes over.
  const [choice, setChoice] = useState<string>();
  const change = useMutation({
    mutationFn: (status: string) => post(`/api/contacts/${contact.id}/status`, { status }),
    onSuccess: (_, status) => {
      queryClient.setQueryData<Contact>(['contact', contact.id], (current) =>
        current ? { ...current, workingStatus: status } : current,
      );
      refresh();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    onSettled: () => setChoice(undefined),
  });
  return (
    <Select
      aria-label="Working status"
      placeholder="Working status"
      data={statusOptions}
      value={choice ?? contact.workingStatus}
      onChange={(status) => {
        if (!status) return;
        setChoice(status);
        change.mutate(status);
      }}
      allowDeselect={false}
      disabled={change.isPending}
      size={size}
      w={size === 'xs' ? 130 : 170}
    />
  );
}
