import { Card, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, Title } from '@mantine/core';
import { passGrades } from './api';
import type { ModelForm } from './model-form';

const gradeOptions = passGrades.map((grade) => ({ value: grade, label: `Grade ${grade}` }));

/** Decay, grade bands, the agreed MQL threshold and the hand-raisers that skip it. */
export function ThresholdsCard({ form, editable }: { form: ModelForm; editable: boolean }) {
  const { mqlRule } = form.values;
  const readOnly = !editable;
  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <div>
          <Title order={4}>Threshold and decay</Title>
          <Text size="sm" c="dimmed">
            A lead becomes an MQL at grade {mqlRule.minGrade || '?'} or better and a score of {String(mqlRule.minScore)}{' '}
            or more — or at once when it raises its hand. Engagement points lose half their value every{' '}
            {String(form.values.halfLifeDays)} days.
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="MQL minimum grade"
            data={gradeOptions}
            allowDeselect={false}
            readOnly={readOnly}
            {...form.getInputProps('mqlRule.minGrade')}
          />
          <NumberInput
            label="MQL minimum score"
            min={0}
            allowDecimal={false}
            readOnly={readOnly}
            {...form.getInputProps('mqlRule.minScore')}
          />
          <NumberInput
            label="Half-life in days"
            min={1}
            max={3650}
            readOnly={readOnly}
            {...form.getInputProps('halfLifeDays')}
          />
        </SimpleGrid>
        <div>
          <Text fw={600} size="sm">
            Fit grade bands
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            The fit points a lead needs for each grade; below grade D it is graded F.
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            {passGrades.map((grade) => (
              <NumberInput
                key={grade}
                label={`Grade ${grade} from`}
                allowDecimal={false}
                readOnly={readOnly}
                {...form.getInputProps(`gradeBands.${grade}`)}
              />
            ))}
          </SimpleGrid>
        </div>
        <div>
          <Text fw={600} size="sm">
            Hand-raisers
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            A lead that submits one of these forms, or sends one of these events, is an MQL whatever its score, and goes
            to sales at once.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TagsInput
              label="Contact-sales forms"
              placeholder={readOnly ? undefined : 'Form name, then Enter'}
              readOnly={readOnly}
              {...form.getInputProps('handRaiser.forms')}
            />
            <TagsInput
              label="Hand-raiser events"
              placeholder={readOnly ? undefined : 'Event name, then Enter'}
              readOnly={readOnly}
              {...form.getInputProps('handRaiser.events')}
            />
          </SimpleGrid>
        </div>
      </Stack>
    </Card>
  );
}
