import { Alert, Button, Card, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorMessage, get } from '../../api/client';
import type { CompanyPage } from '../../api/types';
import { CompaniesTable } from './CompaniesTable';
import { CompanyFormModal } from './CompanyFormModal';

const PAGE = 50;

/** The accounts leads belong to, by name; found by their own form fills and email domains, or added here. */
export function CompaniesPage() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, createModal] = useDisclosure(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: setParams changes identity on every navigation
  useEffect(() => {
    if (q !== (params.get('q') ?? '')) setParams(q ? { q } : {}, { replace: true });
  }, [q]);

  const companies = useInfiniteQuery({
    queryKey: ['companies', { q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (q) query.set('q', q);
      if (pageParam) query.set('cursor', pageParam);
      return get<CompanyPage>(`/api/companies?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = companies.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Companies</Title>
          <Text c="dimmed">The accounts your leads work for, with their people and deals.</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
          New company
        </Button>
      </Group>
      <TextInput
        aria-label="Search companies"
        placeholder="Search by name or domain"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />
      {companies.isPending && <Skeleton h={240} />}
      {companies.isError && (
        <Alert color="red" title="The companies could not be loaded">
          {errorMessage(companies.error)}
        </Alert>
      )}
      {companies.isSuccess && rows.length === 0 && (
        <Card withBorder padding="lg">
          <Text size="sm" c="dimmed">
            {q
              ? `No company matches “${q}”.`
              : 'No companies yet. They appear when leads with a work address arrive, or when you add one.'}
          </Text>
        </Card>
      )}
      {rows.length > 0 && <CompaniesTable rows={rows} dimmed={companies.isPlaceholderData} />}
      {companies.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => companies.fetchNextPage()} loading={companies.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
      {creating && <CompanyFormModal onClose={createModal.close} />}
    </Stack>
  );
}
