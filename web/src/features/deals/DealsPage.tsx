import { Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { can } from '../../api/permissions';
import type { Me } from '../../api/types';
import { ClosedDealsTable } from './ClosedDealsTable';
import { DealBoard } from './DealBoard';
import { DealFormModal } from './DealFormModal';

/** Open deals as a board by pipeline stage; won and lost ones as lists. The tab lives in the URL. */
export function DealsPage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const [creating, createModal] = useDisclosure(false);
  const tab = params.get('status') === 'won' || params.get('status') === 'lost' ? params.get('status')! : 'open';

  return (
    <Stack gap="md" maw={1400}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Deals</Title>
          <Text c="dimmed">The pipeline from discovery to signature, and what was won and lost.</Text>
        </div>
        {can(me.role, 'workDeals') && (
          <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
            New deal
          </Button>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'open' ? { status: value } : {}, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="open">Pipeline</Tabs.Tab>
          <Tabs.Tab value="won">Won</Tabs.Tab>
          <Tabs.Tab value="lost">Lost</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === 'open' ? <DealBoard /> : <ClosedDealsTable status={tab as 'won' | 'lost'} />}
      {creating && <DealFormModal openCreated onClose={createModal.close} />}
    </Stack>
  );
}
