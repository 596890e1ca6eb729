import { Anchor, Card, Grid, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, patch } from '../../api/client';
import { usePropertyDefinitions } from '../../api/directory';
import { formatDay, formatMoney } from '../../api/format';
import { can } from '../../api/permissions';
import { type Deal, dealStageLabels, dealStages, type Me } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { formatPropertyValue } from '../properties/property-values';
import { DealStageBadge } from './DealStageBadge';

const stageOptions = dealStages.map((stage) => ({ value: stage, label: dealStageLabels[stage] ?? stage }));

export function DealHeader({ deal, me, action }: { deal: Deal; me: Me; action: ReactNode }) {
  const queryClient = useQueryClient();
  const definitions = usePropertyDefinitions('deal');
  // The picked stage shows at once while it is saved; a failure puts the saved one back.
  const [picked, setPicked] = useState<string>();
  const move = useMutation({
    mutationFn: (stage: string) => patch<Deal>(`/api/deals/${deal.id}`, { stage }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['deal', saved.id], saved);
      queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    onSettled: () => setPicked(undefined),
  });
  const movable = deal.status === 'open' && can(me.role, 'workDeals');

  return (
    <Card withBorder padding="lg">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start" gap="md">
          <div style={{ minWidth: 0, flex: '1 1 280px' }}>
            <Group gap="xs" align="center">
              <Title order={2} style={{ overflowWrap: 'anywhere' }}>
                {deal.name}
              </Title>
              <DealStageBadge deal={deal} size="lg" />
            </Group>
            <Text fz={28} fw={700} mt={4}>
              {formatMoney(deal.amountMinor, deal.currency)}
            </Text>
          </div>
          {action}
        </Group>
        <Grid gutter="md">
          <Field label="Stage">
            {movable ? (
              <Select
                aria-label="Deal stage"
                size="xs"
                maw={180}
                data={stageOptions}
                allowDeselect={false}
                value={picked ?? deal.stage}
                onChange={(stage) => {
                  if (!stage || stage === deal.stage) return;
                  setPicked(stage);
                  move.mutate(stage);
                }}
              />
            ) : (
              <Text size="sm">{dealStageLabels[deal.stage] ?? deal.stage}</Text>
            )}
          </Field>
          <Field label="Company">
            {deal.companyId && deal.companyName ? (
              <Anchor component={Link} to={`/companies/${deal.companyId}`} size="sm">
                {deal.companyName}
              </Anchor>
            ) : null}
          </Field>
          <Field label="Owner">{deal.ownerName ? <Text size="sm">{deal.ownerName}</Text> : null}</Field>
          <Field label="Expected close">
            {deal.expectedCloseOn ? <Text size="sm">{formatDay(deal.expectedCloseOn)}</Text> : null}
          </Field>
          <Field label="Opened">
            <RelativeTime at={deal.createdAt} />
          </Field>
          {deal.closedAt && (
            <Field label={deal.status === 'won' ? 'Won' : 'Closed'}>
              <RelativeTime at={deal.closedAt} />
            </Field>
          )}
          {deal.status === 'lost' && (
            <Field label="Lost because">{deal.lostReason ? <Text size="sm">{deal.lostReason}</Text> : null}</Field>
          )}
          <Field label="Contacts" wide>
            {deal.contacts.length > 0 ? (
              <Stack gap={2}>
                {deal.contacts.map((contact) => (
                  <Anchor
                    key={contact.id}
                    component={Link}
                    to={`/leads/${contact.id}`}
                    size="sm"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {contact.name ?? contact.email ?? 'Unnamed lead'}
                  </Anchor>
                ))}
              </Stack>
            ) : null}
          </Field>
          {definitions.data?.map((definition) => {
            const value = formatPropertyValue(definition, deal.properties[definition.key]);
            return (
              <Field key={definition.id} label={definition.label}>
                {value === null ? null : <Text size="sm">{value}</Text>}
              </Field>
            );
          })}
        </Grid>
      </Stack>
    </Card>
  );
}

/** A labelled value, two to a row on a phone; an empty one shows a quiet dash. */
function Field({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: wide ? 12 : 6, sm: 6, md: 4 }} miw={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children ?? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      )}
    </Grid.Col>
  );
}
