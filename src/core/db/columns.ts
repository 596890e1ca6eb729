import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Column helpers shared by every table, so the conventions are written once. */
export const workspaceIdColumn = () => uuid('workspace_id').notNull();
export const idColumn = () => uuid('id').notNull();
export const createdAtColumn = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const timestampColumn = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
