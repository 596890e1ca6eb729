import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';
import type { Channel } from '../campaigns/schema';

export const activityTypes = [
  'page_view',
  'content_download',
  'form_submit',
  'email_sent',
  'email_open',
  'email_click',
  'custom',
] as const;
export type ActivityType = (typeof activityTypes)[number];

/**
 * What a person did, typed. Anonymous activities carry only `anonymous_id` until the visitor is
 * identified; then they are moved onto the contact.
 */
export const activities = pgTable(
  'activities',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id'),
    anonymousId: text('anonymous_id'),
    type: text('type').$type<ActivityType>().notNull(),
    occurredAt: timestampColumn('occurred_at').notNull(),
    /** Human title: page title, content title, email subject, form name, event name. */
    title: text('title'),
    url: text('url'),
    campaignId: uuid('campaign_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    /** The ingested event this came from (Segment messageId), when it came from one. */
    messageId: text('message_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('activities_contact_time_idx').on(t.workspaceId, t.contactId, t.occurredAt.desc()),
    index('activities_anonymous_idx').on(t.workspaceId, t.anonymousId).where(sql`${t.contactId} is null`),
    // The workspace's content offers by title (the talk track's "offer next"): downloads only.
    index('activities_downloads_idx').on(t.workspaceId, t.title).where(sql`${t.type} = 'content_download'`),
  ],
);

/** A marketing touch: the start of a session from a source, credited to a channel and campaign. */
export const touches = pgTable(
  'touches',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id'),
    anonymousId: text('anonymous_id'),
    occurredAt: timestampColumn('occurred_at').notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    campaignId: uuid('campaign_id'),
    source: text('source'),
    medium: text('medium'),
    referrer: text('referrer'),
    landingUrl: text('landing_url'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('touches_contact_time_idx').on(t.workspaceId, t.contactId, t.occurredAt),
    index('touches_campaign_idx').on(t.workspaceId, t.campaignId, t.occurredAt),
    index('touches_anonymous_idx').on(t.workspaceId, t.anonymousId).where(sql`${t.contactId} is null`),
  ],
);
