import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent, LiveRejection } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';

const statusColors: Record<LiveEvent['status'], string> = { queued: 'yellow', processed: 'teal', failed: 'red' };

/** On a phone the secondary columns step aside; time, what and status stay. */
export function LiveEventsTable({ events }: { events: LiveEvent[] }) {
  const fresh = useFreshIds(events);
  return (
    // A fixed layout, so long names and ids truncate instead of pushing the table off a phone's screen.
    <Table verticalSpacing="xs" fz="sm" data-testid="live-events" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>Received</Table.Th>
          <Table.Th>Event or page</Table.Th>
          <Table.Th visibleFrom="sm">Who</Table.Th>
          <Table.Th w={110}>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {events.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text size="sm" c="dimmed" ta="center" py="md">
                Nothing received in the last 15 minutes.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {events.map((event) => (
          <Table.Tr
            key={event.messageId}
            bg={fresh.has(event.messageId) ? 'var(--mantine-color-blue-light)' : undefined}
            style={{ transition: 'background-color 1.5s ease' }}
          >
            <Table.Td>
              <RelativeTime at={event.receivedAt} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate>
                {event.name ?? '—'}
              </Text>
              <Text size="xs" c="dimmed">
                {event.type}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              <Text size="sm" truncate>
                {event.userId ?? event.anonymousId}
              </Text>
              <Text size="xs" c="dimmed">
                {event.userId ? 'user id' : 'anonymous'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Tooltip label={event.error} disabled={!event.error} multiline maw={360}>
                <Badge variant="light" color={statusColors[event.status]} tt="none">
                  {event.status}
                </Badge>
              </Tooltip>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RefusedTable({ rejections }: { rejections: LiveRejection[] }) {
  return (
    <Table verticalSpacing="xs" fz="sm" data-testid="refused-messages" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>When</Table.Th>
          <Table.Th>Reason</Table.Th>
          <Table.Th visibleFrom="md" w={180}>
            Message id
          </Table.Th>
          <Table.Th visibleFrom="sm" w="40%">
            Message
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rejections.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text size="sm" c="dimmed" ta="center" py="md">
                No message refused in the last 15 minutes.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {keyed(rejections).map(({ key, rejection }) => (
          <Table.Tr key={key}>
            <Table.Td>
              <RelativeTime at={rejection.at} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {rejection.reason}
              </Text>
              {rejection.field && (
                <Text size="xs" c="dimmed">
                  field <Code>{rejection.field}</Code>
                </Text>
              )}
            </Table.Td>
            <Table.Td visibleFrom="md">
              <Text size="sm" truncate>
                {rejection.messageId ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td visibleFrom="sm">
              {rejection.excerpt ? (
                <Tooltip
                  label={rejection.excerpt}
                  multiline
                  maw={480}
                  styles={{ tooltip: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' } }}
                >
                  <Code
                    block
                    style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', padding: '4px 8px' }}
                  >
                    {rejection.excerpt}
                  </Code>
                </Tooltip>
              ) : (
                '—'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Refusals have no id of their own: their content is the key, counted when one repeats. */
function keyed(rejections: LiveRejection[]) {
  const seen = new Map<string, number>();
  return rejections.map((rejection) => {
    const base = [rejection.at, rejection.reason, rejection.messageId, rejection.excerpt].join('|');
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return { key: `${base}|${count}`, rejection };
  });
}

/** Ids that arrived with the latest poll, to mark new rows for a moment (none on the first load). */
function useFreshIds(events: LiveEvent[]): Set<string> {
  const seen = useRef<Set<string>>(null);
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    const ids = events.map((event) => event.messageId);
    const previous = seen.current;
    seen.current = new Set(ids);
    if (!previous) return;
    setFresh(new Set(ids.filter((id) => !previous.has(id))));
    const fade = setTimeout(() => setFresh(new Set()), 2_500);
    return () => clearTimeout(fade);
  }, [events]);
  return fresh;
}
