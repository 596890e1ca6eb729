import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage, get } from '../../api/client';
import { formatMoney, formatNumber } from '../../api/format';
import type { DealPage } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { dealTotal } from './deal-totals';

const PAGE = 50;

/** Won or lost deals, newest first; lost ones with their reason. */
export function ClosedDealsTable({ status }: { status: 'won' | 'lost' }) {
  const deals = useInfiniteQuery({
    queryKey: ['deals', { status }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<DealPage>(
        `/api/deals?status=${status}&limit=${PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = deals.data?.pages.flatMap((page) => page.items) ?? [];

  if (deals.isPending) return <Skeleton h={200} />;
  if (deals.isError) return <Alert color="red">{errorMessage(deals.error)}</Alert>;
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No {status} deals yet.
      </Text>
    );
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {formatNumber(rows.length)}
        {deals.hasNextPage ? '+' : ''} {status} · {dealTotal(rows)}
      </Text>
      <Card withBorder padding={0}>
        <Table verticalSpacing="sm" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Deal</Table.Th>
              <Table.Th w={120}>Amount</Table.Th>
              <Table.Th visibleFrom="sm" w={160}>
                Owner
              </Table.Th>
              {status === 'lost' && <Table.Th visibleFrom="md">Reason</Table.Th>}
              <Table.Th visibleFrom="xs" w={110}>
                Closed
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((deal) => (
              <Table.Tr key={deal.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={500} display="block" truncate>
                    {deal.name}
                  </Anchor>
                  {deal.companyName && (
                    <Text size="xs" c="dimmed" truncate>
                      {deal.companyName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatMoney(deal.amountMinor, deal.currency)}</Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" truncate c={deal.ownerName ? undefined : 'dimmed'}>
                    {deal.ownerName ?? 'Unassigned'}
                  </Text>
                </Table.Td>
                {status === 'lost' && (
                  <Table.Td visibleFrom="md">
                    <Text size="sm" truncate c={deal.lostReason ? undefined : 'dimmed'}>
                      {deal.lostReason ?? 'No reason given'}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td visibleFrom="xs">
                  {deal.closedAt ? <RelativeTime at={deal.closedAt} /> : <Text size="sm">—</Text>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      {deals.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => deals.fetchNextPage()} loading={deals.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
