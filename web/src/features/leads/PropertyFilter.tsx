import { Group, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { usePropertyDefinitions } from '../../api/directory';

/** `key:value` on one custom property: pick the property, then a value that fits its type. */
export function PropertyFilter({ value, onChange }: { value?: string; onChange(value: string | undefined): void }) {
  const definitions = usePropertyDefinitions('contact');
  const [savedKey = null, ...rest] = value ? value.split(':') : [];
  const savedValue = rest.join(':');
  const [key, setKey] = useState<string | null>(savedKey);
  const [text, setText] = useState(savedValue);
  useEffect(() => {
    setKey(savedKey);
    setText(savedValue);
  }, [savedKey, savedValue]);
  const definition = definitions.data?.find((candidate) => candidate.key === key);
  const apply = (next: string) => {
    if (key && next) onChange(`${key}:${next}`);
    // An emptied value drops the filter; leaving an untouched box alone keeps the picked property.
    else if (value) onChange(undefined);
  };
  const choices =
    definition?.type === 'boolean'
      ? [
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]
      : definition?.type === 'single_select' || definition?.type === 'multi_select'
        ? definition.options.map((option) => ({ value: option, label: option }))
        : null;

  if (!definitions.data?.length) return null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <Select
        label="Custom property"
        placeholder="Any"
        data={definitions.data.map((candidate) => ({ value: candidate.key, label: candidate.label }))}
        clearable
        value={key}
        onChange={(next) => {
          setKey(next);
          setText('');
          // A property without a value filters nothing yet.
          if (!next) onChange(undefined);
        }}
        style={{ flex: 1, minWidth: 0 }}
      />
      {choices ? (
        <Select
          aria-label="Property value"
          placeholder="Value"
          data={choices}
          disabled={!key}
          value={savedKey === key && savedValue ? savedValue : null}
          onChange={(next) => apply(next ?? '')}
          style={{ flex: 1, minWidth: 0 }}
        />
      ) : (
        <TextInput
          aria-label="Property value"
          placeholder={definition?.type === 'date' ? 'YYYY-MM-DD' : 'Value'}
          disabled={!key}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onBlur={() => apply(text.trim())}
          onKeyDown={(event) => event.key === 'Enter' && apply(text.trim())}
          style={{ flex: 1, minWidth: 0 }}
        />
      )}
    </Group>
  );
}
