import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../api/client';
import type { CompanyPage } from '../../api/types';

/** One company, found by the server as you type (a workspace may hold many thousands). */
export function CompanyPicker(props: {
  label: string;
  value: string | null;
  onChange(id: string | null): void;
  /** The current company's name, so it shows before any search. */
  currentName?: string | null;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Record<string, string>>(
    props.value && props.currentName ? { [props.value]: props.currentName } : {},
  );
  const results = useQuery({
    queryKey: ['companies', { q, limit: 20 }],
    queryFn: () => get<CompanyPage>(`/api/companies?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  });
  const options = new Map(Object.entries(names));
  for (const company of results.data?.items ?? []) options.set(company.id, company.name);

  return (
    <Select
      label={props.label}
      placeholder="Search companies"
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search.
      filter={({ options: all }) => all}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No company matches'}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      data={[...options].map(([value, label]) => ({ value, label }))}
      value={props.value}
      onChange={(id) => {
        if (id) setNames((current) => ({ ...current, [id]: options.get(id) ?? id }));
        props.onChange(id);
      }}
      error={props.error}
    />
  );
}
