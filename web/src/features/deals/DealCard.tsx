import { Card, Group, Text } from '@mantine/core';
import { IconCalendar, IconUser } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDay, formatMoney } from '../../api/format';
import type { Deal } from '../../api/types';

/** One deal on the board; the whole card opens it. */
export function DealCard({ deal }: { deal: Deal }) {
  const late = deal.expectedCloseOn !== null && deal.expectedCloseOn < new Date().toISOString().slice(0, 10);
  return (
    <Card
      component={Link}
      to={`/deals/${deal.id}`}
      withBorder
      padding="sm"
      radius="md"
      aria-label={deal.name}
      style={{ textDecoration: 'none', color: 'inherit' }}
    >
      <Text fw={600} size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
        {deal.name}
      </Text>
      {deal.companyName && (
        <Text size="xs" c="dimmed" truncate>
          {deal.companyName}
        </Text>
      )}
      <Text fw={700} mt={4}>
        {formatMoney(deal.amountMinor, deal.currency)}
      </Text>
      <Group gap="sm" mt={4} wrap="wrap">
        <Group gap={4} wrap="nowrap" miw={0}>
          <IconUser size={12} aria-hidden />
          <Text size="xs" c="dimmed" truncate>
            {deal.ownerName ?? 'Unassigned'}
          </Text>
        </Group>
        {deal.expectedCloseOn && (
          <Group gap={4} wrap="nowrap">
            <IconCalendar size={12} aria-hidden />
            <Text size="xs" c={late ? 'red' : 'dimmed'}>
              {formatDay(deal.expectedCloseOn)}
            </Text>
          </Group>
        )}
      </Group>
    </Card>
  );
}
