import {
  Alert,
  Badge,
  Button,
  Card,
  Fieldset,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowRight, IconChecklist } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage, get, post, put } from '../../api/client';
import type { Role } from '../../api/types';
import {
  type ColumnTarget,
  formatBytes,
  type ImportOptions,
  type ImportTargets,
  type ImportView,
  kindLabels,
  type PropertyDefinition,
  type PropertyType,
  propertyKeyOf,
} from './api';

const propertyTypeLabels: Record<PropertyType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  single_select: 'Select (one)',
  multi_select: 'Select (several)',
};
const stages = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'recycled', 'disqualified'];
const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

const selectValue = (target: ColumnTarget) =>
  target.type === 'field'
    ? `field:${target.field}`
    : target.type === 'property'
      ? `property:${target.key}`
      : target.type;

/** Step 2: where each column goes — a standard field, a custom property (existing or new), or nowhere. */
export function MappingStep(props: {
  view: ImportView;
  targets: ImportTargets;
  role: Role | undefined;
  onStarted(): void;
}) {
  const { view } = props;
  const kind = props.targets.kinds.find((candidate) => candidate.kind === view.kind)!;
  const canDefine = props.role === 'admin' || props.role === 'marketing';
  const properties = useQuery({
    queryKey: ['properties', kind.propertyObject],
    queryFn: () => get<{ items: PropertyDefinition[] }>(`/api/properties?object=${kind.propertyObject}`),
    enabled: kind.propertyObject !== null,
    select: (data) => data.items,
  });
  const [columns, setColumns] = useState<ColumnTarget[]>([]);
  const [options, setOptions] = useState<ImportOptions>(view.options);
  useEffect(() => {
    // Someone who may not define properties starts with those columns left out (the server would refuse them).
    setColumns(
      view.mapping.columns.map((target) =>
        target.type === 'new_property' && !canDefine ? { type: 'ignore' } : target,
      ),
    );
    setOptions(view.options);
  }, [view.mapping, view.options, canDefine]);

  const usedFields = useMemo(
    () =>
      new Map(columns.flatMap((target, index) => (target.type === 'field' ? [[target.field, index] as const] : []))),
    [columns],
  );
  const usedKeys = useMemo(
    () =>
      new Map(
        columns.flatMap((target, index) =>
          target.type === 'property' || target.type === 'new_property' ? [[target.key, index] as const] : [],
        ),
      ),
    [columns],
  );
  const change = (index: number, target: ColumnTarget) =>
    setColumns((current) => current.map((existing, at) => (at === index ? target : existing)));

  const save = useMutation({
    mutationFn: async (then: 'dry-run' | 'run') => {
      await put(`/api/imports/${view.id}/mapping`, { columns, options });
      await post(`/api/imports/${view.id}/${then}`);
    },
    onSuccess: props.onStarted,
  });

  const selectData = (index: number) => {
    const groups: { group: string; items: { value: string; label: string; disabled?: boolean }[] }[] = [
      {
        group: 'Standard fields',
        items: kind.fields.map((field) => ({
          value: `field:${field.field}`,
          label: field.label,
          disabled: usedFields.has(field.field) && usedFields.get(field.field) !== index,
        })),
      },
    ];
    if (kind.propertyObject) {
      groups.push({
        group: 'Custom properties',
        items: (properties.data ?? []).map((property) => ({
          value: `property:${property.key}`,
          label: `${property.label} (${propertyTypeLabels[property.type].toLowerCase()})`,
          disabled: usedKeys.has(property.key) && usedKeys.get(property.key) !== index,
        })),
      });
    }
    groups.push({
      group: 'Other',
      items: [
        ...(kind.propertyObject && canDefine ? [{ value: 'new_property', label: 'New custom property…' }] : []),
        { value: 'ignore', label: 'Don’t import' },
      ],
    });
    return groups;
  };

  const choose = (index: number, value: string | null) => {
    const column = view.columns[index]!;
    if (!value || value === 'ignore') change(index, { type: 'ignore' });
    else if (value.startsWith('field:')) change(index, { type: 'field', field: value.slice(6) });
    else if (value.startsWith('property:')) change(index, { type: 'property', key: value.slice(9) });
    else {
      const select = column.inferredType === 'single_select';
      change(index, {
        type: 'new_property',
        key: propertyKeyOf(column.header),
        label: column.header.slice(0, 100),
        propertyType: column.inferredType,
        ...(select ? { options: column.values ?? [] } : {}),
      });
    }
  };

  const hasOwner = kind.fields.some((field) => field.type === 'owner');
  const hasCompanies = view.kind === 'contacts' || view.kind === 'deals';
  const hasMoney = kind.fields.some((field) => field.type === 'money');

  return (
    <Stack>
      <Group gap="xs">
        <Badge variant="light">{kindLabels[view.kind]}</Badge>
        <Text size="sm" c="dimmed">
          {view.fileName} · {formatBytes(view.fileBytes)} · {view.totalRows.toLocaleString()} rows
          {view.blankRows > 0 ? ` (+ ${view.blankRows} blank, skipped)` : ''} · {view.encoding} ·{' '}
          {delimiterNames[view.delimiter] ?? view.delimiter} separated
        </Text>
      </Group>
      {!canDefine && view.mapping.columns.some((target) => target.type === 'new_property') && (
        <Alert color="yellow">
          Some columns fit no field or property yet. Only admins and marketing can add custom properties: ask them, or
          map these columns to existing ones.
        </Alert>
      )}
      <Card withBorder padding={0}>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="22%">Column in the file</Table.Th>
                <Table.Th w="33%">Sample values</Table.Th>
                <Table.Th>Import as</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.columns.map((column, index) => {
                const target = columns[index] ?? { type: 'ignore' as const };
                return (
                  <Table.Tr key={column.index} opacity={target.type === 'ignore' ? 0.6 : 1}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {column.header}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {column.filled.toLocaleString()} filled
                        {column.distinct !== null ? ` · ${column.distinct.toLocaleString()} distinct` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed" lineClamp={2} ff="monospace">
                        {column.samples.length > 0 ? column.samples.slice(0, 4).join(' · ') : 'empty'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={6}>
                        <Select
                          aria-label={`Import ${column.header} as`}
                          data={selectData(index)}
                          value={selectValue(target)}
                          onChange={(value) => choose(index, value)}
                          searchable
                          allowDeselect={false}
                          maxDropdownHeight={320}
                        />
                        {target.type === 'new_property' && (
                          <NewPropertyEditor
                            target={target}
                            types={props.targets.propertyTypes}
                            taken={(properties.data ?? []).some(
                              (property) => property.key === target.key && property.type !== target.propertyType,
                            )}
                            onChange={(next) => change(index, next)}
                          />
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>

      <Fieldset legend="Reading the values">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Dates like 03/04/2024 are
            </Text>
            <SegmentedControl
              value={options.dateOrder}
              onChange={(value) => setOptions({ ...options, dateOrder: value as 'mdy' | 'dmy' })}
              data={[
                { value: 'mdy', label: 'March 4 (US)' },
                { value: 'dmy', label: '3 April' },
              ]}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Numbers are written
            </Text>
            <SegmentedControl
              value={options.decimalComma ? 'comma' : 'dot'}
              onChange={(value) => setOptions({ ...options, decimalComma: value === 'comma' })}
              data={[
                { value: 'dot', label: '1,234.56' },
                { value: 'comma', label: '1.234,56' },
              ]}
            />
          </Stack>
          {view.kind === 'contacts' && (
            <Select
              label="Stage of new contacts without one"
              data={stages}
              value={options.defaultStage}
              onChange={(value) => value && setOptions({ ...options, defaultStage: value })}
              allowDeselect={false}
            />
          )}
          {hasMoney && (
            <TextInput
              label="Currency of amounts without one"
              value={options.defaultCurrency}
              maxLength={3}
              onChange={(event) => setOptions({ ...options, defaultCurrency: event.currentTarget.value.toUpperCase() })}
            />
          )}
          {hasCompanies && (
            <Switch
              label="Create companies that do not exist yet"
              checked={options.createMissingCompanies}
              onChange={(event) => setOptions({ ...options, createMissingCompanies: event.currentTarget.checked })}
            />
          )}
          {hasOwner && props.role === 'admin' && (
            <Switch
              label="Create owners who are not users yet, as sales reps (without a password until invited)"
              checked={options.createMissingOwners}
              onChange={(event) => setOptions({ ...options, createMissingOwners: event.currentTarget.checked })}
            />
          )}
        </SimpleGrid>
      </Fieldset>

      {save.isError && (
        <Alert color="red" title="The mapping needs a change">
          {errorMessage(save.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => save.mutate('run')}
          loading={save.isPending && save.variables === 'run'}
        >
          Import without checking
        </Button>
        <Button
          leftSection={<IconChecklist size={16} />}
          rightSection={<IconArrowRight size={16} />}
          onClick={() => save.mutate('dry-run')}
          loading={save.isPending && save.variables === 'dry-run'}
        >
          Check every row
        </Button>
      </Group>
    </Stack>
  );
}

function NewPropertyEditor(props: {
  target: Extract<ColumnTarget, { type: 'new_property' }>;
  types: PropertyType[];
  taken: boolean;
  onChange(target: Extract<ColumnTarget, { type: 'new_property' }>): void;
}) {
  const { target } = props;
  const select = target.propertyType === 'single_select' || target.propertyType === 'multi_select';
  return (
    <Stack gap={6} pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-blue-2)' }}>
      <Group grow gap="xs" align="flex-start">
        <TextInput
          size="xs"
          label="Property name"
          value={target.label}
          description={`key: ${target.key}`}
          error={props.taken ? 'A property with this key exists with another type' : undefined}
          onChange={(event) => {
            const label = event.currentTarget.value;
            props.onChange({ ...target, label, key: propertyKeyOf(label) });
          }}
        />
        <Select
          size="xs"
          label="Type"
          data={props.types.map((type) => ({ value: type, label: propertyTypeLabels[type] }))}
          value={target.propertyType}
          allowDeselect={false}
          onChange={(value) => {
            if (!value) return;
            const type = value as PropertyType;
            const isSelect = type === 'single_select' || type === 'multi_select';
            props.onChange({
              ...target,
              propertyType: type,
              ...(isSelect ? { options: target.options ?? [] } : { options: undefined }),
            });
          }}
        />
      </Group>
      {select && (
        <TagsInput
          size="xs"
          label="Options"
          description="Values not among them become row errors"
          value={target.options ?? []}
          onChange={(options) => props.onChange({ ...target, options })}
          clearable
        />
      )}
    </Stack>
  );
}
