import { Badge, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { errorMessage, get, post } from '../../api/client';
import {
  type DeliveryStatus,
  statusColors,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookEndpoint,
} from './types';

/** An endpoint's deliveries, newest first, each with its attempts and a replay button. */
export function DeliveryLog(props: { endpoint: WebhookEndpoint | undefined; onClose(): void }) {
  const [status, setStatus] = useState<'all' | DeliveryStatus>('all');
  const [open, setOpen] = useState<string>();
  const queryClient = useQueryClient();
  const endpointId = props.endpoint?.id;
  const deliveries = useInfiniteQuery({
    queryKey: ['webhook-deliveries', endpointId, status],
    enabled: Boolean(endpointId),
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '25' });
      if (status !== 'all') query.set('status', status);
      if (pageParam) query.set('cursor', pageParam);
      return get<{ items: WebhookDelivery[]; nextCursor: string | null }>(
        `/api/webhooks/${endpointId}/deliveries?${query}`,
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const replay = useMutation({
    mutationFn: (id: string) => post<WebhookDelivery>(`/api/webhook-deliveries/${id}/replay`),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: 'Sending again now' });
      queryClient.invalidateQueries({ queryKey: ['webhook-deliveries', endpointId] });
      queryClient.invalidateQueries({ queryKey: ['webhook-attempts'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Modal opened={Boolean(props.endpoint)} onClose={props.onClose} title="Delivery log" size="xl">
      <Stack>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {props.endpoint?.url}
          </Text>
          <SegmentedControl
            size="xs"
            value={status}
            onChange={(value) => setStatus(value as typeof status)}
            data={['all', 'pending', 'delivered', 'failed', 'cancelled']}
          />
        </Group>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Last response</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 && !deliveries.isLoading && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    No deliveries yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((delivery) => (
              <Fragment key={delivery.id}>
                <Table.Tr
                  style={{ cursor: 'pointer' }}
                  onClick={() => setOpen(open === delivery.id ? undefined : delivery.id)}
                >
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {delivery.eventType}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {new Date(delivery.createdAt).toLocaleString()}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={statusColors[delivery.status]}>
                      {delivery.status}
                    </Badge>
                    {delivery.status === 'pending' && delivery.nextAttemptAt && delivery.attempts > 0 && (
                      <Text size="xs" c="dimmed">
                        next try {new Date(delivery.nextAttemptAt).toLocaleTimeString()}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{delivery.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {delivery.lastStatus ? `HTTP ${delivery.lastStatus}` : delivery.attempts ? 'no response' : '—'}
                    </Text>
                    {delivery.lastError && (
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {delivery.lastError}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td align="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={replay.isPending && replay.variables === delivery.id}
                      disabled={!props.endpoint?.enabled}
                      onClick={(event) => {
                        event.stopPropagation();
                        replay.mutate(delivery.id);
                      }}
                    >
                      Replay
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open === delivery.id && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Attempts deliveryId={delivery.id} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
        {deliveries.hasNextPage && (
          <Button variant="default" loading={deliveries.isFetchingNextPage} onClick={() => deliveries.fetchNextPage()}>
            Older deliveries
          </Button>
        )}
      </Stack>
    </Modal>
  );
}

function Attempts({ deliveryId }: { deliveryId: string }) {
  const attempts = useQuery({
    queryKey: ['webhook-attempts', deliveryId],
    queryFn: () => get<{ items: WebhookAttempt[] }>(`/api/webhook-deliveries/${deliveryId}/attempts`),
  });
  if (attempts.data?.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Not attempted yet.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {attempts.data?.items.map((attempt) => (
        <Stack key={attempt.id} gap={2}>
          <Text size="sm">
            #{attempt.attempt} · {new Date(attempt.at).toLocaleString()} · {attempt.durationMs} ms ·{' '}
            {attempt.responseStatus ? `HTTP ${attempt.responseStatus}` : attempt.error}
          </Text>
          {attempt.responseBody && (
            <Code block style={{ maxHeight: 120, overflow: 'auto', fontSize: 12 }}>
              {attempt.responseBody}
            </Code>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
