import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, workspaceIdColumn } from '../../core/db/columns';

/** A named list view: its filters and sort, for its owner or shared with the workspace. */
export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    /** Which list: contacts, companies or deals. */
    list: text('list').$type<'contacts' | 'companies' | 'deals'>().notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('saved_views_user_idx').on(t.workspaceId, t.list, t.userId),
  ],
);
