import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const webhookFormats = ['baton', 'slack'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/**
 * Where Baton POSTs events. The secret is kept readable (it signs every request); during a
 * rotation the previous secret signs too until `previous_secret_expires_at`.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Event types sent to this endpoint; `*` means all; empty means none. */
    eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
    format: text('format').$type<WebhookFormat>().notNull().default('baton'),
    enabled: boolean('enabled').notNull().default(true),
    disabledReason: text('disabled_reason'),
    /** Failed attempts in a row across deliveries; a success resets it, 100 disables the endpoint. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestampColumn('previous_secret_expires_at'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    check('webhook_endpoints_format_check', sql`${t.format} in ('baton', 'slack')`),
  ],
);

/** One thing that happened, as sent: its id is the `Baton-Event-Id` receivers dedupe on. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    type: text('type').notNull(),
    /** The body's `data`. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** A plain sentence for chat formats (Slack). */
    text: text('text'),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** One event to one endpoint: its state and schedule. Each attempt is a `webhooks.deliver` job. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    eventId: uuid('event_id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestampColumn('next_attempt_at'),
    lastAttemptAt: timestampColumn('last_attempt_at'),
    /** HTTP status of the last attempt; null when it got no response. */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestampColumn('delivered_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('webhook_deliveries_event_endpoint_key').on(t.workspaceId, t.eventId, t.endpointId),
    index('webhook_deliveries_endpoint_idx').on(t.workspaceId, t.endpointId, t.id),
    // The sweeper's scan for pending deliveries whose job was lost (a worker killed mid-attempt).
    index('webhook_deliveries_pending_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    foreignKey({
      columns: [t.workspaceId, t.eventId],
      foreignColumns: [webhookEvents.workspaceId, webhookEvents.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.endpointId],
      foreignColumns: [webhookEndpoints.workspaceId, webhookEndpoints.id],
    }).onDelete('cascade'),
    check('webhook_deliveries_status_check', sql`${t.status} in ('pending', 'delivered', 'failed', 'cancelled')`),
  ],
);

/** The delivery log: every request Baton made and what came back. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    deliveryId: uuid('delivery_id').notNull(),
    attempt: integer('attempt').notNull(),
    at: timestampColumn('at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    responseStatus: integer('response_status'),
    error: text('error'),
    /** The first kilobyte of the response body. */
    responseBody: text('response_body'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('webhook_attempts_delivery_attempt_key').on(t.workspaceId, t.deliveryId, t.attempt),
    foreignKey({
      columns: [t.workspaceId, t.deliveryId],
      foreignColumns: [webhookDeliveries.workspaceId, webhookDeliveries.id],
    }).onDelete('cascade'),
  ],
);
