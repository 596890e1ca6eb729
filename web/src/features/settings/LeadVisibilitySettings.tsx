import { Card, Radio, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, get, patch } from '../../api/client';
import type { LeadVisibility, WorkspaceSettings } from '../../api/types';

const choices: { value: LeadVisibility; label: string; description: string }[] = [
  { value: 'all', label: 'All leads', description: 'Every sales rep sees every lead in the workspace.' },
  {
    value: 'team',
    label: 'Their team’s leads',
    description: 'A rep sees the leads owned by them and by the members of their teams.',
  },
  { value: 'own', label: 'Only their own leads', description: 'A rep sees only the leads they own.' },
];

/** Which leads sales reps see; admins, marketers and sales managers always see all of them. */
export function LeadVisibilitySettings() {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['workspace-settings'],
    queryFn: () => get<WorkspaceSettings>('/api/workspace/settings'),
  });
  // The choice shows at once, while it is saved; a failure puts the saved one back.
  const [choice, setChoice] = useState<LeadVisibility>();
  const change = useMutation({
    mutationFn: (leadVisibility: LeadVisibility) =>
      patch<WorkspaceSettings>('/api/workspace/settings', { leadVisibility }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['workspace-settings'], saved);
      notifications.show({ color: 'green', message: 'Lead visibility saved.' });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    onSettled: () => setChoice(undefined),
  });

  return (
    <Card withBorder padding="lg">
      <Radio.Group
        label="Lead visibility"
        description="Which leads sales reps see. Admins, marketers and sales managers always see all of them."
        // The group's label is the card's heading (a heading element may not sit inside a label).
        styles={{
          label: { fontSize: 'var(--mantine-h4-font-size)', fontWeight: 700 },
          description: { marginBottom: 'var(--mantine-spacing-sm)' },
        }}
        value={choice ?? settings.data?.leadVisibility ?? null}
        onChange={(value) => {
          setChoice(value as LeadVisibility);
          change.mutate(value as LeadVisibility);
        }}
      >
        <Stack gap="sm">
          {choices.map((choice) => (
            <Radio
              key={choice.value}
              value={choice.value}
              label={choice.label}
              description={choice.description}
              disabled={!settings.data}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Card>
  );
}
