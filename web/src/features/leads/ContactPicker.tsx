import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../../api/client';
import type { ContactPage } from '../../api/types';
import { contactName } from './contact-name';

/** Several leads, found by the server as you type; the chosen ones keep their names. */
export function ContactPicker(props: {
  label: string;
  value: string[];
  onChange(ids: string[]): void;
  /** Names of the leads already chosen. */
  known?: { id: string; name: string }[];
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Record<string, string>>(
    Object.fromEntries((props.known ?? []).map((contact) => [contact.id, contact.name])),
  );
  const results = useQuery({
    queryKey: ['contacts', { q, limit: 10 }],
    queryFn: () => get<ContactPage>(`/api/contacts?limit=10&q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
  });
  const options = new Map(Object.entries(names));
  for (const contact of results.data?.items ?? []) {
    options.set(
      contact.id,
      contact.email && contact.firstName ? `${contactName(contact)} · ${contact.email}` : contactName(contact),
    );
  }

  return (
    <MultiSelect
      label={props.label}
      placeholder="Search leads by name or email"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={q ? 'No lead matches' : 'Type to search'}
      data={[...options].map(([value, label]) => ({ value, label }))}
      value={props.value}
      onChange={(ids) => {
        setNames((current) => ({ ...current, ...Object.fromEntries(ids.map((id) => [id, options.get(id) ?? id])) }));
        props.onChange(ids);
      }}
    />
  );
}
