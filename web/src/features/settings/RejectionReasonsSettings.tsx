import { ActionIcon, Badge, Button, Card, Group, Menu, Select, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, get, put } from '../../api/client';
import type { RejectionOutcome, RejectionReason } from '../../api/types';
import { outcomeOptions, RejectionReasonModal } from './RejectionReasonModal';

/**
 * The reasons sales gives when it turns a lead back. One agreed list makes rejections countable:
 * marketing tunes scoring and campaigns from it.
 */
export function RejectionReasonsSettings() {
  const queryClient = useQueryClient();
  const [adding, addModal] = useDisclosure(false);
  const [editing, setEditing] = useState<RejectionReason>();
  const reasons = useQuery({
    queryKey: ['rejection-reasons'],
    queryFn: () => get<{ items: RejectionReason[] }>('/api/rejection-reasons'),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['rejection-reasons'] });
  const onError = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) });
  const save = useMutation({
    mutationFn: (reason: RejectionReason) =>
      put(`/api/rejection-reasons/${reason.code}`, {
        label: reason.label,
        defaultOutcome: reason.defaultOutcome,
        archived: reason.archived,
      }),
    onSuccess: refresh,
    onError,
  });
  const archive = useMutation({
    mutationFn: (reason: RejectionReason) => del(`/api/rejection-reasons/${reason.code}`),
    onSuccess: refresh,
    onError,
  });
  const items = reasons.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          What sales picks when it rejects a lead, and whether that usually recycles the lead to nurture or disqualifies
          it. Archived reasons stay on past rejections but are no longer offered.
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={addModal.open}>
          New reason
        </Button>
      </Group>
      {items.length > 0 && (
        <Card withBorder padding={0}>
          {/* Fixed columns fit a phone: the label wraps, the outcome and actions keep their size. */}
          <Table verticalSpacing="sm" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reason</Table.Th>
                <Table.Th w={170}>Usually leads to</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((reason) => (
                <Table.Tr key={reason.code} opacity={reason.archived ? 0.6 : 1}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {reason.label}
                      </Text>
                      {reason.archived && (
                        <Badge size="xs" color="gray">
                          archived
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Usual outcome of ${reason.label}`}
                      size="xs"
                      data={outcomeOptions}
                      allowDeselect={false}
                      value={reason.defaultOutcome}
                      onChange={(value) =>
                        value && save.mutate({ ...reason, defaultOutcome: value as RejectionOutcome })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={`Actions for ${reason.label}`}>
                          <IconDots size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(reason)}>Rename</Menu.Item>
                        {reason.archived ? (
                          <Menu.Item onClick={() => save.mutate({ ...reason, archived: false })}>Restore</Menu.Item>
                        ) : (
                          <Menu.Item color="red" onClick={() => archive.mutate(reason)}>
                            Archive
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      {adding && <RejectionReasonModal taken={items.map((reason) => reason.code)} onClose={addModal.close} />}
      {editing && (
        <RejectionReasonModal
          reason={editing}
          taken={items.map((reason) => reason.code)}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Stack>
  );
}
