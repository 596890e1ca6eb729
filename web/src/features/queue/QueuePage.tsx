import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Kbd,
  Modal,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKeyboard } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, get, post } from '../../api/client';
import { ownerOptions, useUsers } from '../../api/directory';
import { formatNumber } from '../../api/format';
import { can } from '../../api/permissions';
import type { Me, Team } from '../../api/types';
import { LogActivityModal } from '../leads/LogActivityModal';
import { RejectLeadModal } from '../leads/RejectLeadModal';
import { TalkTrackPanel } from '../leads/TalkTrackPanel';
import { QueueCard, type QueueCardMenus } from './QueueCard';
import { leadRefOf, type QueueItem, useQueue, useServerNow } from './queue-api';
import { useLeadActions } from './use-lead-actions';

const shortcuts: [string, string][] = [
  ['j / k', 'Next / previous lead'],
  ['Enter', 'Open the lead record'],
  ['c', 'Log a call'],
  ['a', 'Accept'],
  ['r', 'Reject'],
  ['s', 'Snooze'],
  ['?', 'These shortcuts'],
];

const closedMenus: QueueCardMenus = { call: false, snooze: false };

/**
 * The rep's home: their leads to work, most urgent first, with SLA countdowns, why each is here,
 * the talk track of the selected one, and one-click actions — all from the keyboard too. Managers
 * switch to a rep's, a team's or the unassigned queue and reassign in bulk.
 */
export function QueuePage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const manager = me.role === 'admin' || me.role === 'sales_manager';
  const view = (manager && params.get('view')) || 'mine';
  const snoozed = params.get('snoozed') === 'true';
  const queue = useQueue(view, snoozed);
  const pages = queue.data?.pages ?? [];
  const first = pages[0];
  const items = useMemo(() => pages.flatMap((page) => page.items), [pages]);
  const now = useServerNow(first?.now);
  const wide = useMediaQuery('(min-width: 62em)');
  const navigate = useNavigate();

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = items.find((item) => item.contactId === selectedId) ?? items[0] ?? null;
  useEffect(() => {
    if (!selectedId && items[0]) setSelectedId(items[0].contactId);
  }, [items, selectedId]);
  const [menus, setMenus] = useState<QueueCardMenus>(closedMenus);
  const [rejecting, setRejecting] = useState<QueueItem | null>(null);
  const [logging, setLogging] = useState<QueueItem | null>(null);
  const [help, setHelp] = useState(false);
  const [checked, setChecked] = useState<Set<string>>(new Set());

  const move = (step: number) => {
    if (items.length === 0) return;
    const index = selected ? items.findIndex((item) => item.contactId === selected.contactId) : -1;
    const next = items[Math.min(items.length - 1, Math.max(0, index + step))]!;
    setSelectedId(next.contactId);
    setMenus(closedMenus);
    document.querySelector<HTMLElement>(`[data-contact-id="${next.contactId}"] [role="listitem"]`)?.focus();
  };
  const busy = Boolean(rejecting || logging || help);
  const judge = can(me.role, 'judgeLeads');
  const guarded = (action: () => void) => () => {
    if (!busy && selected) action();
  };
  const selectedActions = useLeadActions(selected ?? emptyItem);
  useHotkeys([
    ['j', guarded(() => move(1))],
    ['k', guarded(() => move(-1))],
    ['Enter', guarded(() => navigate(`/leads/${selected!.contactId}`))],
    ['c', guarded(() => setMenus({ call: true, snooze: false }))],
    ['s', guarded(() => !selected!.snoozedUntil && setMenus({ call: false, snooze: true }))],
    ['a', guarded(() => judge && selected!.stage === 'mql' && selectedActions.accept.mutate())],
    ['r', guarded(() => judge && selected!.stage === 'mql' && setRejecting(selected))],
    ['shift+?', () => setHelp(true)],
  ]);

  const title =
    view === 'mine'
      ? 'My queue'
      : view === 'unassigned'
        ? 'Unassigned leads'
        : view.startsWith('team:')
          ? 'Team queue'
          : 'Rep’s queue';
  const setView = (next: string | null) => {
    setChecked(new Set());
    setSelectedId(null);
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (!next || next === 'mine') updated.delete('view');
      else updated.set('view', next);
      return updated;
    });
  };
  const setSnoozed = (value: string) => {
    setSelectedId(null);
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (value === 'snoozed') updated.set('snoozed', 'true');
      else updated.delete('snoozed');
      return updated;
    });
  };

  return (
    <Stack gap="md" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{title}</Title>
          {first && (
            <Text c="dimmed" size="sm" aria-live="polite">
              {formatNumber(first.total)} to work · {formatNumber(first.overdue)} overdue · {formatNumber(first.warm)}{' '}
              warm
              {first.resting > 0 && (
                <>
                  {' · '}
                  <Anchor component={Link} to="/leads" size="sm" c="dimmed" underline="always">
                    {formatNumber(first.resting)} resting
                  </Anchor>{' '}
                  (nothing for 30 days)
                </>
              )}
            </Text>
          )}
        </div>
        <Group gap="xs" wrap="wrap">
          {manager && <ViewPicker me={me} view={view} onChange={setView} />}
          <SegmentedControl
            size="xs"
            value={snoozed ? 'snoozed' : 'open'}
            onChange={setSnoozed}
            aria-label="Which leads"
            data={[
              { value: 'open', label: `To work${first ? ` (${first.total})` : ''}` },
              { value: 'snoozed', label: `Snoozed${first ? ` (${first.snoozed})` : ''}` },
            ]}
          />
          {wide && (
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconKeyboard size={14} />}
              onClick={() => setHelp(true)}
              aria-label="Keyboard shortcuts"
            >
              <Kbd size="xs">?</Kbd>
            </Button>
          )}
        </Group>
      </Group>
      {manager && checked.size > 0 && (
        <BulkReassign
          me={me}
          contactIds={[...checked]}
          onDone={() => {
            setChecked(new Set());
          }}
        />
      )}
      {queue.isPending && <Skeleton h={300} />}
      {queue.isError && (
        <Alert color="red" title="The queue could not be loaded">
          {errorMessage(queue.error)}
        </Alert>
      )}
      {first && items.length === 0 && (
        <Card withBorder p="xl">
          <Text fw={500}>{snoozed ? 'Nothing snoozed.' : 'Nothing to work right now.'}</Text>
          <Text size="sm" c="dimmed">
            {snoozed
              ? 'Leads you snooze wait here until their time, then come back on their own.'
              : 'New leads appear here the moment they are assigned, with a sound and a toast — no need to reload.'}
          </Text>
        </Card>
      )}
      {items.length > 0 && (
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="xs" role="list" aria-label={title}>
              {items.map((item) => {
                const isSelected = selected?.contactId === item.contactId;
                return (
                  <div key={item.contactId} data-contact-id={item.contactId}>
                    <QueueCard
                      item={item}
                      now={now}
                      selected={isSelected}
                      onSelect={() => {
                        if (!isSelected) setMenus(closedMenus);
                        setSelectedId(item.contactId);
                      }}
                      menus={isSelected ? menus : closedMenus}
                      onMenus={(next) => {
                        setSelectedId(item.contactId);
                        setMenus(next);
                      }}
                      onReject={() => setRejecting(item)}
                      onLogOther={() => setLogging(item)}
                      showOwner={view !== 'mine'}
                      canJudge={judge}
                      checked={checked.has(item.contactId)}
                      onCheck={
                        manager
                          ? (on) =>
                              setChecked((current) => {
                                const next = new Set(current);
                                if (on) next.add(item.contactId);
                                else next.delete(item.contactId);
                                return next;
                              })
                          : undefined
                      }
                    >
                      {!wide && isSelected && <TalkTrackPanel contactId={item.contactId} />}
                    </QueueCard>
                  </div>
                );
              })}
              {queue.hasNextPage && (
                <Button variant="subtle" onClick={() => queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
                  Show more
                </Button>
              )}
            </Stack>
          </Grid.Col>
          {wide && selected && (
            <Grid.Col span={5}>
              <Stack gap="md" style={{ position: 'sticky', top: 76 }}>
                <TalkTrackPanel contactId={selected.contactId} />
                <Button variant="light" onClick={() => navigate(`/leads/${selected.contactId}`)}>
                  Open the lead record
                </Button>
              </Stack>
            </Grid.Col>
          )}
        </Grid>
      )}
      {rejecting && <RejectLeadModal contact={leadRefOf(rejecting)} opened onClose={() => setRejecting(null)} />}
      {logging && <LogActivityModal contact={leadRefOf(logging)} opened onClose={() => setLogging(null)} />}
      <Modal opened={help} onClose={() => setHelp(false)} title="Keyboard shortcuts">
        <Table>
          <Table.Tbody>
            {shortcuts.map(([keys, what]) => (
              <Table.Tr key={keys}>
                <Table.Td>
                  <Kbd>{keys}</Kbd>
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </Stack>
  );
}

/** A stand-in while nothing is selected: the actions hook needs an item, and nothing calls it then. */
const emptyItem: QueueItem = {
  contactId: '',
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  title: null,
  company: null,
  persona: null,
  grade: null,
  score: 0,
  stage: 'mql',
  workingStatus: null,
  ownerId: null,
  ownerName: null,
  handRaiser: false,
  reason: '',
  sla: null,
  lastActivityAt: null,
  warm: false,
  lastTouch: null,
  snoozedUntil: null,
};

/** Managers: whose queue to look at — their own, a rep's, a team's, or the unassigned leads. */
function ViewPicker(props: { me: Me; view: string; onChange(view: string | null): void }) {
  const users = useUsers();
  const teams = useQuery({ queryKey: ['teams'], queryFn: () => get<{ items: Team[] }>('/api/teams') });
  const reps = ownerOptions(users.data).filter((user) => user.value !== props.me.user?.id);
  return (
    <Select
      size="xs"
      aria-label="Whose queue"
      value={props.view}
      onChange={props.onChange}
      allowDeselect={false}
      searchable
      w={220}
      data={[
        {
          group: 'Queues',
          items: [
            { value: 'mine', label: 'My queue' },
            { value: 'unassigned', label: 'Unassigned (fallback)' },
          ],
        },
        {
          group: 'Teams',
          items: (teams.data?.items ?? []).map((team) => ({ value: `team:${team.id}`, label: team.name })),
        },
        { group: 'Reps', items: reps.map((rep) => ({ value: `rep:${rep.value}`, label: rep.label })) },
      ]}
    />
  );
}

/** Managers: hand the checked leads to one rep, or route them again by the rules. */
function BulkReassign(props: { me: Me; contactIds: string[]; onDone(): void }) {
  const users = useUsers();
  const [to, setTo] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const reassign = useMutation({
    mutationFn: (userId: string | null) =>
      post<{ items: unknown[] }>('/api/contacts/reassign', { contactIds: props.contactIds, userId }),
    onSuccess: (result) => {
      queryClient.invalidateQueries({ queryKey: ['queue'] });
      queryClient.invalidateQueries({ queryKey: ['contacts'] });
      notifications.show({
        color: 'teal',
        message: `${result.items.length} ${result.items.length === 1 ? 'lead' : 'leads'} reassigned.`,
      });
      props.onDone();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Card withBorder p="sm" aria-label="Reassign selected leads">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={500}>
          {props.contactIds.length} selected
        </Text>
        <Select
          size="xs"
          placeholder="Reassign to…"
          aria-label="Reassign to"
          data={ownerOptions(users.data)}
          value={to}
          onChange={setTo}
          searchable
          w={200}
        />
        <Button size="xs" disabled={!to} loading={reassign.isPending} onClick={() => reassign.mutate(to)}>
          Reassign
        </Button>
        <Button size="xs" variant="subtle" loading={reassign.isPending} onClick={() => reassign.mutate(null)}>
          Route again by the rules
        </Button>
      </Group>
    </Card>
  );
}
