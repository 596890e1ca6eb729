import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, post, put } from '../../api/client';
import { fitOperatorLabels } from '../scoring/api';
import { useFieldOptions } from '../scoring/field-options';
import type { Persona, PersonaCondition, PersonaInput, PersonaOperator } from './api';
import {
  emptyTemplates,
  TalkTrackFields,
  type TemplateValues,
  templateError,
  templatesToSave,
} from './TalkTrackFields';

type Values = {
  name: string;
  description: string;
  priority: number | string;
  conditions: PersonaCondition[];
  pains: string;
  discoveryQuestions: string;
  objections: string;
  talkTrackTemplates: TemplateValues;
};

const operators: PersonaOperator[] = ['contains_any', 'equals_any', 'gte', 'lte'];
const operatorOptions = operators.map((operator) => ({ value: operator, label: fitOperatorLabels[operator] }));
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Create a persona or change one: who matches it, and what sales should know about such a buyer. */
export function PersonaFormModal({ persona, onClose }: { persona?: Persona; onClose(): void }) {
  const queryClient = useQueryClient();
  // A persona is not a field a persona can test.
  const fields = useFieldOptions({ withPersona: false });
  const form = useForm<Values>({
    initialValues: {
      name: persona?.name ?? '',
      description: persona?.description ?? '',
      priority: persona?.priority ?? 0,
      conditions: persona?.conditions ?? [{ field: 'title', operator: 'contains_any', values: [] }],
      pains: persona?.pains.join('\n') ?? '',
      discoveryQuestions: persona?.discoveryQuestions.join('\n') ?? '',
      objections: persona?.objections.join('\n') ?? '',
      talkTrackTemplates: emptyTemplates(persona?.talkTrackTemplates),
    },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the persona'),
      priority: (value) => (Number.isInteger(Number(value)) && value !== '' ? null : 'A whole number'),
      conditions: { values: (value) => (value.length ? null : 'Add at least one value') },
      talkTrackTemplates: {
        handRaiser: (value) => templateError('handRaiser', value),
        download: (value) => templateError('download', value),
        reading: (value) => templateError('reading', value),
        noHistory: (value) => templateError('noHistory', value),
      },
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const body: PersonaInput = {
        name: values.name.trim(),
        description: values.description.trim(),
        priority: Number(values.priority),
        conditions: values.conditions,
        pains: lines(values.pains),
        discoveryQuestions: lines(values.discoveryQuestions),
        objections: lines(values.objections),
        talkTrackTemplates: templatesToSave(values.talkTrackTemplates),
      };
      return persona ? put<Persona>(`/api/personas/${persona.id}`, body) : post<Persona>('/api/personas', body);
    },
    onSuccess: () => {
      // Personas are matched when contacts are scored: the change rescores the workspace.
      queryClient.invalidateQueries({ queryKey: ['personas'] });
      queryClient.invalidateQueries({ queryKey: ['scoring'] });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={persona ? `Edit ${persona.name}` : 'New persona'} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              placeholder="Operations leader"
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
            <NumberInput
              label="Priority"
              description="Higher wins when several match"
              allowDecimal={false}
              maw={200}
              {...form.getInputProps('priority')}
            />
          </Group>
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          <div>
            <Text fw={600} size="sm">
              Matches leads where
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Every condition must hold.
            </Text>
            <Stack gap="xs">
              {form.values.conditions.map((condition, index) => {
                const n = index + 1;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; rows move only by removal
                  <Group key={index} gap="xs" align="flex-start" wrap="wrap">
                    <Select
                      aria-label={`Condition ${n} field`}
                      data={fields.data}
                      searchable
                      allowDeselect={false}
                      style={{ flex: '1 1 150px' }}
                      {...form.getInputProps(`conditions.${index}.field`)}
                    />
                    <Select
                      aria-label={`Condition ${n} test`}
                      data={operatorOptions}
                      allowDeselect={false}
                      style={{ flex: '1 1 130px' }}
                      {...form.getInputProps(`conditions.${index}.operator`)}
                    />
                    <TagsInput
                      aria-label={`Condition ${n} values`}
                      placeholder={condition.values.length ? undefined : 'Value, then Enter'}
                      maxTags={condition.operator === 'gte' || condition.operator === 'lte' ? 1 : undefined}
                      style={{ flex: '2 1 200px' }}
                      {...form.getInputProps(`conditions.${index}.values`)}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      aria-label={`Remove condition ${n}`}
                      onClick={() => form.removeListItem('conditions', index)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                );
              })}
              <Group>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconPlus size={14} />}
                  onClick={() =>
                    form.insertListItem('conditions', { field: 'title', operator: 'contains_any', values: [] })
                  }
                  disabled={form.values.conditions.length >= 20}
                >
                  Add condition
                </Button>
              </Group>
            </Stack>
          </div>
          <Textarea
            label="Pains"
            description="One per line: what keeps them up at night"
            autosize
            minRows={2}
            {...form.getInputProps('pains')}
          />
          <Textarea
            label="Discovery questions"
            description="One per line: what a rep should ask"
            autosize
            minRows={2}
            {...form.getInputProps('discoveryQuestions')}
          />
          <Textarea
            label="Objections"
            description="One per line: what they push back with"
            autosize
            minRows={2}
            {...form.getInputProps('objections')}
          />
          <TalkTrackFields
            values={form.values.talkTrackTemplates}
            inputProps={(kind) => form.getInputProps(`talkTrackTemplates.${kind}`)}
            personaName={form.values.name.trim()}
          />
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {persona ? 'Save persona' : 'Create persona'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
