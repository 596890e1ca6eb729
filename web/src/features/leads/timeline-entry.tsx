import { Anchor, Text } from '@mantine/core';
import {
  type Icon,
  IconAlarm,
  IconBolt,
  IconClick,
  IconDoorEnter,
  IconDownload,
  IconEye,
  IconForms,
  IconMail,
  IconMailOpened,
  IconStairsUp,
  IconUserShare,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { channelLabel, type Stage, stageLabels, type TimelineItem } from '../../api/types';
import { describeWorkItem } from './timeline-work-entry';

export type TimelineEntry = {
  icon: Icon;
  color: string;
  sentence: ReactNode;
  notes: string[];
  link: string | null;
  /** Longer words written by a person (a call's notes), shown beneath as plain text. */
  body?: string | null;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** Only web links become anchors: an event may carry any string as its URL (javascript:, data: …). */
export function webUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const Name = ({ children }: { children: ReactNode }) => (
  <Text span fw={600} inherit>
    {children}
  </Text>
);

const activityIcons: Record<string, [Icon, string]> = {
  page_view: [IconEye, 'blue'],
  content_download: [IconDownload, 'grape'],
  form_submit: [IconForms, 'teal'],
  email_sent: [IconMail, 'gray'],
  email_open: [IconMailOpened, 'indigo'],
  email_click: [IconClick, 'indigo'],
  custom: [IconBolt, 'orange'],
};

const actorWords: Record<string, string> = {
  user: 'by hand',
  rule: 'by a rule',
  system: 'by Baton',
  import: 'by an import',
  api_key: 'through the API',
};

/** One timeline item told in plain words, with its icon; titles stay text (React escapes them). */
export function describeItem(item: TimelineItem): TimelineEntry {
  const work = describeWorkItem(item);
  if (work) return work;
  const { detail } = item;
  const campaign = text(detail.campaign);
  if (item.kind === 'touch') {
    const source = text(detail.source);
    const medium = text(detail.medium);
    const referrer = webUrl(text(detail.referrer));
    return {
      icon: IconDoorEnter,
      color: 'cyan',
      sentence: (
        <>
          Arrived from <Name>{channelLabel(item.type)}</Name>
          {campaign && (
            <>
              {' '}
              · campaign <Name>{campaign}</Name>
            </>
          )}
          {source && ` · source ${source}`}
          {medium && ` · medium ${medium}`}
        </>
      ),
      notes: referrer ? [`referred by ${new URL(referrer).host}`] : [],
      link: webUrl(item.url),
    };
  }
  if (item.kind === 'assignment') {
    const who = text(detail.userName);
    const skipped = Array.isArray(detail.skipped) ? (detail.skipped as { name?: unknown; why?: unknown }[]) : [];
    const verb: Record<string, string> = {
      routed: 'Assigned to',
      reassigned: 'Reassigned (SLA) to',
      manual: 'Reassigned by a manager to',
    };
    return {
      icon: IconUserShare,
      color: 'teal',
      sentence:
        item.type === 'fallback' ? (
          'No rep available: waiting in the fallback queue'
        ) : (
          <>
            {verb[item.type] ?? 'Assigned to'} <Name>{who ?? 'a former user'}</Name>
          </>
        ),
      notes: [
        item.title,
        ...skipped.map((skip) => `skipped ${text(skip.name) ?? 'someone'}: ${text(skip.why) ?? ''}`),
      ].filter((note): note is string => Boolean(note)),
      link: null,
    };
  }
  if (item.kind === 'sla') {
    const who = text(detail.userName) ?? 'the rep';
    const sentences: Record<string, string> = {
      reminded: `SLA reminder sent to ${who}`,
      breached: `SLA breached: ${who} had not touched the lead; managers alerted`,
      reassigned: `SLA: taken from ${who} after ${String(detail.step ?? 200)} % of the time`,
      met: `First touch within the SLA (${text(detail.touch) ?? 'touch'})`,
      missed: `First touch after the SLA deadline (${text(detail.touch) ?? 'touch'})`,
      unassigned: 'No rep available: managers alerted',
    };
    return {
      icon: IconAlarm,
      color: item.type === 'met' ? 'green' : item.type === 'reminded' ? 'yellow' : 'red',
      sentence: sentences[item.type] ?? `SLA: ${item.type}`,
      notes: [],
      link: null,
    };
  }
  if (item.kind === 'stage') {
    const from = text(detail.from) as Stage | null;
    const to = stageLabels[item.type as Stage] ?? item.type;
    const rule = text(detail.rule);
    const actorName = text(detail.actorName);
    const actor = actorName ? `by ${actorName}` : actorWords[text(detail.actorType) ?? ''];
    const rejection = detail.rejection as { label?: unknown } | undefined;
    const notes = [
      rule ? `rule: ${rule}` : actor,
      rejection ? `rejected: ${text(rejection.label) ?? 'no reason given'}` : null,
      detail.accepted ? 'accepted by sales' : null,
      // A rejection without a note carries its reason's label as the reason: said once is enough.
      item.title !== text(rejection?.label) ? item.title : null,
      detail.mergedFrom ? 'recorded on a record merged into this one' : null,
    ].filter((note): note is string => Boolean(note));
    return {
      icon: IconStairsUp,
      color: 'violet',
      sentence: (
        <>
          Stage: {from ? `${stageLabels[from] ?? from} → ` : ''}
          <Name>{to}</Name>
        </>
      ),
      notes,
      link: null,
    };
  }
  const [icon, color] = activityIcons[item.type] ?? activityIcons.custom!;
  const title = text(item.title);
  const url = webUrl(item.url);
  const notes = campaign ? [`campaign ${campaign}`] : [];
  const named = (prefix: string, fallback: string, suffix = '') =>
    title ? (
      <>
        {prefix} <Name>{title}</Name>
        {suffix}
      </>
    ) : (
      fallback
    );
  switch (item.type) {
    case 'page_view':
      return detail.screen
        ? { icon, color, sentence: named('Viewed screen', 'Viewed a screen'), notes, link: url }
        : { icon, color, sentence: named('Viewed', 'Viewed a page'), notes, link: url };
    case 'content_download':
      return { icon, color, sentence: named('Downloaded', 'Downloaded content'), notes, link: url };
    case 'form_submit':
      return { icon, color, sentence: named('Submitted the', 'Submitted a form', ' form'), notes, link: url };
    case 'email_sent':
      return { icon, color, sentence: named('Received email', 'Received an email'), notes, link: url };
    case 'email_open':
      return { icon, color, sentence: named('Opened email', 'Opened an email'), notes, link: url };
    case 'email_click': {
      const linkText = text(detail.link_text) ?? text(detail.text);
      const clicked = url ? (
        <Anchor href={url} target="_blank" rel="noopener noreferrer" inherit>
          {linkText ?? shortUrl(url)}
        </Anchor>
      ) : (
        (linkText ?? 'a link')
      );
      return {
        icon,
        color,
        sentence: (
          <>
            Clicked {clicked} in{' '}
            {title ? (
              <>
                email <Name>{title}</Name>
              </>
            ) : (
              'an email'
            )}
          </>
        ),
        notes,
        link: null,
      };
    }
    default:
      return {
        icon,
        color,
        sentence: <Name>{title ?? text(detail.event) ?? 'Custom event'}</Name>,
        notes,
        link: url,
      };
  }
}

/** Host and path, without the query string that makes tracking URLs unreadable. */
export function shortUrl(href: string): string {
  const url = new URL(href);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.host}${path}`;
}
