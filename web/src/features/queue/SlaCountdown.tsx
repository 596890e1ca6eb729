import { Badge, type BadgeProps } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { countdownWords, urgencyAt } from './queue-api';

const urgencyColors = { overdue: 'red', due_soon: 'orange', on_track: 'gray' } as const;
export const urgencyColor = (clock: { startedAt: string; dueAt: string }, now: number) =>
  urgencyColors[urgencyAt(clock, now)];

/** An SLA clock counting down to its deadline: grey on track, orange in its last quarter, red past it. */
export function SlaCountdown({
  clock,
  now,
  prefix = '',
  ...props
}: { clock: { startedAt: string; dueAt: string }; now: number; prefix?: string } & BadgeProps) {
  const urgency = urgencyAt(clock, now);
  const words = `${prefix}${countdownWords(clock.dueAt, now)}`;
  return (
    <Badge
      color={urgencyColors[urgency]}
      variant={urgency === 'on_track' ? 'light' : 'filled'}
      leftSection={<IconAlarm size={12} />}
      style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}
      aria-label={`SLA ${countdownWords(clock.dueAt, now)}`}
      {...props}
    >
      {words}
    </Badge>
  );
}
