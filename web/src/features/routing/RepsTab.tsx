import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, errorMessage, get, post, put } from '../../api/client';
import type { RepAvailability, WeeklyHours } from './types';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const minutesOf = (text: string) => {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
const hoursSummary = (hours: WeeklyHours) => {
  const open = hours
    .map((window, day) => (window ? `${days[day]} ${clock(window[0])}–${clock(window[1])}` : null))
    .filter(Boolean);
  return open.length === 0 ? 'around the clock' : open.join(', ');
};

export function RepsTab() {
  const reps = useQuery({
    queryKey: ['routing-reps'],
    queryFn: () => get<{ items: RepAvailability[] }>('/api/routing/reps'),
  });
  const [editing, setEditing] = useState<RepAvailability>();
  const queryClient = useQueryClient();
  const removeTimeOff = useMutation({
    mutationFn: (id: string) => del(`/api/routing/time-off/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['routing-reps'] }),
  });
  const now = Date.now();
  return (
    <Stack>
      <Text size="sm" c="dimmed" maw={760}>
        A paused rep, a rep out of office or one at their cap of untouched leads gets no new leads; their round-robin
        turn is kept for when they are back. Working hours set the business-hours SLA clock and, where a rule asks, who
        can take a lead right now.
      </Text>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Working hours</Table.Th>
              <Table.Th>Untouched leads</Table.Th>
              <Table.Th>Out of office</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reps.data?.items.map((rep) => {
              const away = rep.timeOff.find(
                (item) => Date.parse(item.startsAt) <= now && Date.parse(item.endsAt) > now,
              );
              return (
                <Table.Tr key={rep.userId}>
                  <Table.Td>
                    <Text fw={500}>{rep.name}</Text>
                    <Text size="xs" c="dimmed">
                      {rep.role.replace('_', ' ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {!rep.active ? (
                      <Badge color="gray">deactivated</Badge>
                    ) : rep.paused ? (
                      <Badge color="red" title={rep.pausedReason ?? undefined}>
                        paused
                      </Badge>
                    ) : away ? (
                      <Badge color="orange">out of office</Badge>
                    ) : (
                      <Badge color="green">available</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{hoursSummary(rep.hours)}</Text>
                    <Text size="xs" c="dimmed">
                      {rep.timeZone}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {rep.openUntouched}
                    {rep.maxOpenUntouched !== null && ` / ${rep.maxOpenUntouched}`}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {rep.timeOff.map((item) => (
                        <Group key={item.id} gap={4} wrap="nowrap">
                          <Text size="xs">
                            {new Date(item.startsAt).toLocaleString()} – {new Date(item.endsAt).toLocaleString()}
                            {item.note ? ` (${item.note})` : ''}
                          </Text>
                          <ActionIcon
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label="Remove time off"
                            onClick={() => removeTimeOff.mutate(item.id)}
                          >
                            <IconTrash size={12} />
                          </ActionIcon>
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Edit availability of ${rep.name}`}
                      onClick={() => setEditing(rep)}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && <AvailabilityModal rep={editing} onClose={() => setEditing(undefined)} />}
    </Stack>
  );
}

function AvailabilityModal({ rep, onClose }: { rep: RepAvailability; onClose(): void }) {
  const queryClient = useQueryClient();
  const [timeZone, setTimeZone] = useState(rep.timeZone);
  const [hours, setHours] = useState<WeeklyHours>(rep.hours);
  const [cap, setCap] = useState<number | null>(rep.maxOpenUntouched);
  const [paused, setPaused] = useState(rep.paused);
  const [pausedReason, setPausedReason] = useState(rep.pausedReason ?? '');
  const [away, setAway] = useState({ startsAt: '', endsAt: '', note: '' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['routing-reps'] });
  const save = useMutation({
    mutationFn: async () => {
      await put(`/api/routing/reps/${rep.userId}`, {
        timeZone,
        hours,
        maxOpenUntouched: cap,
        paused,
        pausedReason: pausedReason.trim() || null,
      });
      if (away.startsAt && away.endsAt) {
        await post(`/api/routing/reps/${rep.userId}/time-off`, {
          startsAt: new Date(away.startsAt).toISOString(),
          endsAt: new Date(away.endsAt).toISOString(),
          note: away.note.trim() || null,
        });
      }
    },
    onSuccess: () => {
      refresh();
      onClose();
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(error) }),
  });
  const setDay = (day: number, window: [number, number] | null) =>
    setHours(hours.map((item, i) => (i === day ? window : item)));

  return (
    <Modal opened onClose={onClose} title={`Availability of ${rep.name}`} size="lg">
      <Stack>
        <TextInput
          label="Time zone"
          description="IANA name, e.g. Europe/Berlin"
          value={timeZone}
          onChange={(event) => setTimeZone(event.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          Working hours
        </Text>
        {days.map((label, day) => {
          const window = hours[day] ?? null;
          return (
            <Group key={label} gap="sm">
              <Checkbox
                w={70}
                label={label}
                checked={window !== null}
                onChange={(event) => setDay(day, event.currentTarget.checked ? [540, 1020] : null)}
              />
              {window && (
                <>
                  <TextInput
                    type="time"
                    aria-label={`${label} from`}
                    value={clock(window[0])}
                    onChange={(event) => setDay(day, [minutesOf(event.currentTarget.value), window[1]])}
                  />
                  <Text size="sm">to</Text>
                  <TextInput
                    type="time"
                    aria-label={`${label} until`}
                    value={clock(window[1])}
                    onChange={(event) => setDay(day, [window[0], minutesOf(event.currentTarget.value)])}
                  />
                </>
              )}
            </Group>
          );
        })}
        <NumberInput
          label="Cap of untouched leads"
          description="Empty: no cap"
          min={1}
          value={cap ?? ''}
          onChange={(value) => setCap(typeof value === 'number' ? value : null)}
        />
        <Switch
          label="Paused (gets no new leads)"
          checked={paused}
          onChange={(event) => setPaused(event.currentTarget.checked)}
        />
        {paused && (
          <TextInput
            label="Why"
            value={pausedReason}
            onChange={(event) => setPausedReason(event.currentTarget.value)}
          />
        )}
        <Text size="sm" fw={500}>
          Add out of office
        </Text>
        <Group grow>
          <TextInput
            type="datetime-local"
            label="From"
            value={away.startsAt}
            onChange={(event) => setAway({ ...away, startsAt: event.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label="Until"
            value={away.endsAt}
            onChange={(event) => setAway({ ...away, endsAt: event.currentTarget.value })}
          />
        </Group>
        <TextInput
          label="Note"
          value={away.note}
          onChange={(event) => setAway({ ...away, note: event.currentTarget.value })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
