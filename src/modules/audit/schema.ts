import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

/** Who did what to the workspace's configuration and access: users, keys, settings, exports. */
export const auditEvents = pgTable(
  'audit_events',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    at: timestampColumn('at').notNull().defaultNow(),
    actorType: text('actor_type').$type<'user' | 'api_key' | 'system'>().notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('audit_events_at_idx').on(t.workspaceId, t.at)],
);
