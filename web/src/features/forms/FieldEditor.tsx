import { ActionIcon, Card, Checkbox, Group, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { type FieldType, type FormField, fieldTypeLabels } from './types';

type Props = {
  field: FormField;
  index: number;
  count: number;
  targets: { value: string; label: string }[];
  onChange: (field: FormField) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
};

const optional = (value: string | number) => (value === '' ? undefined : Number(value));

/** One field of the builder: its kind, name, label, rules and where its answer goes. */
export function FieldEditor({ field, index, count, targets, onChange, onMove, onRemove }: Props) {
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const select = field.type === 'select' || field.type === 'multi_select';
  const text = ['text', 'email', 'phone', 'textarea'].includes(field.type);
  return (
    <Card withBorder padding="sm" aria-label={`Field ${index + 1}: ${field.label || field.name}`}>
      <Stack gap="xs">
        <Group align="end" wrap="nowrap">
          <Select
            label="Kind"
            w={140}
            value={field.type}
            allowDeselect={false}
            data={Object.entries(fieldTypeLabels).map(([value, label]) => ({ value, label }))}
            onChange={(value) => value && set({ type: value as FieldType })}
          />
          <TextInput
            label="Label"
            style={{ flex: 1 }}
            value={field.label}
            onChange={(event) => set({ label: event.currentTarget.value })}
          />
          <TextInput
            label="Name"
            w={160}
            description="lower_snake_case"
            value={field.name}
            onChange={(event) => set({ name: event.currentTarget.value })}
          />
          <Select
            label="Fills"
            w={240}
            clearable
            placeholder="Nothing (kept on the submission)"
            value={field.mapTo ?? null}
            data={targets}
            onChange={(value) => set({ mapTo: value ?? undefined })}
          />
          <ActionIcon variant="subtle" aria-label="Move up" disabled={index === 0} onClick={() => onMove(-1)}>
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" aria-label="Move down" disabled={index === count - 1} onClick={() => onMove(1)}>
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label="Remove field" onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Group>
          {field.type !== 'hidden' && (
            <Checkbox
              label="Required"
              checked={field.required}
              onChange={(e) => set({ required: e.currentTarget.checked })}
            />
          )}
          <Checkbox
            label="Progressive (asked of known visitors instead of what Baton knows)"
            checked={field.progressive}
            onChange={(e) => set({ progressive: e.currentTarget.checked })}
          />
        </Group>
        {select && (
          <Textarea
            label="Options, one per line"
            autosize
            minRows={2}
            value={field.options.join('\n')}
            onChange={(event) => set({ options: event.currentTarget.value.split('\n') })}
          />
        )}
        {field.type === 'number' && (
          <Group>
            <NumberInput label="Minimum" value={field.min ?? ''} onChange={(value) => set({ min: optional(value) })} />
            <NumberInput label="Maximum" value={field.max ?? ''} onChange={(value) => set({ max: optional(value) })} />
          </Group>
        )}
        {text && (
          <Group>
            <NumberInput
              label="Longest answer (characters)"
              min={1}
              max={10000}
              value={field.maxLength ?? ''}
              onChange={(value) => set({ maxLength: optional(value) })}
            />
            <TextInput
              label="Placeholder"
              value={field.placeholder ?? ''}
              onChange={(event) => set({ placeholder: event.currentTarget.value || undefined })}
            />
            <TextInput
              label="Help text"
              style={{ flex: 1 }}
              value={field.help ?? ''}
              onChange={(event) => set({ help: event.currentTarget.value || undefined })}
            />
          </Group>
        )}
        {field.type === 'hidden' && (
          <TextInput
            label="Value"
            value={field.defaultValue ?? ''}
            onChange={(event) => set({ defaultValue: event.currentTarget.value || undefined })}
          />
        )}
      </Stack>
    </Card>
  );
}
