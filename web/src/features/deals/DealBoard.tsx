import { Alert, Button, Card, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { errorMessage, get } from '../../api/client';
import { formatNumber } from '../../api/format';
import { type DealPage, dealStageLabels, dealStages } from '../../api/types';
import { DealCard } from './DealCard';
import { dealTotal } from './deal-totals';

const PAGE = 200;

/** Open deals in columns, discovery → demo → proposal → negotiation; side by side on wide screens, stacked on a phone. */
export function DealBoard() {
  const deals = useInfiniteQuery({
    queryKey: ['deals', { status: 'open' }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      get<DealPage>(
        `/api/deals?status=open&limit=${PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = deals.data?.pages.flatMap((page) => page.items) ?? [];

  if (deals.isPending) return <Skeleton h={320} />;
  if (deals.isError)
    return (
      <Alert color="red" title="The deals could not be loaded">
        {errorMessage(deals.error)}
      </Alert>
    );
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {items.length === 0
          ? 'No open deals. Open one from a lead, a company, or with New deal.'
          : `${formatNumber(items.length)} open ${items.length === 1 ? 'deal' : 'deals'} · ${dealTotal(items)}`}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" data-testid="deal-board">
        {dealStages.map((stage) => {
          const column = items.filter((deal) => deal.stage === stage);
          return (
            <Card
              key={stage}
              withBorder
              padding="sm"
              bg="var(--mantine-color-gray-0)"
              aria-label={dealStageLabels[stage]}
            >
              <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
                <Text fw={600} size="sm">
                  {dealStageLabels[stage]}{' '}
                  <Text span c="dimmed" inherit fw={400}>
                    {column.length}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {column.length > 0 ? dealTotal(column) : ''}
                </Text>
              </Group>
              <Stack gap="xs">
                {column.map((deal) => (
                  <DealCard key={deal.id} deal={deal} />
                ))}
                {column.length === 0 && (
                  <Text size="xs" c="dimmed" ta="center" py="md">
                    No deals here
                  </Text>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
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
