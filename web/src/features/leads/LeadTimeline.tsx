import {
  Alert,
  Anchor,
  Button,
  Card,
  Chip,
  Group,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, get } from '../../api/client';
import type { TimelineItem, TimelineKind, TimelinePage } from '../../api/types';
import { RelativeTime } from '../../app/RelativeTime';
import { TaskDoneButton } from './TaskDoneButton';
import { describeItem, shortUrl } from './timeline-entry';

const PAGE = 50;
const kinds: { value: TimelineKind; label: string }[] = [
  { value: 'activity', label: 'Web & email' },
  { value: 'touch', label: 'Sources' },
  { value: 'stage', label: 'Stages' },
  { value: 'status', label: 'Status' },
  { value: 'sales', label: 'Sales' },
  { value: 'deal', label: 'Deals' },
  { value: 'assignment', label: 'Assignments' },
  { value: 'sla', label: 'SLA' },
];
const allKinds = kinds.map((kind) => kind.value);

/**
 * Everything that happened to a lead — or, rolled up, to a company's leads — newest first, with
 * older pages on demand and chips to keep only some kinds.
 */
export function LeadTimeline(props: {
  of: { contact: string } | { company: string };
  /** On a company's timeline: whose item each one is. */
  contactNames?: Map<string, string>;
}) {
  const [shown, setShown] = useState<TimelineKind[]>(allKinds);
  const [key, path] =
    'contact' in props.of ? (['contact', props.of.contact] as const) : (['company', props.of.company] as const);
  const filtered = shown.length < allKinds.length;
  const timeline = useInfiniteQuery({
    queryKey: [key, path, 'timeline', filtered ? shown : 'all'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (filtered) query.set('kinds', shown.join(','));
      if (pageParam) query.set('cursor', pageParam);
      return get<TimelinePage>(`/api/${key === 'contact' ? 'contacts' : 'companies'}/${path}/timeline?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={4}>Timeline</Title>
        <Chip.Group
          multiple
          value={shown}
          // At least one kind stays on: an empty timeline by choice would only confuse.
          onChange={(values) => values.length > 0 && setShown(allKinds.filter((kind) => values.includes(kind)))}
        >
          <Group gap={6} aria-label="Show in the timeline" role="group">
            {kinds.map((kind) => (
              <Chip key={kind.value} value={kind.value} size="xs" variant="light">
                {kind.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {timeline.isPending && <Skeleton h={160} />}
        {timeline.isError && (
          <Alert color="red" title="The timeline could not be loaded">
            {errorMessage(timeline.error)}
          </Alert>
        )}
        {timeline.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {filtered ? 'Nothing of these kinds recorded yet.' : 'Nothing recorded yet.'}
          </Text>
        )}
        {items.length > 0 && (
          <Timeline bulletSize={28} lineWidth={2} data-testid="lead-timeline">
            {items.map((item) => (
              <TimelineRow
                key={`${item.kind}-${item.id}`}
                item={item}
                contactName={item.contactId ? props.contactNames?.get(item.contactId) : undefined}
              />
            ))}
          </Timeline>
        )}
        {timeline.hasNextPage && (
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => timeline.fetchNextPage()}
              loading={timeline.isFetchingNextPage}
            >
              Load older
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function TimelineRow({ item, contactName, ...props }: { item: TimelineItem; contactName?: string }) {
  const entry = describeItem(item);
  const openTask = item.kind === 'sales' && item.type === 'task' && !item.detail.completedAt;
  return (
    // Timeline reads its items' props, so they pass through this wrapper.
    <Timeline.Item
      {...props}
      bullet={
        <ThemeIcon size={28} radius="xl" variant="light" color={entry.color}>
          <entry.icon size={16} />
        </ThemeIcon>
      }
    >
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {entry.sentence}
      </Text>
      {entry.body && (
        <Text size="sm" c="dimmed" lineClamp={4} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {entry.body}
        </Text>
      )}
      <Text size="xs" c="dimmed" component="div" style={{ overflowWrap: 'anywhere' }}>
        <RelativeTime at={item.at} size="xs" />
        {contactName && item.contactId && (
          <>
            {' · '}
            <Anchor component={Link} to={`/leads/${item.contactId}`} inherit>
              {contactName}
            </Anchor>
          </>
        )}
        {entry.notes.map((note) => ` · ${note}`).join('')}
      </Text>
      {openTask && <TaskDoneButton taskId={item.id} />}
      {entry.link && (
        <Anchor
          href={entry.link}
          target="_blank"
          rel="noopener noreferrer"
          size="xs"
          display="block"
          truncate
          maw="100%"
        >
          {shortUrl(entry.link)}
        </Anchor>
      )}
    </Timeline.Item>
  );
}
