import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestampColumn, workspaceIdColumn } from '../../core/db/columns';

/**
 * Events the pipeline could not apply even on their own. The event stays stored; this records
 * why, so it can be seen and retried (`retried_at` when it was put back on the queue).
 */
export const pipelineFailures = pgTable(
  'pipeline_failures',
  {
    workspaceId: workspaceIdColumn(),
    messageId: text('message_id').notNull(),
    failedAt: timestampColumn('failed_at').notNull(),
    error: text('error').notNull(),
    retriedAt: timestampColumn('retried_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.messageId] }),
    index('pipeline_failures_at_idx').on(t.workspaceId, t.failedAt),
  ],
);
