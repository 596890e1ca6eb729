import { MultiSelect, NumberInput, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { PropertyDefinition } from '../../api/types';

const yesNo = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/**
 * The input that fits a custom property's type. `undefined` means "no value"; the form decides
 * whether that clears a stored value or leaves it out.
 */
export function PropertyInput(props: {
  definition: PropertyDefinition;
  value: unknown;
  onChange(value: unknown): void;
  error?: string;
}) {
  const { definition, value, onChange } = props;
  const common = { label: definition.label, required: definition.required, error: props.error };
  switch (definition.type) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value || undefined)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined)}
        />
      );
    case 'date':
      return (
        <DateInput
          {...common}
          valueFormat="YYYY-MM-DD"
          placeholder="YYYY-MM-DD"
          clearable={!definition.required}
          // A stored date-time keeps its day; the input edits days.
          value={typeof value === 'string' ? value.slice(0, 10) : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          data={yesNo}
          clearable={!definition.required}
          value={typeof value === 'boolean' ? String(value) : null}
          onChange={(next) => onChange(next === null ? undefined : next === 'true')}
        />
      );
    case 'single_select':
      return (
        <Select
          {...common}
          data={definition.options}
          clearable={!definition.required}
          searchable={definition.options.length > 8}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next ?? undefined)}
        />
      );
    case 'multi_select':
      return (
        <MultiSelect
          {...common}
          data={definition.options}
          clearable
          searchable={definition.options.length > 8}
          value={Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []}
          onChange={(next) => onChange(next.length ? next : undefined)}
        />
      );
  }
}
