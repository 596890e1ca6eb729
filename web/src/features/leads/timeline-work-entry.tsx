import { Anchor, Text } from '@mantine/core';
import {
  IconCalendarEvent,
  IconChecklist,
  IconCurrencyDollar,
  IconMailForward,
  IconNote,
  IconPhone,
  IconProgress,
  IconTrophy,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDuration, formatMoney } from '../../api/format';
import { callOutcomeLabels, meetingOutcomeLabels, type TimelineItem, workingStatusLabel } from '../../api/types';
import type { TimelineEntry } from './timeline-entry';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

const Name = ({ children }: { children: ReactNode }) => (
  <Text span fw={600} inherit>
    {children}
  </Text>
);

const actorWords: Record<string, string> = {
  rule: 'by a rule',
  system: 'by Baton',
  import: 'by an import',
  api_key: 'through the API',
};

/** "Status: New → Attempting", with who changed it and why. */
function describeStatus(item: TimelineItem): TimelineEntry {
  const from = text(item.detail.from);
  const actor = text(item.detail.actorName);
  return {
    icon: IconProgress,
    color: 'indigo',
    sentence: (
      <>
        Status: {from ? `${workingStatusLabel(from)} → ` : ''}
        <Name>{workingStatusLabel(item.type)}</Name>
      </>
    ),
    notes: [actor ? `by ${actor}` : actorWords[text(item.detail.actorType) ?? ''], item.title].filter(
      (note): note is string => Boolean(note),
    ),
    link: null,
    body: null,
  };
}

/** "Rita Rep called — connected, 9 min: Wants a quote"; a task with its due date and whether it is done. */
function describeSales(item: TimelineItem): TimelineEntry {
  const { detail } = item;
  const who = text(detail.userName) ?? 'Someone';
  const outcome = text(detail.outcome);
  const seconds = number(detail.durationSeconds);
  const subject = text(item.title);
  const body = text(detail.body);
  const about = subject ? (
    <>
      : <Name>{subject}</Name>
    </>
  ) : null;
  const facts = (labels: Record<string, string>) =>
    [outcome ? (labels[outcome] ?? outcome) : null, seconds ? formatDuration(seconds) : null]
      .filter(Boolean)
      .join(', ');
  switch (item.type) {
    case 'call': {
      const said = facts(callOutcomeLabels);
      return {
        icon: IconPhone,
        color: 'teal',
        sentence: (
          <>
            {who} called{said ? ` — ${said}` : ''}
            {about}
          </>
        ),
        notes: [],
        link: null,
        body,
      };
    }
    case 'meeting': {
      const said = facts(meetingOutcomeLabels);
      return {
        icon: IconCalendarEvent,
        color: 'grape',
        sentence: (
          <>
            {who} logged a meeting{said ? ` — ${said}` : ''}
            {about}
          </>
        ),
        notes: [],
        link: null,
        body,
      };
    }
    case 'email':
      return {
        icon: IconMailForward,
        color: 'blue',
        sentence: (
          <>
            {who} emailed{about}
          </>
        ),
        notes: [],
        link: null,
        body,
      };
    case 'task': {
      const due = text(detail.dueAt);
      const done = text(detail.completedAt);
      return {
        icon: IconChecklist,
        color: done ? 'gray' : 'orange',
        sentence: (
          <>
            {who} set a task{about}
          </>
        ),
        notes: [
          due ? `due ${new Date(due).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : null,
          done ? 'done' : 'open',
        ].filter((note): note is string => Boolean(note)),
        link: null,
        body,
      };
    }
    default:
      return {
        icon: IconNote,
        color: 'yellow',
        sentence: (
          <>
            {who} noted{about}
          </>
        ),
        notes: [],
        link: null,
        body,
      };
  }
}

/** "Deal X opened · $12,000", "Deal X won · $48,000", "Deal X lost · $4,000" with the reason. */
function describeDeal(item: TimelineItem): TimelineEntry {
  const amount = number(item.detail.amountMinor);
  const currency = text(item.detail.currency) ?? 'USD';
  const won = item.type === 'won';
  return {
    icon: won ? IconTrophy : IconCurrencyDollar,
    color: won ? 'green' : item.type === 'lost' ? 'red' : 'orange',
    sentence: (
      <>
        Deal{' '}
        <Anchor component={Link} to={`/deals/${item.id}`} inherit fw={600}>
          {item.title ?? 'without a name'}
        </Anchor>{' '}
        {item.type}
        {amount !== null ? ` · ${formatMoney(amount, currency)}` : ''}
      </>
    ),
    notes: item.type === 'lost' && text(item.detail.lostReason) ? [text(item.detail.lostReason)!] : [],
    link: null,
    body: null,
  };
}

/** Timeline items from sales' side: working status, sales activities, deals. */
export function describeWorkItem(item: TimelineItem): TimelineEntry | null {
  if (item.kind === 'status') return describeStatus(item);
  if (item.kind === 'sales') return describeSales(item);
  if (item.kind === 'deal') return describeDeal(item);
  return null;
}
