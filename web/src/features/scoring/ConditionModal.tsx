import { Button, Group, Modal, NumberInput, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type DisqualifyRule,
  type FitCriterion,
  type FitOperator,
  fitOperatorLabels,
  numberOperators,
  valuelessOperators,
} from './api';
import { useFieldOptions } from './field-options';
import { toNumber } from './model-form';

type Values = {
  label: string;
  field: string;
  operator: FitOperator;
  values: string[];
  bound: string | number;
  points: string | number;
};

const operatorOptions = (operators: FitOperator[]) =>
  operators.map((operator) => ({ value: operator, label: fitOperatorLabels[operator] }));

type Props =
  | { kind: 'criterion'; value?: FitCriterion; onSave(value: FitCriterion): void; onClose(): void }
  | { kind: 'disqualify'; value?: DisqualifyRule; onSave(value: DisqualifyRule): void; onClose(): void };

/** Add or change a fit criterion (a profile test worth points) or a disqualify rule (a test that rules a lead out). */
export function ConditionModal(props: Props) {
  const fields = useFieldOptions();
  const criterion = props.kind === 'criterion';
  const current = props.value;
  const form = useForm<Values>({
    initialValues: {
      label: current?.label ?? '',
      field: current?.field ?? 'title',
      operator: current?.operator ?? 'contains_any',
      values: current && !numberOperators.includes(current.operator) ? current.values : [],
      bound: current && numberOperators.includes(current.operator) ? (current.values[0] ?? '') : '',
      points: props.kind === 'criterion' ? (props.value?.points ?? 10) : 0,
    },
    validate: {
      label: (value) => (value.trim() ? null : 'Name it, as sales should read it'),
      values: (value, values) =>
        !valuelessOperators.includes(values.operator) && !numberOperators.includes(values.operator) && !value.length
          ? 'Add at least one value'
          : null,
      bound: (value, values) =>
        numberOperators.includes(values.operator) && !Number.isFinite(toNumber(value)) ? 'Enter a number' : null,
      points: (value) => (criterion && !Number.isInteger(toNumber(value)) ? 'Whole points, negative allowed' : null),
    },
  });
  const { operator } = form.values;
  // A field the list no longer offers (a deleted property) still shows as itself.
  const fieldData = fields.data.some((group) => group.items.some((item) => item.value === form.values.field))
    ? fields.data
    : [
        ...fields.data,
        { group: 'Other', items: [{ value: form.values.field, label: fields.label(form.values.field) }] },
      ];
  const operators: FitOperator[] = criterion
    ? ['contains_any', 'equals_any', 'gte', 'lte', 'is_set', 'is_not_set']
    : ['contains_any', 'equals_any'];

  const submit = (values: Values) => {
    const id = current?.id ? { id: current.id } : {};
    const tested = valuelessOperators.includes(values.operator)
      ? []
      : numberOperators.includes(values.operator)
        ? [String(toNumber(values.bound))]
        : values.values;
    const base = { ...id, label: values.label.trim(), field: values.field, values: tested };
    if (props.kind === 'criterion')
      props.onSave({ ...base, operator: values.operator, points: toNumber(values.points) });
    else props.onSave({ ...base, operator: values.operator as DisqualifyRule['operator'] });
    props.onClose();
  };

  const noun = criterion ? 'fit criterion' : 'disqualify rule';
  return (
    <Modal opened onClose={props.onClose} title={current ? `Edit ${noun}` : `New ${noun}`}>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          <TextInput
            label="Label"
            placeholder={criterion ? 'Decision maker' : 'Student'}
            required
            data-autofocus
            {...form.getInputProps('label')}
          />
          <Select label="Field" data={fieldData} searchable allowDeselect={false} {...form.getInputProps('field')} />
          <Select
            label="Test"
            data={operatorOptions(operators)}
            allowDeselect={false}
            {...form.getInputProps('operator')}
          />
          {numberOperators.includes(operator) && <NumberInput label="Value" {...form.getInputProps('bound')} />}
          {!numberOperators.includes(operator) && !valuelessOperators.includes(operator) && (
            <TagsInput
              label="Values"
              description="Any one of them matches; case does not matter. Press Enter after each."
              {...form.getInputProps('values')}
            />
          )}
          {criterion && (
            <NumberInput
              label="Points"
              description="Negative points count against the fit"
              allowDecimal={false}
              {...form.getInputProps('points')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">{current ? 'Apply' : `Add ${noun}`}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
