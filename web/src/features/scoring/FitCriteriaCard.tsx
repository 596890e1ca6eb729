import { Badge, Group, Table, Text } from '@mantine/core';
import { type DisqualifyRule, describeCondition, type FitCriterion, signed } from './api';
import { ConditionModal } from './ConditionModal';
import { useFieldOptions } from './field-options';
import { ModelListCard } from './ModelListCard';
import { type ModelForm, rowErrors, useListEditor } from './model-form';
import { RowActions, RowErrors } from './RowActions';

/** Profile tests worth points: their sum is the fit, and the grade bands turn it into a grade. */
export function FitCriteriaCard({ form, editable }: { form: ModelForm; editable: boolean }) {
  const fields = useFieldOptions();
  const { editing, setEditing, save, remove } = useListEditor<FitCriterion>(form, 'criteria');
  const criteria = form.values.criteria;
  const maxFit = criteria.reduce((sum, criterion) => sum + Math.max(0, criterion.points), 0);

  return (
    <ModelListCard
      title="Fit criteria"
      description={`Who the lead is. Every criterion that matches adds its points; at most ${maxFit} fit points in all.`}
      addLabel="Add criterion"
      editable={editable}
      onAdd={() => setEditing({ index: null })}
      empty={criteria.length === 0 ? 'No fit criteria: every lead has 0 fit points.' : null}
      table={
        <Table verticalSpacing="xs" layout="fixed" aria-label="Fit criteria">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Criterion</Table.Th>
              <Table.Th w={80} ta="right">
                Points
              </Table.Th>
              {editable && <Table.Th w={48} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {criteria.map((criterion, index) => (
              <Table.Tr key={criterion.id ?? `new-${index}`}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {criterion.label}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {describeCondition(criterion, fields.label)}
                  </Text>
                  <RowErrors messages={rowErrors(form.errors, `criteria.${index}`)} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} c={criterion.points < 0 ? 'red' : undefined}>
                    {signed(criterion.points)}
                  </Text>
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <RowActions
                      name={criterion.label}
                      onEdit={() => setEditing({ index })}
                      onRemove={() => remove(index)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
      modal={
        editing && (
          <ConditionModal
            kind="criterion"
            value={editing.index === null ? undefined : criteria[editing.index]}
            onSave={save(editing.index)}
            onClose={() => setEditing(undefined)}
          />
        )
      }
    />
  );
}

/** Profile tests that rule a lead out whatever its score: never an MQL. */
export function DisqualifyCard({ form, editable }: { form: ModelForm; editable: boolean }) {
  const fields = useFieldOptions();
  const { editing, setEditing, save, remove } = useListEditor<DisqualifyRule>(form, 'disqualify');
  const rules = form.values.disqualify;

  return (
    <ModelListCard
      title="Disqualify"
      description="Leads matching any of these never become MQLs, whatever their score: students, competitors, job seekers."
      addLabel="Add disqualify rule"
      editable={editable}
      onAdd={() => setEditing({ index: null })}
      empty={rules.length === 0 ? 'No lead is disqualified by its profile.' : null}
      table={
        <Table verticalSpacing="xs" layout="fixed" aria-label="Disqualify rules">
          <Table.Tbody>
            {rules.map((rule, index) => (
              <Table.Tr key={rule.id ?? `new-${index}`}>
                <Table.Td>
                  <Group gap={6}>
                    <Badge size="xs" color="red" variant="light">
                      disqualifies
                    </Badge>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {rule.label}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {describeCondition(rule, fields.label)}
                  </Text>
                  <RowErrors messages={rowErrors(form.errors, `disqualify.${index}`)} />
                </Table.Td>
                {editable && (
                  <Table.Td w={48}>
                    <RowActions name={rule.label} onEdit={() => setEditing({ index })} onRemove={() => remove(index)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
      modal={
        editing && (
          <ConditionModal
            kind="disqualify"
            value={editing.index === null ? undefined : rules[editing.index]}
            onSave={save(editing.index)}
            onClose={() => setEditing(undefined)}
          />
        )
      }
    />
  );
}
