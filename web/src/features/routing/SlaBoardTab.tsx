import { Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, get, post } from '../../api/client';
import { formatMs, type SlaBoard } from './types';

const countdown = (dueAt: string, now: number) => {
  const left = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(left) / 60_000);
  const seconds = Math.floor((Math.abs(left) % 60_000) / 1000);
  const text = minutes >= 120 ? `${Math.round(minutes / 60)} h` : `${minutes}:${String(seconds).padStart(2, '0')}`;
  return left >= 0 ? `${text} left` : `${text} over`;
};

/** The manager board: open clocks counting down, breaches, the fallback queue, both sides of the SLA. */
export function SlaBoardTab() {
  const queryClient = useQueryClient();
  const board = useQuery({
    queryKey: ['sla-board'],
    queryFn: () => get<SlaBoard>('/api/sla/board'),
    refetchInterval: 10_000,
  });
  const [now, setNow] = useState(Date.now());
  const ticker = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => {
    ticker.start();
    return ticker.stop;
  }, [ticker]);
  const reroute = useMutation({
    mutationFn: (contactId: string) =>
      post<{ items: { userId: string | null; reason: string }[] }>('/api/contacts/reassign', {
        contactIds: [contactId],
        userId: null,
      }),
    onSuccess: (result) => {
      const outcome = result.items[0];
      notifications.show({ color: outcome?.userId ? 'green' : 'orange', message: outcome?.reason ?? 'Routed again' });
      queryClient.invalidateQueries({ queryKey: ['sla-board'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = board.data;
  if (!data) return null;
  const m = data.marketing;
  const verdicts = m.acceptedThisMonth + m.rejectedThisMonth;
  const acceptance = verdicts === 0 ? null : Math.round((m.acceptedThisMonth / verdicts) * 100);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Marketing: MQLs this month
          </Text>
          <Title order={3}>
            {m.mqlsThisMonth}
            {m.monthlyMqlGoal > 0 && (
              <Text span c="dimmed">
                {' '}
                / {m.monthlyMqlGoal}
              </Text>
            )}
          </Title>
          {m.monthlyMqlGoal > 0 && (
            <Progress mt="xs" value={Math.min(100, (m.mqlsThisMonth / m.monthlyMqlGoal) * 100)} />
          )}
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Acceptance rate this month
          </Text>
          <Title order={3}>
            {acceptance === null ? '–' : `${acceptance} %`}
            {m.acceptanceGoalPercent > 0 && (
              <Text span c="dimmed">
                {' '}
                goal {m.acceptanceGoalPercent} %
              </Text>
            )}
          </Title>
          <Text size="xs" c="dimmed">
            {m.acceptedThisMonth} accepted, {m.rejectedThisMonth} rejected
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            Baton’s own delay (last 30 days, {data.systemDelay.count} hand-offs)
          </Text>
          <Text size="sm">
            ready → assigned: p50 {formatMs(data.systemDelay.assignP50Ms)}, p99 {formatMs(data.systemDelay.assignP99Ms)}
          </Text>
          <Text size="sm">
            assigned → rep notified: p50 {formatMs(data.systemDelay.notifyP50Ms)}, p99{' '}
            {formatMs(data.systemDelay.notifyP99Ms)}
          </Text>
        </Card>
      </SimpleGrid>

      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Open clocks
        </Title>
        {data.open.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every assigned lead has been touched.
          </Text>
        ) : (
          <Table aria-label="Open SLA clocks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Rep</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.open.map((clock) => (
                <Table.Tr key={clock.clockId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/leads/${clock.contactId}`}>
                      {clock.contactName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{clock.userName}</Table.Td>
                  <Table.Td>{clock.kind === 'hand_raiser' ? 'hand-raiser' : 'MQL'}</Table.Td>
                  <Table.Td>
                    <Badge color={Date.parse(clock.dueAt) < now ? 'red' : 'blue'} variant="light">
                      {countdown(clock.dueAt, now)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Fallback queue
        </Title>
        {data.fallback.length === 0 ? (
          <Text size="sm" c="dimmed">
            Empty: every lead found a rep.
          </Text>
        ) : (
          <Stack gap="xs">
            {data.fallback.map((item) => (
              <Group key={item.assignmentId} justify="space-between">
                <div>
                  <Anchor component={Link} to={`/leads/${item.contactId}`}>
                    {item.contactName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {new Date(item.at).toLocaleString()} · {item.reason}
                  </Text>
                </div>
                <Button
                  size="xs"
                  variant="light"
                  loading={reroute.isPending}
                  onClick={() => reroute.mutate(item.contactId)}
                >
                  Route again
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder padding="lg">
        <Title order={4} mb="sm">
          Response per rep (last 30 days)
        </Title>
        <Table aria-label="Response per rep">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Assigned</Table.Th>
              <Table.Th>Touched</Table.Th>
              <Table.Th>Within SLA</Table.Th>
              <Table.Th>Breached</Table.Th>
              <Table.Th>Median first touch</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.reps.map((rep) => (
              <Table.Tr key={rep.userId}>
                <Table.Td>{rep.name}</Table.Td>
                <Table.Td>{rep.assigned}</Table.Td>
                <Table.Td>{rep.touched}</Table.Td>
                <Table.Td>{rep.met}</Table.Td>
                <Table.Td>{rep.missed > 0 ? <Badge color="red">{rep.missed}</Badge> : 0}</Table.Td>
                <Table.Td>{formatMs(rep.medianResponseMs)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      {data.breaches.length > 0 && (
        <Card withBorder padding="lg">
          <Title order={4} mb="sm">
            Recent breaches
          </Title>
          <Stack gap={4}>
            {data.breaches.map((breach) => (
              <Text key={breach.clockId} size="sm">
                <Anchor component={Link} to={`/leads/${breach.contactId}`}>
                  {breach.contactName}
                </Anchor>{' '}
                — {breach.userName}, due {new Date(breach.dueAt).toLocaleString()},{' '}
                {breach.firstTouchAt ? `touched ${new Date(breach.firstTouchAt).toLocaleString()}` : breach.status}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
