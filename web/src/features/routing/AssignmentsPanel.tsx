import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { RelativeTime } from '../../app/RelativeTime';
import { formatMs, type Skip } from './types';

type Assignment = {
  id: string;
  kind: 'routed' | 'fallback' | 'reassigned' | 'manual';
  userId: string | null;
  userName: string | null;
  rule: string | null;
  reason: string;
  skipped: Skip[];
  at: string;
  notifiedAt: string | null;
  slaDueAt: string | null;
  slaStatus: 'open' | 'met' | 'missed' | 'reassigned' | null;
  firstTouchAt: string | null;
  responseMs: number | null;
};

const kindWords: Record<Assignment['kind'], string> = {
  routed: 'Routed',
  fallback: 'Fallback queue',
  reassigned: 'Reassigned (SLA)',
  manual: 'Reassigned by a manager',
};
const statusColors: Record<string, string> = { open: 'blue', met: 'green', missed: 'red', reassigned: 'orange' };

/** Who got this lead, when, by which rule, who was skipped, and how the SLA went. */
export function AssignmentsPanel({ contactId }: { contactId: string }) {
  const history = useQuery({
    queryKey: ['contact', contactId, 'assignments'],
    queryFn: () => get<{ items: Assignment[] }>(`/api/contacts/${contactId}/assignments`),
  });
  const items = history.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="lg" aria-label="Assignment history">
      <Title order={4} mb="sm">
        Assignments
      </Title>
      <Stack gap="sm">
        {items.map((item) => (
          <Stack key={item.id} gap={2}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {kindWords[item.kind]}: {item.userName ?? 'no rep'}
              </Text>
              {item.slaStatus && (
                <Badge size="sm" color={statusColors[item.slaStatus]} variant="light">
                  SLA {item.slaStatus}
                </Badge>
              )}
              <RelativeTime at={item.at} size="xs" c="dimmed" />
            </Group>
            <Text size="sm" c="dimmed">
              {item.reason}
            </Text>
            {item.skipped.length > 0 && (
              <Text size="xs" c="dimmed">
                Skipped: {item.skipped.map((skip) => `${skip.name ?? 'someone'} (${skip.why})`).join('; ')}
              </Text>
            )}
            {item.firstTouchAt && (
              <Text size="xs" c="dimmed">
                First touch after {formatMs(item.responseMs)}
              </Text>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
