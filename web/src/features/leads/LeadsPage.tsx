import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, get } from '../../api/client';
import { formatNumber } from '../../api/format';
import type { ContactPage, Me } from '../../api/types';
import { LeadFilterBar } from './LeadFilterBar';
import { LeadsEmptyState } from './LeadsEmptyState';
import { LeadsTable } from './LeadsTable';
import { type FilterKey, listQuery } from './lead-filters';
import { NewLeadModal } from './NewLeadModal';
import { SavedViewsMenu } from './SavedViewsMenu';
import { SortMenu } from './SortMenu';

const PAGE = 50;
const leads = (count: number) => (count === 1 ? '1 lead' : `${formatNumber(count)} leads`);

export function LeadsPage({ me }: { me: Me }) {
  // The filters live in the URL: coming back from a lead returns to the same list, and a view is a URL.
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, createModal] = useDisclosure(false);

  const setFilters = (changes: Partial<Record<FilterKey, string | undefined>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const urlQ = params.get('q') ?? '';
  const written = useRef(urlQ);
  // The debounced text goes into the URL; a URL changed from outside (the Leads link, back, a view) resets the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: setParams changes identity on every navigation
  useEffect(() => {
    if (urlQ !== written.current) {
      written.current = urlQ;
      setSearch(urlQ);
    } else if (q !== urlQ) {
      written.current = q;
      setFilters({ q: q || undefined });
    }
  }, [q, urlQ]);

  const query = listQuery(params);
  const queryString = new URLSearchParams(query).toString();
  const contacts = useInfiniteQuery({
    queryKey: ['contacts', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const page = new URLSearchParams({ ...query, limit: String(PAGE) });
      if (pageParam) page.set('cursor', pageParam);
      return get<ContactPage>(`/api/contacts?${page}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the rows on screen while the next search runs, instead of flashing a skeleton per keystroke.
    placeholderData: keepPreviousData,
  });
  const count = useQuery({
    queryKey: ['contacts', 'count', query],
    queryFn: () => get<{ count: number }>(`/api/contacts/count?${queryString}`),
    placeholderData: keepPreviousData,
  });
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];
  const narrowed = Object.keys(query).some((key) => key !== 'sort' && key !== 'q');
  const filtered = narrowed || Boolean(query.q);
  const total = count.data?.count;

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>Leads</Title>
          <Text c="dimmed" data-testid="leads-count">
            {total === undefined ? '\u00a0' : filtered ? `${leads(total)} match` : leads(total)}
          </Text>
        </div>
        <Group gap="xs">
          <SavedViewsMenu me={me} query={query} onPick={(view) => setParams(view.query, { replace: true })} />
          <SortMenu value={query.sort} onChange={(sort) => setFilters({ sort })} />
          <Button
            component="a"
            href={`/api/exports/contacts.csv${queryString ? `?${queryString}` : ''}`}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Export CSV
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            New lead
          </Button>
        </Group>
      </Group>
      <LeadFilterBar query={query} search={search} onSearch={setSearch} onChange={setFilters} />
      {contacts.isPending && <Skeleton h={240} />}
      {contacts.isError && (
        <Alert color="red" title="The leads could not be loaded">
          {errorMessage(contacts.error)}
        </Alert>
      )}
      {contacts.isSuccess && rows.length === 0 && !filtered && <LeadsEmptyState me={me} />}
      {contacts.isSuccess && rows.length === 0 && filtered && (
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed" mb="sm">
            No lead matches {[q && `“${q}”`, narrowed && 'these filters'].filter(Boolean).join(' with ')}. Search looks
            at any part of a name, email address or company.
          </Text>
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setSearch('');
              setParams({}, { replace: true });
            }}
          >
            Clear filters
          </Button>
        </Card>
      )}
      {rows.length > 0 && <LeadsTable rows={rows} dimmed={contacts.isPlaceholderData} />}
      {rows.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {total !== undefined && total > rows.length
              ? `${formatNumber(rows.length)} of ${leads(total)}`
              : leads(rows.length)}{' '}
            shown
          </Text>
          {contacts.hasNextPage && (
            <Button variant="default" onClick={() => contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Group>
      )}
      <NewLeadModal opened={creating} onClose={createModal.close} />
    </Stack>
  );
}
