import { Badge, Button, Collapse, Group, MultiSelect, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { ownerOptions, useUsers } from '../../api/directory';
import { usePersonas } from '../personas/api';
import {
  type FilterKey,
  gradeOptions,
  moreFilterKeys,
  sourceOptions,
  splitList,
  stageOptions,
  statusOptions,
} from './lead-filters';
import { PropertyFilter } from './PropertyFilter';

type Props = {
  query: Record<string, string>;
  search: string;
  onSearch(value: string): void;
  onChange(changes: Partial<Record<FilterKey, string | undefined>>): void;
};

/** Search, stage and owner always in sight; the rest behind "More filters", open when one is set. */
export function LeadFilterBar({ query, search, onSearch, onChange }: Props) {
  const users = useUsers();
  const personas = usePersonas();
  const active = moreFilterKeys.filter((key) => query[key]).length;
  const [more, moreToggle] = useDisclosure(active > 0);
  const list = (key: FilterKey) => ({
    value: splitList(query[key]),
    onChange: (values: string[]) => onChange({ [key]: values.join(',') || undefined }),
  });
  // The API's "before" is exclusive; the picker shows the last day included.
  const after = query.lastActivityAfter?.slice(0, 10) ?? null;
  const before = query.lastActivityBefore
    ? dayjs(query.lastActivityBefore.slice(0, 10)).subtract(1, 'day').format('YYYY-MM-DD')
    : null;
  // A half-picked range lives here until its end is picked; the URL holds whole ranges only.
  const [range, setRange] = useState<[string | null, string | null]>([after, before]);
  useEffect(() => setRange([after, before]), [after, before]);

  return (
    <>
      <Group gap="sm" wrap="wrap" align="flex-start">
        <TextInput
          aria-label="Search leads"
          placeholder="Search by name, email or company"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => onSearch(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <MultiSelect
          aria-label="Stage"
          placeholder={query.stage ? undefined : 'All stages'}
          data={stageOptions}
          clearable
          style={{ flex: '1 1 200px' }}
          {...list('stage')}
        />
        <Select
          aria-label="Owner"
          placeholder="Any owner"
          data={[{ value: 'me', label: 'Me' }, { value: 'none', label: 'Unassigned' }, ...ownerOptions(users.data)]}
          searchable
          clearable
          value={query.owner ?? null}
          onChange={(value) => onChange({ owner: value ?? undefined })}
          style={{ flex: '1 1 160px' }}
        />
        <Button
          variant="default"
          leftSection={<IconAdjustmentsHorizontal size={16} />}
          rightSection={active > 0 ? <Badge size="sm">{active}</Badge> : null}
          onClick={moreToggle.toggle}
          aria-expanded={more}
        >
          More filters
        </Button>
      </Group>
      <Collapse in={more}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <MultiSelect label="Working status" placeholder="Any" data={statusOptions} clearable {...list('status')} />
          <MultiSelect label="Grade" placeholder="Any" data={gradeOptions} clearable {...list('grade')} />
          <ScoreFilter value={query.scoreMin} onChange={(scoreMin) => onChange({ scoreMin })} />
          <Select
            label="Persona"
            placeholder="Any"
            data={[
              { value: 'none', label: 'No persona' },
              ...(personas.data ?? []).map((p) => ({ value: p.id, label: p.name })),
            ]}
            searchable
            clearable
            value={query.persona ?? null}
            onChange={(value) => onChange({ persona: value ?? undefined })}
          />
          <MultiSelect label="Source" placeholder="Any" data={sourceOptions} clearable searchable {...list('source')} />
          <DatePickerInput
            type="range"
            label="Last activity"
            placeholder="Any time"
            valueFormat="D MMM YYYY"
            allowSingleDateInRange
            clearable
            value={range}
            onChange={([start, end]) => {
              setRange([start, end]);
              if (start && !end) return;
              onChange({
                lastActivityAfter: start ?? undefined,
                lastActivityBefore: end ? dayjs(end).add(1, 'day').format('YYYY-MM-DD') : undefined,
              });
            }}
          />
          <PropertyFilter value={query.property} onChange={(property) => onChange({ property })} />
        </SimpleGrid>
      </Collapse>
    </>
  );
}

/** A minimum score, applied on Enter or when the box is left (not on every keystroke). */
export function ScoreFilter({ value, onChange }: { value?: string; onChange(value: string | undefined): void }) {
  const [text, setText] = useState<string | number>(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  // Read from the box itself: a key pressed right after typing may reach a render that has not
  // seen the typed text yet.
  const apply = (typed: string) => {
    const next = typed.trim() === '' ? undefined : String(Math.max(0, Math.round(Number(typed))));
    if (next !== value && (next === undefined || Number.isFinite(Number(next)))) onChange(next);
  };
  return (
    <NumberInput
      label="Minimum score"
      placeholder="Any"
      min={0}
      allowDecimal={false}
      allowNegative={false}
      value={text}
      onChange={setText}
      onBlur={(event) => apply(event.currentTarget.value)}
      onKeyDown={(event) => event.key === 'Enter' && apply(event.currentTarget.value)}
    />
  );
}
