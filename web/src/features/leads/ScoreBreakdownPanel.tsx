import { Sparkline } from '@mantine/charts';
import { Alert, Badge, Button, Card, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { errorMessage, get } from '../../api/client';
import { formatNumber } from '../../api/format';
import { RelativeTime } from '../../app/RelativeTime';
import { activityTypeLabels, gradeColors, type ScoreBreakdown, signed } from '../scoring/api';

const causeWords: Record<string, string> = {
  activity: 'new activity',
  profile: 'profile changed',
  rescore: 'model changed',
  merge: 'records merged',
};

const FIRST = 8;
const round = (points: number) => Math.round(points * 10) / 10;

/** Why the lead has its score: each activity's points then and now, the fit criteria it meets, its persona. */
export function ScoreBreakdownPanel({ contactId }: { contactId: string }) {
  const breakdown = useQuery({
    queryKey: ['contact', contactId, 'score'],
    queryFn: () => get<ScoreBreakdown>(`/api/contacts/${contactId}/score`),
  });
  const [allActivities, setAllActivities] = useState(false);
  const data = breakdown.data;

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" data-testid="score-breakdown">
        <Title order={4}>Why this score</Title>
        {breakdown.isPending && <Skeleton h={160} />}
        {breakdown.isError && <Alert color="red">{errorMessage(breakdown.error)}</Alert>}
        {data && (
          <>
            <Group gap="sm" align="center">
              <Text fz={28} fw={700} lh={1}>
                {formatNumber(Math.round(data.score))}
              </Text>
              <Text size="sm" c="dimmed">
                points
              </Text>
              <Badge color={data.grade ? (gradeColors[data.grade] ?? 'gray') : 'gray'} variant="light">
                {data.grade ? `Grade ${data.grade}` : 'Not graded'}
              </Badge>
              {data.isMql && <Badge color="teal">MQL</Badge>}
            </Group>
            <Text size="xs" c="dimmed">
              {formatNumber(data.fitPoints)} fit points. MQL at grade {data.mqlRule.minGrade} or better and{' '}
              {formatNumber(data.mqlRule.minScore)} points
              {data.isMql ? '.' : `: ${whatIsMissing(data)}.`}
            </Text>
            {data.history.length > 1 && (
              <Sparkline
                h={48}
                data={data.history.map((point) => point.score)}
                curveType="linear"
                fillOpacity={0.2}
                color="blue"
                aria-label={`Score history: from ${Math.round(data.history[0]!.score)} to ${Math.round(data.history.at(-1)!.score)} over ${data.history.length} changes`}
                role="img"
              />
            )}
            {data.persona && (
              <div>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Persona
                </Text>
                <Text size="sm" fw={500}>
                  {data.persona.name}
                </Text>
                {data.persona.description && (
                  <Text size="xs" c="dimmed" lineClamp={3}>
                    {data.persona.description}
                  </Text>
                )}
              </div>
            )}
            <Divider />
            <Section title="Engagement" empty="No activity has scored yet.">
              {(allActivities ? data.engagement : data.engagement.slice(0, FIRST)).map((entry) => (
                <div key={`${entry.ruleId} ${entry.activityId}`}>
                  <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {entry.label}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      <Text span fw={600} c={entry.points < 0 ? 'red' : undefined}>
                        {signed(entry.points)}
                      </Text>
                      <Text span c="dimmed" size="xs">
                        {' '}
                        → {signed(round(entry.pointsNow))} now
                      </Text>
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed" component="div" style={{ overflowWrap: 'anywhere' }}>
                    {entry.activityTitle ??
                      activityTypeLabels[entry.activityType as keyof typeof activityTypeLabels] ??
                      entry.activityType}{' '}
                    · <RelativeTime at={entry.occurredAt} size="xs" />
                  </Text>
                </div>
              ))}
              {data.engagement.length > FIRST && (
                <Button variant="subtle" size="compact-xs" onClick={() => setAllActivities((value) => !value)}>
                  {allActivities ? 'Show fewer' : `Show all ${data.engagement.length}`}
                </Button>
              )}
            </Section>
            {data.capped.length > 0 && (
              <Text size="xs" c="dimmed">
                Not counted, cap reached:{' '}
                {data.capped.map((cap) => `${cap.label} × ${formatNumber(cap.count)}`).join(', ')}
              </Text>
            )}
            <Section title="Fit" empty="No fit criterion matches.">
              {data.fit.map((criterion) => (
                <Group key={criterion.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {criterion.label}
                  </Text>
                  <Text size="sm" fw={600} c={criterion.points < 0 ? 'red' : undefined}>
                    {signed(criterion.points)}
                  </Text>
                </Group>
              ))}
            </Section>
            {data.history.length > 0 && (
              <Section title="Recent changes" empty="">
                {data.history
                  .slice(-5)
                  .reverse()
                  .map((point) => (
                    <Text key={`${point.at} ${point.score}`} size="xs" c="dimmed" component="div">
                      <Text span size="xs" fw={600} c="dark">
                        {formatNumber(Math.round(point.score))}
                        {point.grade ? ` · ${point.grade}` : ''}
                      </Text>{' '}
                      · {causeWords[point.cause] ?? point.cause} · <RelativeTime at={point.at} size="xs" />
                    </Text>
                  ))}
              </Section>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

const gradeRank = (grade: string | null) => (grade ? 'ABCDF'.indexOf(grade) : 99);

function whatIsMissing(data: ScoreBreakdown): string {
  const missing = [];
  if (gradeRank(data.grade) > gradeRank(data.mqlRule.minGrade)) missing.push('a better fit');
  const short = data.mqlRule.minScore - Math.round(data.score);
  if (short > 0) missing.push(`${formatNumber(short)} more points`);
  return missing.length ? `needs ${missing.join(' and ')}` : 'not an MQL (disqualified or not yet recomputed)';
}

function Section({ title, empty, children }: { title: string; empty: string; children: ReactNode }) {
  const list = Array.isArray(children) ? children.flat().filter(Boolean) : [children].filter(Boolean);
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      {list.length ? (
        list
      ) : (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
    </Stack>
  );
}
