import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage, get, put } from '../../api/client';
import type { Me } from '../../api/types';
import { type SlaGoals, type SlaPolicies, type SlaPolicy, stepLabels } from './types';

const kinds = [
  { value: 'hand_raiser' as const, label: 'Hand-raisers', hint: 'asked to talk to sales' },
  { value: 'mql' as const, label: 'MQLs', hint: 'crossed the scoring threshold' },
];

export function SlaPoliciesTab({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const policies = useQuery({ queryKey: ['sla-policies'], queryFn: () => get<SlaPolicies>('/api/sla/policies') });
  const goals = useQuery({ queryKey: ['sla-goals'], queryFn: () => get<SlaGoals>('/api/sla/goals') });
  const [draft, setDraft] = useState<SlaPolicies>();
  const [goalDraft, setGoalDraft] = useState<SlaGoals>();
  useEffect(() => setDraft(policies.data), [policies.data]);
  useEffect(() => setGoalDraft(goals.data), [goals.data]);
  const canEdit = me.role === 'admin' || me.role === 'sales_manager';
  const save = useMutation({
    mutationFn: async () => {
      if (canEdit && draft) await put('/api/sla/policies', draft);
      if (goalDraft) await put('/api/sla/goals', goalDraft);
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['sla-policies'] });
      queryClient.invalidateQueries({ queryKey: ['sla-goals'] });
      notifications.show({ color: 'green', message: 'SLA saved' });
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) }),
  });
  if (!draft || !goalDraft) return null;
  const setPolicy = (kind: keyof SlaPolicies, policy: SlaPolicy) => setDraft({ ...draft, [kind]: policy });

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {kinds.map(({ value, label, hint }) => {
          const policy = draft[value];
          return (
            <Card key={value} withBorder padding="lg" aria-label={`${label} SLA`}>
              <Title order={4}>{label}</Title>
              <Text size="sm" c="dimmed" mb="sm">
                Leads that {hint}: first touch within
              </Text>
              <Stack gap="sm">
                <NumberInput
                  label="Minutes to first touch"
                  min={1}
                  value={policy.minutes}
                  disabled={!canEdit}
                  onChange={(minutes) => typeof minutes === 'number' && setPolicy(value, { ...policy, minutes })}
                />
                <Switch
                  label="Count only the rep’s working hours"
                  checked={policy.businessHours}
                  disabled={!canEdit}
                  onChange={(event) => setPolicy(value, { ...policy, businessHours: event.currentTarget.checked })}
                />
                <Text size="sm" fw={500}>
                  Escalation
                </Text>
                {policy.steps.map((step, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; rows move only by removal
                  <Group key={index} wrap="nowrap" align="flex-end">
                    <NumberInput
                      label="At % of the time"
                      min={1}
                      max={1000}
                      w={130}
                      value={step.percent}
                      disabled={!canEdit}
                      onChange={(percent) =>
                        typeof percent === 'number' &&
                        setPolicy(value, {
                          ...policy,
                          steps: policy.steps.map((item, i) => (i === index ? { ...item, percent } : item)),
                        })
                      }
                    />
                    <Select
                      label="Do"
                      data={Object.entries(stepLabels).map(([action, text]) => ({ value: action, label: text }))}
                      value={step.action}
                      disabled={!canEdit}
                      onChange={(action) =>
                        action &&
                        setPolicy(value, {
                          ...policy,
                          steps: policy.steps.map((item, i) =>
                            i === index ? { ...item, action: action as typeof item.action } : item,
                          ),
                        })
                      }
                    />
                    {canEdit && (
                      <ActionIcon
                        mb={6}
                        variant="subtle"
                        color="red"
                        aria-label="Remove step"
                        onClick={() =>
                          setPolicy(value, { ...policy, steps: policy.steps.filter((_, i) => i !== index) })
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                ))}
                {canEdit && (
                  <Button
                    variant="subtle"
                    w="fit-content"
                    leftSection={<IconPlus size={16} />}
                    onClick={() =>
                      setPolicy(value, {
                        ...policy,
                        steps: [
                          ...policy.steps,
                          { percent: (policy.steps.at(-1)?.percent ?? 0) + 50, action: 'remind' },
                        ],
                      })
                    }
                  >
                    Add step
                  </Button>
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <Card withBorder padding="lg">
        <Title order={4}>Marketing’s side</Title>
        <Text size="sm" c="dimmed" mb="sm">
          What marketing commits to deliver, shown beside sales’ response times on the SLA board.
        </Text>
        <Group>
          <NumberInput
            label="MQLs a month"
            min={0}
            value={goalDraft.monthlyMqls}
            onChange={(monthlyMqls) => typeof monthlyMqls === 'number' && setGoalDraft({ ...goalDraft, monthlyMqls })}
          />
          <NumberInput
            label="Acceptance rate goal (%)"
            min={0}
            max={100}
            value={goalDraft.acceptanceRatePercent}
            onChange={(acceptanceRatePercent) =>
              typeof acceptanceRatePercent === 'number' && setGoalDraft({ ...goalDraft, acceptanceRatePercent })
            }
          />
        </Group>
      </Card>
      <Group justify="flex-end">
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          Save SLA
        </Button>
      </Group>
    </Stack>
  );
}
