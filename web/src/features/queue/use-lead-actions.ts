import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { del, errorMessage, post, put } from '../../api/client';
import { callOutcomeLabels } from '../../api/types';
import { contactName } from '../leads/contact-name';
import { useRefreshLead } from '../leads/use-refresh-lead';
import type { QueueItem } from './queue-api';

/** The one-click actions on a queued lead: log a call with its outcome, accept, snooze or wake. */
export function useLeadActions(item: QueueItem) {
  const name = contactName(item);
  const refresh = useRefreshLead(item.contactId);
  const done = (message: string) => {
    refresh();
    notifications.show({ color: 'teal', message });
  };
  const failed = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });
  const logCall = useMutation({
    mutationFn: (outcome: string) =>
      post('/api/sales-activities', { type: 'call', contactId: item.contactId, outcome }),
    onSuccess: (_, outcome) => done(`Call with ${name} logged: ${callOutcomeLabels[outcome]}.`),
    onError: failed,
  });
  const accept = useMutation({
    mutationFn: () => post(`/api/contacts/${item.contactId}/accept`, {}),
    onSuccess: () => done(`${name} is now a sales accepted lead.`),
    onError: failed,
  });
  const snooze = useMutation({
    mutationFn: (until: Date | null) =>
      until ? put(`/api/contacts/${item.contactId}/snooze`, { until }) : del(`/api/contacts/${item.contactId}/snooze`),
    onSuccess: (_, until) =>
      done(
        until
          ? `${name} is snoozed until ${dayjs(until).format('ddd D MMM, HH:mm')}.`
          : `${name} is back in your queue.`,
      ),
    onError: failed,
  });
  return { logCall, accept, snooze };
}
