import { pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

/**
 * A rep's "not now" on a lead: it leaves their queue until the time given and comes back on its
 * own. Per rep, so a manager looking at the same lead is not affected; the lead itself is unchanged.
 */
export const leadSnoozes = pgTable(
  'lead_snoozes',
  {
    workspaceId: workspaceIdColumn(),
    userId: uuid('user_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    until: timestampColumn('until').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId, t.contactId] })],
);
