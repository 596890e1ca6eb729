import { Alert, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { errorMessage, get } from '../../api/client';
import { formatDuration } from '../../api/format';
import { type StageHistory, type StageTransition, stageLabels } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { StageBadge } from './StageBadge';

const actorWords: Record<string, string> = {
  rule: 'by a rule',
  system: 'by Baton',
  import: 'by an import',
  api_key: 'through the API',
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Who or what made the move, and why, in a few words. */
function why(transition: StageTransition): string[] {
  const rejection = transition.details.rejection as { label?: unknown; note?: unknown } | undefined;
  const by = transition.actorName
    ? `by ${transition.actorName}`
    : (actorWords[transition.actorType] ?? (transition.actorType === 'user' ? 'by a former user' : null));
  const rule = transition.rule === 'created' ? 'created' : transition.rule;
  return [
    by,
    rule,
    transition.details.accepted ? 'accepted by sales' : null,
    rejection ? `rejected: ${text(rejection.label) ?? 'no reason'}` : null,
    // A rejection's reason repeats its label unless the rep wrote a note.
    transition.reason && transition.reason !== text(rejection?.label) ? transition.reason : null,
  ].filter((part): part is string => Boolean(part));
}

/** Every stage move, newest first, with who made it, when and why, and how long the lead stayed. */
export function StageHistoryPanel({ contactId }: { contactId: string }) {
  const history = useQuery({
    queryKey: ['contact', contactId, 'stages'],
    queryFn: () => get<StageHistory>(`/api/contacts/${contactId}/stages`),
  });
  const transitions = history.data?.transitions ?? [];
  const periods = history.data?.periods ?? [];
  const rows = transitions.map((transition, index) => ({ transition, period: periods[index] })).reverse();

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" data-testid="stage-history">
        <Title order={4}>Stage history</Title>
        {history.isPending && <Skeleton h={120} />}
        {history.isError && <Alert color="red">{errorMessage(history.error)}</Alert>}
        {history.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No stage moves recorded.
          </Text>
        )}
        {rows.map(({ transition, period }) => (
          <div key={transition.id}>
            <Group gap={6} wrap="nowrap" align="center">
              <StageBadge stage={transition.to} />
              {period && (
                <Text size="sm" c={period.leftAt ? undefined : 'blue'} fw={period.leftAt ? undefined : 500}>
                  {formatDuration(period.seconds)}
                  {period.leftAt ? '' : ' so far'}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed" component="div" mt={2} style={{ overflowWrap: 'anywhere' }}>
              <RelativeTime at={transition.at} size="xs" />
              {transition.from ? ` · from ${stageLabels[transition.from]}` : ''}
              {why(transition).map((part) => ` · ${part}`)}
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
