import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { type ActivityMatch, type ActivityType, activityTypeLabels, activityTypes, type EngagementRule } from './api';
import { toNumber, toOptionalNumber } from './model-form';

type Values = {
  label: string;
  types: ActivityType[];
  urlContains: string;
  urlPattern: string;
  titleContains: string;
  eventName: string;
  campaignId: string;
  properties: string;
  points: number | string;
  perDay: number | string;
  perWeek: number | string;
  ever: number | string;
  enabled: boolean;
};

const typeOptions = activityTypes.map((type) => ({ value: type, label: activityTypeLabels[type] }));

/** `plan = pro` per line; true/false and numbers are typed, quotes keep a value a string. */
export function parseProperties(text: string): Record<string, string | number | boolean> | null {
  const result: Record<string, string | number | boolean> = {};
  for (const line of text.split('\n').map((each) => each.trim())) {
    if (!line) continue;
    const at = line.indexOf('=');
    if (at <= 0) return null;
    const key = line.slice(0, at).trim();
    const raw = line.slice(at + 1).trim();
    if (!key) return null;
    if (/^".*"$/.test(raw)) result[key] = raw.slice(1, -1);
    else if (raw === 'true' || raw === 'false') result[key] = raw === 'true';
    else if (raw !== '' && Number.isFinite(Number(raw))) result[key] = Number(raw);
    else result[key] = raw;
  }
  return result;
}

const formatProperties = (properties: ActivityMatch['properties']) =>
  Object.entries(properties ?? {})
    .map(
      ([key, value]) =>
        `${key} = ${typeof value === 'string' && /^(true|false|-?[\d.]+)$/.test(value) ? `"${value}"` : value}`,
    )
    .join('\n');

const validPattern = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

/** Add or change an engagement rule: which activities it matches, their points and how often they count. */
export function EngagementRuleModal(props: {
  rule?: EngagementRule;
  onSave(rule: EngagementRule): void;
  onClose(): void;
}) {
  const { rule } = props;
  const form = useForm<Values>({
    initialValues: {
      label: rule?.label ?? '',
      types: rule?.match.types ?? [],
      urlContains: rule?.match.urlContains ?? '',
      urlPattern: rule?.match.urlPattern ?? '',
      titleContains: rule?.match.titleContains ?? '',
      eventName: rule?.match.eventName ?? '',
      campaignId: rule?.match.campaignId ?? '',
      properties: formatProperties(rule?.match.properties),
      points: rule?.points ?? 10,
      perDay: rule?.caps?.perDay ?? '',
      perWeek: rule?.caps?.perWeek ?? '',
      ever: rule?.caps?.ever ?? '',
      enabled: rule?.enabled ?? true,
    },
    validate: {
      label: (value) => (value.trim() ? null : 'Name the rule, as sales should read it'),
      urlPattern: (value) => (value && !validPattern(value) ? 'Not a valid regular expression' : null),
      properties: (value) => (parseProperties(value) ? null : 'One key = value per line'),
      points: (value) => (Number.isInteger(toNumber(value)) ? null : 'Whole points, negative allowed'),
    },
  });

  const submit = (values: Values) => {
    const text = (value: string) => value.trim() || undefined;
    const properties = parseProperties(values.properties) ?? {};
    const match: ActivityMatch = {
      types: values.types.length ? values.types : undefined,
      urlContains: text(values.urlContains),
      urlPattern: values.urlPattern || undefined,
      titleContains: text(values.titleContains),
      eventName: text(values.eventName),
      campaignId: text(values.campaignId),
      properties: Object.keys(properties).length ? properties : undefined,
    };
    const caps = {
      perDay: toOptionalNumber(values.perDay),
      perWeek: toOptionalNumber(values.perWeek),
      ever: toOptionalNumber(values.ever),
    };
    props.onSave({
      ...(rule?.id ? { id: rule.id } : {}),
      label: values.label.trim(),
      // JSON drops the conditions left undefined.
      match: JSON.parse(JSON.stringify(match)),
      points: toNumber(values.points),
      caps: JSON.parse(JSON.stringify(caps)),
      enabled: values.enabled,
    });
    props.onClose();
  };

  return (
    <Modal opened onClose={props.onClose} title={rule ? 'Edit engagement rule' : 'New engagement rule'} size="lg">
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Label"
              placeholder="Pricing page"
              required
              data-autofocus
              {...form.getInputProps('label')}
            />
            <NumberInput
              label="Points"
              description="Negative for signals against the lead"
              allowDecimal={false}
              {...form.getInputProps('points')}
            />
          </SimpleGrid>
          <div>
            <Text fw={600} size="sm">
              Matches activities where
            </Text>
            <Text size="xs" c="dimmed">
              Every condition filled in must hold; text is compared without regard to case.
            </Text>
          </div>
          <MultiSelect
            label="Activity types"
            placeholder={form.values.types.length ? undefined : 'Any type'}
            data={typeOptions}
            clearable
            {...form.getInputProps('types')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="URL contains" placeholder="/pricing" {...form.getInputProps('urlContains')} />
            <TextInput label="URL pattern" placeholder="/docs/.+/api" {...form.getInputProps('urlPattern')} />
            <TextInput label="Title contains" placeholder="white paper" {...form.getInputProps('titleContains')} />
            <TextInput label="Event name" placeholder="Trial Started" {...form.getInputProps('eventName')} />
          </SimpleGrid>
          <TextInput label="Campaign ID" placeholder="Any campaign" {...form.getInputProps('campaignId')} />
          <Textarea
            label="Event properties"
            description="One key = value per line; all must match"
            placeholder="plan = pro"
            autosize
            minRows={2}
            {...form.getInputProps('properties')}
          />
          <div>
            <Text fw={600} size="sm">
              Caps
            </Text>
            <Text size="xs" c="dimmed">
              How many times the rule may count for one lead; leave empty for no cap.
            </Text>
          </div>
          <SimpleGrid cols={3}>
            <NumberInput label="Per day" min={0} allowDecimal={false} {...form.getInputProps('perDay')} />
            <NumberInput label="Per week" min={0} allowDecimal={false} {...form.getInputProps('perWeek')} />
            <NumberInput label="Ever" min={0} allowDecimal={false} {...form.getInputProps('ever')} />
          </SimpleGrid>
          <Switch label="Enabled" {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit">{rule ? 'Apply' : 'Add rule'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
