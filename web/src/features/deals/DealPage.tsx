import { Alert, Anchor, Group, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage, get } from '../../api/client';
import type { Deal, Me } from '../../api/types';
import { DealActions } from './DealActions';
import { DealHeader } from './DealHeader';

export function DealPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const deal = useQuery({ queryKey: ['deal', id], queryFn: () => get<Deal>(`/api/deals/${id}`) });
  const missing = deal.error instanceof ApiError && [400, 404].includes(deal.error.status);

  return (
    <Stack gap="md" maw={1100}>
      <Group>
        <Anchor component={Link} to="/deals" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            Deals
          </Group>
        </Anchor>
      </Group>
      {deal.isPending && <Skeleton h={220} />}
      {deal.isError && (
        <Alert color={missing ? 'yellow' : 'red'} title={missing ? 'No such deal' : 'The deal could not be loaded'}>
          {missing ? 'This deal does not exist in this workspace.' : errorMessage(deal.error)}
        </Alert>
      )}
      {deal.data && <DealHeader deal={deal.data} me={me} action={<DealActions deal={deal.data} me={me} />} />}
    </Stack>
  );
}
