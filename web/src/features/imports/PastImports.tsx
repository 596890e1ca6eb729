import { ActionIcon, Anchor, Badge, Card, Group, Menu, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconDownload, IconFolderOpen, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { del, errorMessage, get } from '../../api/client';
import { activeStatuses, type ImportStatus, type ImportSummary, kindLabels } from './api';

const statusBadges: Record<ImportStatus, { label: string; color: string }> = {
  uploaded: { label: 'to map', color: 'gray' },
  validating: { label: 'checking', color: 'blue' },
  validated: { label: 'checked', color: 'cyan' },
  queued: { label: 'queued', color: 'blue' },
  running: { label: 'importing', color: 'blue' },
  done: { label: 'done', color: 'teal' },
  failed: { label: 'stopped', color: 'red' },
};

/** The workspace's imports, newest first, with their outcome; one can be opened again. */
export function PastImports(props: { currentId: string | null; onOpen(id: string): void }) {
  const queryClient = useQueryClient();
  const imports = useQuery({
    queryKey: ['imports', 'list'],
    queryFn: () => get<{ items: ImportSummary[] }>('/api/imports?limit=50'),
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => activeStatuses.includes(item.status)) ? 2000 : false,
  });
  const remove = useMutation({
    mutationFn: (id: string) => del(`/api/imports/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const items = imports.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding={0}>
      <Title order={4} p="sm">
        Past imports
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" highlightOnHover fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Of</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Created</Table.Th>
              <Table.Th ta="right">Updated</Table.Th>
              <Table.Th ta="right">Unchanged</Table.Th>
              <Table.Th ta="right">Not imported</Table.Th>
              <Table.Th>By, when</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const badge = statusBadges[item.status];
              const active = activeStatuses.includes(item.status);
              const progress =
                item.progress && active
                  ? ` ${Math.round((item.progress.processed / Math.max(1, item.progress.total)) * 100)} %`
                  : '';
              return (
                <Table.Tr key={item.id} bg={item.id === props.currentId ? 'var(--mantine-color-blue-0)' : undefined}>
                  <Table.Td maw={240}>
                    <Anchor size="sm" component="button" onClick={() => props.onOpen(item.id)}>
                      <Text size="sm" truncate="end">
                        {item.fileName}
                      </Text>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{kindLabels[item.kind]}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge variant="light" color={badge.color} styles={{ label: { overflow: 'visible' } }}>
                      {badge.label}
                      {progress}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{item.totalRows.toLocaleString()}</Table.Td>
                  <Table.Td ta="right">
                    {item.status === 'done' || item.status === 'failed' ? item.created.toLocaleString() : ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.status === 'done' || item.status === 'failed' ? item.updated.toLocaleString() : ''}
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.status === 'done' || item.status === 'failed' ? item.unchanged.toLocaleString() : ''}
                  </Table.Td>
                  <Table.Td ta="right" c={item.failed ? 'red' : undefined}>
                    {item.status === 'done' || item.status === 'failed' ? item.failed.toLocaleString() : ''}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {item.createdByName ?? 'API'}, {new Date(item.createdAt).toLocaleString()}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {item.failed > 0 && (
                        <Tooltip label="Download the error report">
                          <ActionIcon
                            variant="subtle"
                            component="a"
                            href={`/api/imports/${item.id}/errors.csv?phase=run`}
                            download
                            aria-label={`Error report of ${item.fileName}`}
                          >
                            <IconDownload size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`Actions for ${item.fileName}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconFolderOpen size={14} />} onClick={() => props.onOpen(item.id)}>
                            Open
                          </Menu.Item>
                          <Menu.Item
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            disabled={active}
                            onClick={() => remove.mutate(item.id)}
                          >
                            Discard (imported records stay)
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
