import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';
import type { LifecycleStage, WorkingStatus } from '../contacts/schema';

export type ActorType = 'user' | 'rule' | 'system' | 'import' | 'api_key';

/** Every lifecycle move, kept forever: from, to, when, who or what, and why. */
export const stageTransitions = pgTable(
  'stage_transitions',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id').notNull(),
    fromStage: text('from_stage').$type<LifecycleStage>(),
    toStage: text('to_stage').$type<LifecycleStage>().notNull(),
    at: timestampColumn('at').notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: uuid('actor_id'),
    /** The rule that fired, when a rule moved the contact. */
    rule: text('rule'),
    reason: text('reason'),
    /** Context at the moment of the move (score and grade at hand-off, rejection reason …). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('stage_transitions_contact_idx').on(t.workspaceId, t.contactId, t.at),
    index('stage_transitions_to_idx').on(t.workspaceId, t.toStage, t.at),
  ],
);

/** Sales working status history (new → attempting → connected → qualified/unqualified), apart from stage. */
export const statusChanges = pgTable(
  'status_changes',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id').notNull(),
    fromStatus: text('from_status').$type<WorkingStatus>(),
    toStatus: text('to_status').$type<WorkingStatus>().notNull(),
    at: timestampColumn('at').notNull(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('status_changes_contact_idx').on(t.workspaceId, t.contactId, t.at),
  ],
);

export const rejectionOutcomes = ['recycle', 'disqualify'] as const;
export type RejectionOutcome = (typeof rejectionOutcomes)[number];

/**
 * Why sales turns a lead back: the workspace's taxonomy. Each reason suggests an outcome (recycle to
 * nurture, or disqualify); the rep may choose the other. Archived reasons stay for history.
 */
export const rejectionReasons = pgTable(
  'rejection_reasons',
  {
    workspaceId: workspaceIdColumn(),
    code: text('code').notNull(),
    label: text('label').notNull(),
    defaultOutcome: text('default_outcome').$type<RejectionOutcome>().notNull(),
    position: integer('position').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.code] })],
);
