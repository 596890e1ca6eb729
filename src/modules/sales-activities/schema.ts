import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const salesActivityTypes = ['call', 'email', 'meeting', 'note', 'task'] as const;
export type SalesActivityType = (typeof salesActivityTypes)[number];

export const callOutcomes = ['connected', 'voicemail', 'no_answer', 'wrong_number'] as const;
export const meetingOutcomes = ['booked', 'held', 'no_show', 'cancelled'] as const;

/** What sales did with a lead: calls, emails, meetings, notes and tasks, each by someone, at a time. */
export const salesActivities = pgTable(
  'sales_activities',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id'),
    dealId: uuid('deal_id'),
    companyId: uuid('company_id'),
    userId: uuid('user_id'),
    type: text('type').$type<SalesActivityType>().notNull(),
    occurredAt: timestampColumn('occurred_at').notNull(),
    /** Call: connected, voicemail, no_answer, wrong_number. Meeting: booked, held, no_show, cancelled. */
    outcome: text('outcome'),
    durationSeconds: integer('duration_seconds'),
    subject: text('subject'),
    body: text('body'),
    /** Tasks: when it is due and when it was done. */
    dueAt: timestampColumn('due_at'),
    completedAt: timestampColumn('completed_at'),
    externalId: text('external_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('sales_activities_contact_idx').on(t.workspaceId, t.contactId, t.occurredAt.desc()),
    index('sales_activities_deal_idx').on(t.workspaceId, t.dealId),
    index('sales_activities_open_tasks_idx')
      .on(t.workspaceId, t.userId, t.dueAt)
      .where(sql`${t.type} = 'task' and ${t.completedAt} is null`),
    check('sales_activities_type_check', sql`${t.type} in ('call', 'email', 'meeting', 'note', 'task')`),
  ],
);
