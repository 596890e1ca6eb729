import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { errorMessage, post } from '../../api/client';
import { callOutcomeLabels, type LeadRef, meetingOutcomeLabels, type SalesActivityType } from '../../api/types';
import { useRefreshLead } from './use-refresh-lead';

const types: { value: SalesActivityType; label: string }[] = [
  { value: 'call', label: 'Call' },
  { value: 'email', label: 'Email' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'note', label: 'Note' },
  { value: 'task', label: 'Task' },
];
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label: label[0]!.toUpperCase() + label.slice(1) }));
const subjectLabel: Record<SalesActivityType, string> = {
  call: 'Summary',
  email: 'Subject',
  meeting: 'Subject',
  note: 'Title',
  task: 'What to do',
};

type Values = {
  type: SalesActivityType;
  outcome: string | null;
  minutes: number | string;
  subject: string;
  body: string;
  dueAt: string | null;
};

/** What sales did with the lead: a call or meeting with its outcome, an email, a note, or a task to come. */
export function LogActivityModal(props: { contact: LeadRef; opened: boolean; onClose(): void }) {
  const refresh = useRefreshLead(props.contact.id);
  const form = useForm<Values>({
    initialValues: { type: 'call', outcome: null, minutes: '', subject: '', body: '', dueAt: null },
    validate: {
      subject: (value, values) => (values.type === 'task' && !value.trim() ? 'Say what is to be done' : null),
      dueAt: (value, values) => (values.type === 'task' && !value ? 'When is it due?' : null),
      body: (value, values) =>
        values.type === 'note' && !value.trim() && !values.subject.trim() ? 'Write the note' : null,
    },
  });
  const { type } = form.values;
  const timed = type === 'call' || type === 'meeting';
  const log = useMutation({
    mutationFn: (values: Values) =>
      post('/api/sales-activities', {
        type: values.type,
        contactId: props.contact.id,
        outcome: timed && values.outcome ? values.outcome : undefined,
        durationSeconds: timed && typeof values.minutes === 'number' ? Math.round(values.minutes * 60) : undefined,
        subject: values.subject.trim() || undefined,
        body: values.body.trim() || undefined,
        dueAt: values.type === 'task' && values.dueAt ? dayjs(values.dueAt).toISOString() : undefined,
      }),
    onSuccess: (_, values) => {
      refresh();
      notifications.show({
        color: 'teal',
        message: `${types.find((candidate) => candidate.value === values.type)?.label} logged.`,
      });
      close();
    },
  });
  const close = () => {
    form.reset();
    log.reset();
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={close} title="Log activity" size="lg">
      <form onSubmit={form.onSubmit((values) => log.mutate(values))}>
        <Stack>
          <SegmentedControl
            fullWidth
            data={types}
            value={type}
            onChange={(value) => {
              form.setFieldValue('type', value as SalesActivityType);
              form.setFieldValue('outcome', null);
            }}
            aria-label="Activity type"
          />
          {timed && (
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Select
                label="Outcome"
                placeholder="Pick one"
                data={options(type === 'call' ? callOutcomeLabels : meetingOutcomeLabels)}
                clearable
                {...form.getInputProps('outcome')}
              />
              <NumberInput label="Duration (minutes)" min={0} max={1440} {...form.getInputProps('minutes')} />
            </SimpleGrid>
          )}
          <TextInput
            label={subjectLabel[type]}
            required={type === 'task'}
            maxLength={500}
            {...form.getInputProps('subject')}
          />
          {type === 'task' && (
            <DateTimePicker
              label="Due"
              required
              valueFormat="D MMM YYYY HH:mm"
              placeholder="Pick a day and time"
              minDate={dayjs().format('YYYY-MM-DD')}
              {...form.getInputProps('dueAt')}
            />
          )}
          <Textarea
            label={type === 'note' ? 'Note' : 'Notes'}
            autosize
            minRows={3}
            maxLength={20_000}
            {...form.getInputProps('body')}
          />
          {log.isError && <Alert color="red">{errorMessage(log.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={log.isPending}>
              Log {types.find((candidate) => candidate.value === type)?.label.toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
