import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, get, put } from '../../api/client';
import type { Team, User } from '../../api/types';
import { SimulatorCard } from './SimulatorCard';
import {
  type ConditionOperator,
  operatorLabels,
  type RoutingCondition,
  type RoutingRule,
  routingFields,
} from './types';

const fieldLabel = (field: string) =>
  routingFields.find((item) => item.value === field)?.label.replace(/ \(.*\)$/, '') ?? field;

const emptyRule = (): RoutingRule => ({
  name: '',
  enabled: true,
  conditions: [],
  target: { type: 'account_owner' },
  workingHoursOnly: false,
});

export function RulesTab() {
  const queryClient = useQueryClient();
  const saved = useQuery({
    queryKey: ['routing-rules'],
    queryFn: () => get<{ items: RoutingRule[] }>('/api/routing/rules'),
  });
  const users = useQuery({ queryKey: ['users'], queryFn: () => get<{ items: User[] }>('/api/users') });
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => get<{ items: Team[] }>('/api/teams') });
  const [rules, setRules] = useState<RoutingRule[]>([]);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<{ index: number; rule: RoutingRule }>();
  useEffect(() => {
    if (saved.data && !dirty) setRules(saved.data.items);
  }, [saved.data, dirty]);

  const save = useMutation({
    mutationFn: () => put<{ items: RoutingRule[] }>('/api/routing/rules', { rules }),
    onSuccess: (result) => {
      setRules(result.items);
      setDirty(false);
      queryClient.setQueryData(['routing-rules'], result);
      notifications.show({ color: 'green', message: 'Routing rules saved' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) }),
  });
  const change = (next: RoutingRule[]) => {
    setRules(next);
    setDirty(true);
  };
  const move = (index: number, by: number) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    change(next);
  };
  const userName = (id: string) => users.data?.items.find((user) => user.id === id)?.name ?? 'unknown user';
  const teamName = (id: string) => teams.data?.items.find((team) => team.id === id)?.name ?? 'unknown team';
  const targetText = (rule: RoutingRule) =>
    rule.target.type === 'account_owner'
      ? 'the account owner'
      : rule.target.type === 'user'
        ? userName(rule.target.userId)
        : `round robin in ${teamName(rule.target.teamId)}`;

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={700}>
          Rules run top to bottom. A rule whose reps are all unavailable (paused, out of office, at their cap) passes
          the lead to the next one; a lead no rule places waits in the fallback queue and the managers are alerted.
        </Text>
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ index: rules.length, rule: emptyRule() })}
          >
            Add rule
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
            Save rules
          </Button>
        </Group>
      </Group>
      {rules.length === 0 && (
        <Alert color="gray">No routing rules yet: every sales-ready lead goes to the fallback queue.</Alert>
      )}
      {rules.map((rule, index) => (
        <Card key={rule.id ?? `new-${index}`} withBorder padding="sm" aria-label={`Rule ${index + 1}: ${rule.name}`}>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Group gap="xs">
                <Badge variant="light">{index + 1}</Badge>
                <Text fw={600}>{rule.name}</Text>
                {!rule.enabled && <Badge color="gray">off</Badge>}
                {rule.workingHoursOnly && (
                  <Badge color="grape" variant="light">
                    working hours only
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {rule.conditions.length === 0
                  ? 'Every lead'
                  : rule.conditions
                      .map((condition) =>
                        `${fieldLabel(condition.field)} ${operatorLabels[condition.operator]} ${condition.values.join(', ')}`.trim(),
                      )
                      .join(' and ')}{' '}
                → {targetText(rule)}
              </Text>
            </Stack>
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="subtle" aria-label="Move up" disabled={index === 0} onClick={() => move(index, -1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label="Move down"
                disabled={index === rules.length - 1}
                onClick={() => move(index, 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" aria-label={`Edit ${rule.name}`} onClick={() => setEditing({ index, rule })}>
                <IconPencil size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${rule.name}`}
                onClick={() => change(rules.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        </Card>
      ))}
      {dirty && (
        <Text size="sm" c="orange">
          Unsaved changes: the simulator tests the saved rules.
        </Text>
      )}
      <SimulatorCard />
      {editing && (
        <RuleModal
          rule={editing.rule}
          users={users.data?.items ?? []}
          teams={teams.data?.items ?? []}
          onClose={() => setEditing(undefined)}
          onSave={(rule) => {
            const next = [...rules];
            next[editing.index] = rule;
            change(next);
            setEditing(undefined);
          }}
        />
      )}
    </Stack>
  );
}

function RuleModal(props: {
  rule: RoutingRule;
  users: User[];
  teams: Team[];
  onClose(): void;
  onSave(rule: RoutingRule): void;
}) {
  const [rule, setRule] = useState<RoutingRule>(props.rule);
  const setCondition = (index: number, condition: RoutingCondition) =>
    setRule({ ...rule, conditions: rule.conditions.map((item, i) => (i === index ? condition : item)) });
  const targetType = rule.target.type;
  const valid =
    rule.name.trim() !== '' &&
    (rule.target.type === 'account_owner' ||
      (rule.target.type === 'user' && rule.target.userId) ||
      (rule.target.type === 'team' && rule.target.teamId));
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.rule.name ? `Edit “${props.rule.name}”` : 'New routing rule'}
      size="lg"
    >
      <Stack>
        <TextInput
          label="Name"
          required
          value={rule.name}
          onChange={(event) => setRule({ ...rule, name: event.currentTarget.value })}
        />
        <Text size="sm" fw={500}>
          When the lead matches all of
        </Text>
        {rule.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            No conditions: every lead.
          </Text>
        )}
        {rule.conditions.map((condition, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; rows move only by removal
          <Group key={index} align="flex-end" wrap="nowrap">
            <Select
              label="Field"
              data={routingFields}
              value={condition.field}
              searchable
              onChange={(value) => value && setCondition(index, { ...condition, field: value })}
            />
            <Select
              label="Test"
              data={Object.entries(operatorLabels).map(([value, label]) => ({ value, label }))}
              value={condition.operator}
              onChange={(value) => value && setCondition(index, { ...condition, operator: value as ConditionOperator })}
            />
            {!['is_set', 'is_not_set'].includes(condition.operator) && (
              <TagsInput
                label="Values"
                value={condition.values}
                onChange={(values) => setCondition(index, { ...condition, values })}
                style={{ flex: 1 }}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="red"
              mb={6}
              aria-label="Remove condition"
              onClick={() => setRule({ ...rule, conditions: rule.conditions.filter((_, i) => i !== index) })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setRule({
              ...rule,
              conditions: [...rule.conditions, { field: 'country', operator: 'equals_any', values: [] }],
            })
          }
          w="fit-content"
        >
          Add condition
        </Button>
        <Text size="sm" fw={500}>
          Send it to
        </Text>
        <SegmentedControl
          value={targetType}
          data={[
            { value: 'account_owner', label: 'Account owner' },
            { value: 'team', label: 'A team (round robin)' },
            { value: 'user', label: 'A person' },
          ]}
          onChange={(value) =>
            setRule({
              ...rule,
              target:
                value === 'team'
                  ? { type: 'team', teamId: props.teams[0]?.id ?? '' }
                  : value === 'user'
                    ? { type: 'user', userId: '' }
                    : { type: 'account_owner' },
            })
          }
        />
        {rule.target.type === 'team' && (
          <Select
            label="Team or pilot group"
            data={props.teams.map((team) => ({
              value: team.id,
              label: team.kind === 'pilot' ? `${team.name} (pilot group)` : team.name,
            }))}
            value={rule.target.teamId || null}
            onChange={(value) => value && setRule({ ...rule, target: { type: 'team', teamId: value } })}
          />
        )}
        {rule.target.type === 'user' && (
          <Select
            label="Person"
            searchable
            data={props.users.map((user) => ({ value: user.id, label: user.name }))}
            value={rule.target.userId || null}
            onChange={(value) => value && setRule({ ...rule, target: { type: 'user', userId: value } })}
          />
        )}
        {rule.target.type === 'account_owner' && (
          <Text size="sm" c="dimmed">
            The owner of the lead’s company (linked, or matched by email domain). No owner, or an unavailable one: the
            next rule.
          </Text>
        )}
        <Switch
          label="Only reps inside their working hours"
          checked={rule.workingHoursOnly}
          onChange={(event) => setRule({ ...rule, workingHoursOnly: event.currentTarget.checked })}
        />
        <Switch
          label="Enabled"
          checked={rule.enabled}
          onChange={(event) => setRule({ ...rule, enabled: event.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button disabled={!valid} onClick={() => props.onSave({ ...rule, name: rule.name.trim() })}>
            Keep rule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
