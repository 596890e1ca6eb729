import { Switch, Table, Text } from '@mantine/core';
import { describeCaps, describeMatch, type EngagementRule, signed } from './api';
import { EngagementRuleModal } from './EngagementRuleModal';
import { ModelListCard } from './ModelListCard';
import { type ModelForm, rowErrors, useListEditor } from './model-form';
import { RowActions, RowErrors } from './RowActions';

/** What the lead did: each matching activity adds (or takes) points, within caps, decaying with time. */
export function EngagementRulesCard({ form, editable }: { form: ModelForm; editable: boolean }) {
  const { editing, setEditing, save, remove } = useListEditor<EngagementRule>(form, 'rules');
  const rules = form.values.rules;

  return (
    <ModelListCard
      title="Engagement rules"
      description={`What the lead did. Each matching activity adds its points, at most as often as the caps allow; points halve every ${String(form.values.halfLifeDays)} days.`}
      addLabel="Add rule"
      editable={editable}
      onAdd={() => setEditing({ index: null })}
      empty={rules.length === 0 ? 'No engagement rules: behaviour adds nothing to the score yet.' : null}
      table={
        <Table verticalSpacing="xs" layout="fixed" aria-label="Engagement rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th w={64} ta="right">
                Points
              </Table.Th>
              <Table.Th w={150} visibleFrom="sm">
                Counts at most
              </Table.Th>
              <Table.Th w={56} visibleFrom="xs">
                On
              </Table.Th>
              {editable && <Table.Th w={48} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((rule, index) => (
              <Table.Tr key={rule.id ?? `new-${index}`} opacity={rule.enabled ? 1 : 0.6}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {rule.label}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {describeMatch(rule.match)}
                  </Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {describeCaps(rule.caps)}
                    {rule.enabled ? '' : ' · off'}
                  </Text>
                  <RowErrors messages={rowErrors(form.errors, `rules.${index}`)} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} c={rule.points < 0 ? 'red' : undefined}>
                    {signed(rule.points)}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm">{describeCaps(rule.caps)}</Text>
                </Table.Td>
                <Table.Td visibleFrom="xs">
                  {editable ? (
                    <Switch
                      aria-label={`${rule.label} enabled`}
                      checked={rule.enabled}
                      onChange={(event) => form.setFieldValue(`rules.${index}.enabled`, event.currentTarget.checked)}
                    />
                  ) : (
                    <Text size="sm" c={rule.enabled ? undefined : 'dimmed'}>
                      {rule.enabled ? 'On' : 'Off'}
                    </Text>
                  )}
                </Table.Td>
                {editable && (
                  <Table.Td>
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
          <EngagementRuleModal
            rule={editing.index === null ? undefined : rules[editing.index]}
            onSave={save(editing.index)}
            onClose={() => setEditing(undefined)}
          />
        )
      }
    />
  );
}
