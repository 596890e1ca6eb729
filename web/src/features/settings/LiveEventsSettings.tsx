import { BarChart } from '@mantine/charts';
import { Alert, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, get, post } from '../../api/client';
import { formatAge, formatNumber } from '../../api/format';
import type { IngestHistory, LiveIngest } from '../../api/types';
import { LiveEventsTable, RefusedTable } from './LiveEventsTables';

export function LiveEventsSettings() {
  const queryClient = useQueryClient();
  // Every 2 s while the page is visible; TanStack Query pauses the interval in a background tab.
  const live = useQuery({
    queryKey: ['ingest', 'live'],
    queryFn: () => get<LiveIngest>('/api/ingest/live'),
    refetchInterval: 2_000,
  });
  const retry = useMutation({
    mutationFn: () => post<{ retried: number }>('/api/ingest/failures/retry', {}),
    onSuccess: ({ retried }) => {
      notifications.show({
        message: retried === 1 ? '1 event is back on the queue.' : `${retried} events are back on the queue.`,
      });
      queryClient.invalidateQueries({ queryKey: ['ingest', 'live'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const data = live.data;

  return (
    <Stack>
      <Text c="dimmed" size="sm" maw={720}>
        What the tracker and the ingest API receive right now, refreshed every two seconds: each event and how far the
        pipeline has applied it, and each message that was refused, with the reason.
      </Text>
      {live.isError && (
        <Alert color="red" title="The live view could not be loaded">
          {errorMessage(live.error)}
        </Alert>
      )}
      {live.isPending && <Skeleton h={96} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label="Accepted today" value={data.today.accepted} />
            <Stat label="Duplicates" value={data.today.duplicates} hint="Retries, stored once" />
            <Stat label="Refused" value={data.today.rejected} tone={data.today.rejected > 0 ? 'red' : undefined} />
            <Stat label="Bots dropped" value={data.today.bots} hint="Counted, not stored" />
          </SimpleGrid>
          <PipelineCard
            pipeline={data.pipeline}
            onRetry={() => retry.mutate()}
            retrying={retry.isPending}
            checkedAt={live.dataUpdatedAt}
          />
          <Card withBorder padding={0}>
            <Group justify="space-between" p="md" pb="xs">
              <Title order={4}>Recent events</Title>
              <Text size="xs" c="dimmed">
                Last 15 minutes, newest first
              </Text>
            </Group>
            <LiveEventsTable events={data.events} />
          </Card>
          <Card withBorder padding={0}>
            <Group justify="space-between" p="md" pb="xs">
              <Title order={4}>Refused messages</Title>
              <Text size="xs" c="dimmed">
                Last 15 minutes · kept for a week
              </Text>
            </Group>
            <RefusedTable rejections={data.rejections} />
          </Card>
        </>
      )}
      <HistoryChart />
    </Stack>
  );
}

function Stat({ label, value, hint, tone }: { label: string; value: number; hint?: string; tone?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} mt={4} c={tone}>
        {formatNumber(value)}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function PipelineCard(props: {
  pipeline: LiveIngest['pipeline'];
  onRetry(): void;
  retrying: boolean;
  checkedAt: number;
}) {
  const { queued, failures, oldestQueuedAt } = props.pipeline;
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="center" gap="sm">
        <div>
          <Text fw={600}>Pipeline</Text>
          <Text size="sm" c="dimmed">
            {queued === 0
              ? 'All caught up: every event received has been applied to leads.'
              : `${formatNumber(queued)} ${queued === 1 ? 'event' : 'events'} waiting${
                  oldestQueuedAt ? ` · oldest waiting ${formatAge(props.checkedAt - Date.parse(oldestQueuedAt))}` : ''
                }`}
          </Text>
          <Text size="sm" c={failures > 0 ? 'red' : 'dimmed'}>
            {failures === 0
              ? 'No failed events.'
              : `${formatNumber(failures)} ${failures === 1 ? 'event' : 'events'} could not be applied.`}
          </Text>
        </div>
        {failures > 0 && (
          <Button leftSection={<IconRefresh size={16} />} onClick={props.onRetry} loading={props.retrying}>
            Retry failed events
          </Button>
        )}
      </Group>
    </Card>
  );
}

function HistoryChart() {
  const history = useQuery({
    queryKey: ['ingest', 'history'],
    queryFn: () => get<IngestHistory>('/api/ingest/history?days=14'),
    refetchInterval: 30_000,
  });
  const data = (history.data?.days ?? []).map((day) => ({
    // Days are UTC dates; read them as such so no time zone shifts a bar to the day before.
    day: new Date(`${day.day}T00:00:00Z`).toLocaleDateString(undefined, {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }),
    accepted: day.accepted,
    refused: day.rejected,
  }));
  return (
    <Card withBorder padding="lg">
      <Text fw={600} mb="md">
        Last 14 days
      </Text>
      {history.isPending && <Skeleton h={220} />}
      {history.isError && <Alert color="red">{errorMessage(history.error)}</Alert>}
      {history.isSuccess && (
        <BarChart
          h={220}
          data={data}
          dataKey="day"
          series={[
            { name: 'accepted', color: 'teal.6', label: 'Accepted' },
            { name: 'refused', color: 'red.6', label: 'Refused' },
          ]}
          tickLine="y"
          withLegend
          withTooltip
        />
      )}
    </Card>
  );
}
