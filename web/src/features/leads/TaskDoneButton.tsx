import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, post } from '../../api/client';

/** Ticks off an open task where it shows in the timeline. */
export function TaskDoneButton({ taskId }: { taskId: string }) {
  const queryClient = useQueryClient();
  const done = useMutation({
    mutationFn: () => post(`/api/sales-activities/${taskId}/complete`, { done: true }),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['contact'] });
      queryClient.invalidateQueries({ queryKey: ['company'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Button
      size="compact-xs"
      variant="light"
      leftSection={<IconCheck size={12} />}
      mt={4}
      loading={done.isPending}
      onClick={() => done.mutate()}
    >
      Mark done
    </Button>
  );
}
