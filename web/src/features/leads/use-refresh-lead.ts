import { useQueryClient } from '@tanstack/react-query';

/**
 * After any change to a lead: its record, timeline and stage history, the lists and queues it appears in, its
 * deals and the overview counts may all have moved.
 */
export function useRefreshLead(contactId: string) {
  const queryClient = useQueryClient();
  return () => {
    queryClient.invalidateQueries({ queryKey: ['contact', contactId] });
    queryClient.invalidateQueries({ queryKey: ['contacts'] });
    queryClient.invalidateQueries({ queryKey: ['queue'] });
    queryClient.invalidateQueries({ queryKey: ['deals'] });
    queryClient.invalidateQueries({ queryKey: ['overview'] });
  };
}
