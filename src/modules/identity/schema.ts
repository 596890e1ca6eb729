import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const identityKinds = ['anonymous', 'user_id', 'email'] as const;
export type IdentityKind = (typeof identityKinds)[number];

/**
 * Which contact an identifier belongs to: anonymous ids (tracker cookie, Segment anonymousId), and
 * the user ids and emails a contact was known by before a merge or alias. A contact's current
 * email and user id live on the contact itself (unique per workspace).
 */
export const identities = pgTable(
  'identities',
  {
    workspaceId: workspaceIdColumn(),
    kind: text('kind').$type<IdentityKind>().notNull(),
    value: text('value').notNull(),
    contactId: uuid('contact_id').notNull(),
    linkedAt: timestampColumn('linked_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.kind, t.value] }),
    index('identities_contact_idx').on(t.workspaceId, t.contactId),
  ],
);

/** Two records found to be one person: what was merged into what, by whom, and what it held. */
export const contactMerges = pgTable(
  'contact_merges',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    survivorId: uuid('survivor_id').notNull(),
    mergedId: uuid('merged_id').notNull(),
    at: timestampColumn('at').notNull(),
    actorType: text('actor_type').$type<'user' | 'api_key' | 'system'>().notNull(),
    actorId: uuid('actor_id'),
    /** Why: a user's decision, or the identify/alias call that proved it. */
    reason: text('reason').notNull(),
    /** The merged record as it was, so the merge can be understood later. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('contact_merges_survivor_idx').on(t.workspaceId, t.survivorId),
  ],
);

/** The last page view per visitor, to tell a new session (and so a new touch) from a continuing one. */
export const visitorSessions = pgTable(
  'visitor_sessions',
  {
    workspaceId: workspaceIdColumn(),
    anonymousId: text('anonymous_id').notNull(),
    lastSeenAt: timestampColumn('last_seen_at').notNull(),
    sessionStartedAt: timestampColumn('session_started_at').notNull(),
    /** The utm_campaign the session arrived with: arriving through another one starts a new session. */
    campaign: text('campaign'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.anonymousId] })],
);
