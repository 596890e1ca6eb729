import { bigint, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const eventTypes = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof eventTypes)[number];

/**
 * Everything ingested, as received (normalised), append-only. The key is Segment's messageId, so a
 * retried message is stored once, always. Derived tables (activities, touches, contacts) can be
 * rebuilt from here plus user actions.
 */
export const events = pgTable(
  'events',
  {
    workspaceId: workspaceIdColumn(),
    messageId: text('message_id').notNull(),
    type: text('type').$type<EventType>().notNull(),
    anonymousId: text('anonymous_id'),
    userId: text('user_id'),
    /** Track: the event name. */
    event: text('event'),
    /** Page / screen: the name. */
    name: text('name'),
    groupId: text('group_id'),
    previousId: text('previous_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    traits: jsonb('traits').$type<Record<string, unknown>>().notNull().default({}),
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    /** `integrations` and any fields Segment's spec does not name, kept rather than dropped. */
    extra: jsonb('extra').$type<Record<string, unknown>>(),
    /** When it happened, corrected for the sender's clock skew. */
    timestamp: timestampColumn('timestamp').notNull(),
    originalTimestamp: timestampColumn('original_timestamp'),
    sentAt: timestampColumn('sent_at'),
    receivedAt: timestampColumn('received_at').notNull(),
    writeKeyId: uuid('write_key_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    // Append-ordered: a BRIN index finds the latest events (live view) for almost no write cost.
    index('events_received_at_brin').using('brin', t.receivedAt),
  ],
);

/**
 * Events waiting for the pipeline. Rows are deleted in the transaction that applies their effects,
 * so every event's effects happen exactly once. `partition` spreads visitors over workers while
 * keeping each visitor's events in order.
 */
export const eventQueue = pgTable(
  'event_queue',
  {
    workspaceId: workspaceIdColumn(),
    messageId: text('message_id').notNull(),
    partition: smallint('partition').notNull(),
    receivedAt: timestampColumn('received_at').notNull(),
  },
  (t) => [index('event_queue_partition_idx').on(t.partition, t.receivedAt)],
);

/** What ingest refused, and why: shown in the live view, kept for a week. */
export const ingestRejections = pgTable(
  'ingest_rejections',
  {
    workspaceId: workspaceIdColumn(),
    id: uuid('id').notNull(),
    at: timestampColumn('at').notNull(),
    reason: text('reason').notNull(),
    field: text('field'),
    messageId: text('message_id'),
    /** The start of the refused message, as text. */
    excerpt: text('excerpt'),
    ip: text('ip'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('ingest_rejections_at_idx').on(t.workspaceId, t.at)],
);

/**
 * Daily counters per workspace: accepted, duplicates (already stored), rejected, and bots dropped.
 * Spread over `shard` rows so concurrent commits never wait on one another's counter row; readers
 * sum the shards.
 */
export const ingestDailyStats = pgTable(
  'ingest_daily_stats',
  {
    workspaceId: workspaceIdColumn(),
    day: date('day').notNull(),
    accepted: bigint('accepted', { mode: 'number' }).notNull().default(0),
    duplicates: bigint('duplicates', { mode: 'number' }).notNull().default(0),
    rejected: bigint('rejected', { mode: 'number' }).notNull().default(0),
    bots: integer('bots').notNull().default(0),
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day, t.shard] })],
);
