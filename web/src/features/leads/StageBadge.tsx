import { Badge, type BadgeProps } from '@mantine/core';
import { type Stage, stageLabels } from '../../api/types';

/** Cool colours early in the funnel, warm near the deal, green for customers; side exits muted. */
const stageColors: Record<Stage, string> = {
  subscriber: 'gray',
  lead: 'blue',
  mql: 'violet',
  sal: 'indigo',
  sql: 'cyan',
  opportunity: 'orange',
  customer: 'green',
  recycled: 'yellow',
  disqualified: 'red',
};

export function StageBadge({ stage, ...props }: { stage: Stage } & BadgeProps) {
  return (
    <Badge variant="light" color={stageColors[stage]} tt="none" {...props}>
      {stageLabels[stage]}
    </Badge>
  );
}
