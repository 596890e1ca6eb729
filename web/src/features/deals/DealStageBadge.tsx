import { Badge, type BadgeProps } from '@mantine/core';
import { type Deal, dealStageLabels } from '../../api/types';

/** Blue through the pipeline, warmer as it nears the close; won green, lost red. */
const colors: Record<string, string> = {
  discovery: 'blue',
  demo: 'cyan',
  proposal: 'orange',
  negotiation: 'grape',
};

export function DealStageBadge({ deal, ...props }: { deal: Pick<Deal, 'stage' | 'status'> } & BadgeProps) {
  if (deal.status === 'won')
    return (
      <Badge color="green" tt="none" {...props}>
        Won
      </Badge>
    );
  if (deal.status === 'lost')
    return (
      <Badge color="red" variant="light" tt="none" {...props}>
        Lost
      </Badge>
    );
  return (
    <Badge color={colors[deal.stage] ?? 'gray'} variant="light" tt="none" {...props}>
      {dealStageLabels[deal.stage] ?? deal.stage}
    </Badge>
  );
}
