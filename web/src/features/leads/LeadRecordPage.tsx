import { Alert, Anchor, Grid, Group, Skeleton, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage, get } from '../../api/client';
import { can } from '../../api/permissions';
import type { Contact, Me } from '../../api/types';
import { DealsPanel } from '../deals/DealsPanel';
import { AssignmentsPanel } from '../routing/AssignmentsPanel';
import { contactName } from './contact-name';
import { InterestingMomentsPanel } from './InterestingMomentsPanel';
import { KnownAs } from './KnownAs';
import { LeadHeader } from './LeadHeader';
import { LeadRecordActions } from './LeadRecordActions';
import { LeadTimeline } from './LeadTimeline';
import { LeadWorkBar } from './LeadWorkBar';
import { MergedBanner } from './MergedBanner';
import { ScoreBreakdownPanel } from './ScoreBreakdownPanel';
import { StageHistoryPanel } from './StageHistoryPanel';
import { TalkTrackPanel } from './TalkTrackPanel';

export function LeadRecordPage({ me }: { me: Me }) {
  const { id = '' } = useParams();
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => get<Contact>(`/api/contacts/${id}`) });
  const data = contact.data;
  const missing = contact.error instanceof ApiError && [400, 404].includes(contact.error.status);
  // A merged record is only a pointer: nothing is worked on it any more.
  const live = data && !data.mergedIntoId;
  const wide = useMediaQuery('(min-width: 62em)', true);

  return (
    <Stack gap="md" maw={1100}>
      <Group>
        <Anchor component={Link} to="/leads" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            Leads
          </Group>
        </Anchor>
      </Group>
      {contact.isPending && <Skeleton h={220} />}
      {contact.isError && (
        <Alert color={missing ? 'yellow' : 'red'} title={missing ? 'No such lead' : 'The lead could not be loaded'}>
          {missing ? 'This lead does not exist in this workspace.' : errorMessage(contact.error)}
        </Alert>
      )}
      {data && (
        <>
          {data.mergedIntoId && <MergedBanner survivorId={data.mergedIntoId} />}
          <LeadHeader
            contact={data}
            action={live && <LeadRecordActions contact={data} me={me} />}
            toolbar={live && <LeadWorkBar contact={data} me={me} />}
          />
          <Grid gutter="md">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Stack gap="md">
                {/* On a phone the talk track comes before the history: a rep calling from the road needs it first. */}
                {live && !wide && <TalkTrackPanel contactId={data.id} />}
                <InterestingMomentsPanel contactId={data.id} />
                <LeadTimeline of={{ contact: data.id }} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                {live && <ScoreBreakdownPanel contactId={data.id} />}
                {live && wide && <TalkTrackPanel contactId={data.id} />}
                <AssignmentsPanel contactId={data.id} />
                <StageHistoryPanel contactId={data.id} />
                <DealsPanel
                  filter={{ contact: data.id }}
                  canCreate={Boolean(live) && can(me.role, 'workDeals')}
                  defaults={{
                    name: data.company?.name ?? data.companyName ?? contactName(data),
                    companyId: data.company?.id ?? null,
                    contactIds: [data.id],
                    ownerId: data.ownerId,
                  }}
                  known={{ companyName: data.company?.name, contacts: [{ id: data.id, name: contactName(data) }] }}
                />
                <KnownAs contact={data} />
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
