import { ActionIcon, Anchor, Indicator, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { get, post } from '../api/client';

export type AppNotification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  contactId: string | null;
  createdAt: string;
  readAt: string | null;
};

/** The lines of a notification's body worth showing under its title. */
function detailLines(body: string): string[] {
  const lines = body.split('\n');
  return lines.length > 1 ? lines.slice(1) : lines;
}

/** A short two-tone chime, made on the spot: no audio file to ship. Browsers may block it until the first click. */
function chime() {
  try {
    const audio = new AudioContext();
    [880, 1320].forEach((frequency, index) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, audio.currentTime + index * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + index * 0.12 + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + index * 0.12);
      oscillator.stop(audio.currentTime + index * 0.12 + 0.3);
    });
  } catch {
    // No audio here: the toast is enough.
  }
}

/**
 * The bell in the header: live notifications over server-sent events (new leads with their call
 * brief, SLA reminders and alerts) shown as toasts with a chime, and the latest ones in a list.
 */
export function LiveNotifications() {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => get<{ items: AppNotification[] }>('/api/notifications?limit=30'),
  });
  useEffect(() => {
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('notification', (event) => {
      const item = JSON.parse((event as MessageEvent<string>).data) as AppNotification;
      queryClient.setQueryData<{ items: AppNotification[] }>(['notifications'], (current) => ({
        items: [item, ...(current?.items ?? []).filter((other) => other.id !== item.id)].slice(0, 30),
      }));
      // A list fetch still in flight may have been read before this notification existed and would
      // overwrite it: it is cancelled and the list read again.
      queryClient.invalidateQueries({ queryKey: ['notifications'] });
      notifications.show({
        id: item.id,
        title: item.title,
        // A brief's first line repeats the title; a one-line body (an SLA reminder) is all message.
        message: detailLines(item.body).slice(0, 2).join(' '),
        color: item.kind.startsWith('sla.') || item.kind === 'lead.unassigned' ? 'orange' : 'blue',
        autoClose: 10_000,
      });
      chime();
      if (item.kind.startsWith('lead.')) queryClient.invalidateQueries({ queryKey: ['contacts'] });
      // New, reassigned or escalated leads change who should be called first.
      if (item.kind.startsWith('lead.') || item.kind.startsWith('sla.'))
        queryClient.invalidateQueries({ queryKey: ['queue'] });
    });
    return () => source.close();
  }, [queryClient]);
  const unread = list.data?.items.filter((item) => !item.readAt).length ?? 0;

  return (
    <Popover
      width={380}
      position="bottom-end"
      withinPortal
      onOpen={() => {
        if (unread > 0) post('/api/notifications/read').then(() => list.refetch());
      }}
    >
      <Popover.Target>
        <Indicator disabled={unread === 0} label={unread} size={16} offset={4} color="red">
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <ScrollArea.Autosize mah={420}>
          <Stack gap={0} aria-label="Latest notifications">
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed" p="md">
                Nothing yet. New leads and SLA alerts appear here the moment they happen.
              </Text>
            )}
            {list.data?.items.map((item) => (
              <Stack key={item.id} gap={2} p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
                {item.contactId ? (
                  <Anchor component={Link} to={`/leads/${item.contactId}`} fw={item.readAt ? 400 : 600} size="sm">
                    {item.title}
                  </Anchor>
                ) : (
                  <Text fw={item.readAt ? 400 : 600} size="sm">
                    {item.title}
                  </Text>
                )}
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }} lineClamp={8}>
                  {detailLines(item.body).join('\n')}
                </Text>
                <Text size="xs" c="dimmed">
                  {new Date(item.createdAt).toLocaleString()}
                </Text>
              </Stack>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
