import { Alert, Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage, get } from '../../api/client';
import { formatDay, formatMoney } from '../../api/format';
import type { DealPage } from '../../api/types';
import { DealFormModal } from './DealFormModal';
import { DealStageBadge } from './DealStageBadge';
import type { DealFormValues } from './deal-form';

/** The deals of a lead or a company, newest first, with a way to open one there. */
export function DealsPanel(props: {
  filter: { contact: string } | { company: string };
  canCreate: boolean;
  defaults: Partial<DealFormValues>;
  known: { companyName?: string | null; contacts?: { id: string; name: string }[] };
}) {
  const [creating, createModal] = useDisclosure(false);
  const param = 'contact' in props.filter ? `contact=${props.filter.contact}` : `company=${props.filter.company}`;
  const deals = useQuery({
    queryKey: ['deals', props.filter],
    queryFn: () => get<DealPage>(`/api/deals?${param}&limit=50`),
  });
  const items = deals.data?.items ?? [];

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" data-testid="deals-panel">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>Deals</Title>
          {props.canCreate && (
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={createModal.open}>
              New deal
            </Button>
          )}
        </Group>
        {deals.isPending && <Skeleton h={60} />}
        {deals.isError && <Alert color="red">{errorMessage(deals.error)}</Alert>}
        {deals.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            No deals yet.
          </Text>
        )}
        {items.map((deal) => (
          <div key={deal.id}>
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                {deal.name}
              </Anchor>
              <DealStageBadge deal={deal} />
            </Group>
            <Text size="xs" c="dimmed">
              {[
                formatMoney(deal.amountMinor, deal.currency),
                deal.status === 'open' && deal.expectedCloseOn ? `closes ${formatDay(deal.expectedCloseOn)}` : null,
                deal.status === 'lost' ? deal.lostReason : null,
                deal.ownerName,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </div>
        ))}
        {deals.data?.nextCursor && (
          <Text size="xs" c="dimmed">
            The 50 newest are shown.{' '}
            <Anchor component={Link} to="/deals" inherit>
              All deals
            </Anchor>
          </Text>
        )}
      </Stack>
      {creating && <DealFormModal defaults={props.defaults} known={props.known} onClose={createModal.close} />}
    </Card>
  );
}
