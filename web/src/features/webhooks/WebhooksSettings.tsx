import { Badge, Button, Card, Group, Menu, Stack, Table, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconDots, IconWebhook } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, get, post } from '../../api/client';
import { SecretReveal } from '../settings/SecretReveal';
import { DeliveryLog } from './DeliveryLog';
import { statusColors, type WebhookEndpoint } from './types';
import { WebhookFormModal } from './WebhookFormModal';

/** Settings → Webhooks: where Baton sends its events, how each endpoint is doing, and its log. */
export function WebhooksSettings() {
  const queryClient = useQueryClient();
  const endpoints = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => get<{ items: WebhookEndpoint[] }>('/api/webhooks'),
    // Quickly while a delivery is on its way (a test event settles in a moment), slowly otherwise.
    refetchInterval: (query) =>
      query.state.data?.items.some((endpoint) => endpoint.lastDelivery?.status === 'pending') ? 2_000 : 15_000,
  });
  const [editing, setEditing] = useState<{ endpoint?: WebhookEndpoint } | undefined>();
  const [revealed, setRevealed] = useState<{ label: string; secret: string }>();
  const [logOf, setLogOf] = useState<WebhookEndpoint>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });

  const action = useMutation({
    mutationFn: async ({
      endpoint,
      kind,
    }: {
      endpoint: WebhookEndpoint;
      kind: 'test' | 'rotate' | 'enable' | 'delete';
    }) => {
      if (kind === 'test') return post(`/api/webhooks/${endpoint.id}/test`);
      if (kind === 'enable') return post(`/api/webhooks/${endpoint.id}/enable`);
      if (kind === 'delete') return del(`/api/webhooks/${endpoint.id}`);
      const rotated = await post<{ secret: string }>(`/api/webhooks/${endpoint.id}/rotate-secret`);
      setRevealed({
        label: `New signing secret for ${endpoint.url} (the old one also works for 24 hours)`,
        secret: rotated.secret,
      });
    },
    onSuccess: (_, { kind }) => {
      if (kind === 'test') notifications.show({ color: 'teal', message: 'Test event sent: see the delivery log' });
      refresh();
    },
    onError,
  });
  const confirm = (endpoint: WebhookEndpoint, kind: 'rotate' | 'delete') =>
    modals.openConfirmModal({
      title: kind === 'delete' ? 'Delete this webhook?' : 'Rotate the signing secret?',
      children: (
        <Text size="sm">
          {kind === 'delete'
            ? 'Baton stops sending to it at once, and its delivery log is deleted.'
            : 'Baton signs with both the old and the new secret for 24 hours, then with the new one only.'}
        </Text>
      ),
      labels: { confirm: kind === 'delete' ? 'Delete' : 'Rotate', cancel: 'Cancel' },
      confirmProps: { color: kind === 'delete' ? 'red' : undefined },
      onConfirm: () => action.mutate({ endpoint, kind }),
    });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" size="sm" maw={640}>
          Baton POSTs events (a lead became an MQL, was assigned, breached its SLA…) to these URLs, signed with each
          endpoint's secret, and retries failures for up to 72 hours.
        </Text>
        <Button leftSection={<IconWebhook size={16} />} onClick={() => setEditing({})}>
          Add webhook
        </Button>
      </Group>
      {revealed && <SecretReveal label={revealed.label} secret={revealed.secret} />}
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Endpoint</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last delivery</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {endpoints.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed" ta="center" py="md">
                      No webhooks yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {endpoints.data?.items.map((endpoint) => (
                <Table.Tr key={endpoint.id}>
                  <Table.Td maw={320}>
                    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {endpoint.url}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[endpoint.description, endpoint.format === 'slack' ? 'Slack format' : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {endpoint.eventTypes.includes('*')
                        ? 'All events'
                        : endpoint.eventTypes.length === 0
                          ? 'None'
                          : endpoint.eventTypes.join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {endpoint.enabled ? (
                      <Badge variant="light" color={endpoint.consecutiveFailures > 0 ? 'orange' : 'teal'}>
                        {endpoint.consecutiveFailures > 0 ? `failing (${endpoint.consecutiveFailures})` : 'enabled'}
                      </Badge>
                    ) : (
                      <Tooltip label={endpoint.disabledReason ?? 'disabled'}>
                        <Stack gap={2}>
                          <Badge variant="light" color="red">
                            disabled
                          </Badge>
                          <Text size="xs" c="dimmed">
                            {endpoint.disabledReason}
                          </Text>
                        </Stack>
                      </Tooltip>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {endpoint.lastDelivery ? (
                      <Group gap={6}>
                        <Badge variant="dot" color={statusColors[endpoint.lastDelivery.status]}>
                          {endpoint.lastDelivery.status}
                          {endpoint.lastDelivery.lastStatus ? ` · ${endpoint.lastDelivery.lastStatus}` : ''}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {new Date(endpoint.lastDelivery.at).toLocaleString()}
                        </Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        never
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td align="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setLogOf(endpoint)}>
                        Delivery log
                      </Button>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <Button size="xs" variant="subtle" aria-label="More actions">
                            <IconDots size={16} />
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setEditing({ endpoint })}>Edit</Menu.Item>
                          <Menu.Item
                            disabled={!endpoint.enabled}
                            onClick={() => action.mutate({ endpoint, kind: 'test' })}
                          >
                            Send test event
                          </Menu.Item>
                          {!endpoint.enabled && (
                            <Menu.Item onClick={() => action.mutate({ endpoint, kind: 'enable' })}>Enable</Menu.Item>
                          )}
                          <Menu.Item onClick={() => confirm(endpoint, 'rotate')}>Rotate secret</Menu.Item>
                          <Menu.Item color="red" onClick={() => confirm(endpoint, 'delete')}>
                            Delete
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {editing && (
        <WebhookFormModal
          opened
          endpoint={editing.endpoint}
          onClose={() => setEditing(undefined)}
          onSaved={({ endpoint, secret }) => {
            setEditing(undefined);
            refresh();
            if (secret) setRevealed({ label: `Signing secret for ${endpoint.url}`, secret });
          }}
        />
      )}
      <DeliveryLog endpoint={logOf} onClose={() => setLogOf(undefined)} />
    </Stack>
  );
}
