import { Button, Card, Code, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { AuditEvent } from '../../api/types';

const PAGE = 50;

export function AuditLog() {
  const events = useInfiniteQuery({
    queryKey: ['audit-events'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<{ items: AuditEvent[]; nextCursor: string | null }>(
        `/api/audit-events?limit=${PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td>{new Date(event.at).toLocaleString()}</Table.Td>
                  <Table.Td>{event.action}</Table.Td>
                  <Table.Td>{event.actorType}</Table.Td>
                  <Table.Td>
                    <Code>{JSON.stringify(event.details)}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {rows.length === 0 && !events.isPending && (
        <Text c="dimmed" size="sm">
          Nothing recorded yet.
        </Text>
      )}
      {events.hasNextPage && (
        <Button variant="default" onClick={() => events.fetchNextPage()} loading={events.isFetchingNextPage}>
          Older
        </Button>
      )}
    </Stack>
  );
}
