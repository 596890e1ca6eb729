import { jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn } from '../../core/db/columns';

/**
 * The tenant itself. Every other table carries `workspace_id` (its distribution column if a
 * deployment moves to Citus, where this table becomes a reference table).
 */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('workspaces_slug_key').on(t.slug)],
);
