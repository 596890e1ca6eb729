import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
import type { RoutingCondition, RoutingTarget, RuleTrace, Skip } from './choose-rep';
import type { WeeklyHours } from './working-time';

export const handoffKinds = ['hand_raiser', 'mql'] as const;
export type HandoffKind = (typeof handoffKinds)[number];

/** The ordered routing rules of a workspace: conditions on the lead → who gets it. */
export const routingRules = pgTable(
  'routing_rules',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<RoutingCondition[]>().notNull().default([]),
    target: jsonb('target').$type<RoutingTarget>().notNull(),
    workingHoursOnly: boolean('working_hours_only').notNull().default(false),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('routing_rules_position_idx').on(t.workspaceId, t.position),
  ],
);

/** A rep's working hours, time zone, cap and pause (absent: office hours in UTC, no cap). */
export const repAvailability = pgTable(
  'rep_availability',
  {
    workspaceId: workspaceIdColumn(),
    userId: uuid('user_id').notNull(),
    timeZone: text('time_zone').notNull().default('UTC'),
    hours: jsonb('hours').$type<WeeklyHours>().notNull(),
    maxOpenUntouched: integer('max_open_untouched'),
    paused: boolean('paused').notNull().default(false),
    pausedReason: text('paused_reason'),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** Out-of-office periods: the rep gets no new leads in between. */
export const repTimeOff = pgTable(
  'rep_time_off',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    startsAt: timestampColumn('starts_at').notNull(),
    endsAt: timestampColumn('ends_at').notNull(),
    note: text('note'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('rep_time_off_user_idx').on(t.workspaceId, t.userId, t.endsAt),
    check('rep_time_off_period_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Each team member's round-robin credit (see round-robin.ts). */
export const roundRobinCredits = pgTable(
  'round_robin_credits',
  {
    workspaceId: workspaceIdColumn(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
    credit: integer('credit').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamId, t.userId] })],
);

/**
 * A lead becoming sales-ready: written by a trigger on every move to MQL (a rule, a hand-raiser,
 * a person or the API; imports excepted), so no path to MQL can skip routing.
 */
export const handoffs = pgTable(
  'handoffs',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id').notNull(),
    transitionId: uuid('transition_id'),
    kind: text('kind').$type<HandoffKind>().notNull(),
    /** Why the lead is sales-ready: the rule that moved it. */
    reason: text('reason'),
    readyAt: timestampColumn('ready_at').notNull(),
    /** `cancelled`: the lead left MQL, or was deleted or merged away, before it was routed. */
    status: text('status').$type<'pending' | 'assigned' | 'fallback' | 'cancelled'>().notNull().default('pending'),
    routedAt: timestampColumn('routed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('handoffs_pending_idx').on(t.workspaceId, t.readyAt).where(sql`${t.status} = 'pending'`),
    index('handoffs_contact_idx').on(t.workspaceId, t.contactId, t.readyAt.desc()),
    check('handoffs_kind_check', sql`${t.kind} in ('hand_raiser', 'mql')`),
    check('handoffs_status_check', sql`${t.status} in ('pending', 'assigned', 'fallback', 'cancelled')`),
  ],
);

export const assignmentKinds = ['routed', 'fallback', 'reassigned', 'manual'] as const;
export type AssignmentKind = (typeof assignmentKinds)[number];

/** Who got a lead, when, by which rule, and why the others were skipped; reassignments too. */
export const assignments = pgTable(
  'assignments',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    handoffId: uuid('handoff_id'),
    contactId: uuid('contact_id').notNull(),
    kind: text('kind').$type<AssignmentKind>().notNull(),
    /** Null in the fallback queue. */
    userId: uuid('user_id'),
    previousUserId: uuid('previous_user_id'),
    ruleId: uuid('rule_id'),
    rule: text('rule'),
    reason: text('reason').notNull(),
    skipped: jsonb('skipped').$type<Skip[]>().notNull().default([]),
    trace: jsonb('trace').$type<RuleTrace[]>().notNull().default([]),
    actorId: uuid('actor_id'),
    at: timestampColumn('at').notNull(),
    /** When the rep's open Baton first received the notification (null: not yet). */
    notifiedAt: timestampColumn('notified_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Exactly one routing per hand-off, however many workers race for it.
    uniqueIndex('assignments_handoff_key')
      .on(t.workspaceId, t.handoffId)
      .where(sql`${t.kind} in ('routed', 'fallback')`),
    index('assignments_contact_idx').on(t.workspaceId, t.contactId, t.at.desc()),
    index('assignments_user_idx').on(t.workspaceId, t.userId, t.at.desc()),
    check('assignments_kind_check', sql`${t.kind} in ('routed', 'fallback', 'reassigned', 'manual')`),
  ],
);

export type SlaStep = { percent: number; action: 'remind' | 'alert_manager' | 'reassign' };

/** How fast sales must touch each kind of lead, and the escalation ladder when they do not. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    workspaceId: workspaceIdColumn(),
    kind: text('kind').$type<HandoffKind>().notNull(),
    minutes: integer('minutes').notNull(),
    businessHours: boolean('business_hours').notNull().default(false),
    steps: jsonb('steps').$type<SlaStep[]>().notNull(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] })],
);

/** The marketing side of the agreement: MQLs a month, and the acceptance rate to keep. */
export const slaGoals = pgTable('sla_goals', {
  workspaceId: workspaceIdColumn().primaryKey(),
  monthlyMqls: integer('monthly_mqls').notNull().default(0),
  acceptanceRate: integer('acceptance_rate_percent').notNull().default(0),
  updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
});

/** `cancelled`: the lead left MQL without a touch (a rule moved it), or was merged away or deleted. */
export const slaClockStatuses = ['open', 'met', 'missed', 'reassigned', 'cancelled'] as const;
export type SlaClockStatus = (typeof slaClockStatuses)[number];

/** One rep's clock for one assignment: started at assignment, stopped by the first touch. */
export const slaClocks = pgTable(
  'sla_clocks',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    assignmentId: uuid('assignment_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').$type<HandoffKind>().notNull(),
    minutes: integer('minutes').notNull(),
    businessHours: boolean('business_hours').notNull(),
    steps: jsonb('steps').$type<SlaStep[]>().notNull(),
    timeZone: text('time_zone').notNull(),
    hours: jsonb('hours').$type<WeeklyHours>().notNull(),
    startedAt: timestampColumn('started_at').notNull(),
    dueAt: timestampColumn('due_at').notNull(),
    /** The next escalation step (index into steps) and when it fires; null once none is left. */
    nextStep: integer('next_step'),
    nextStepAt: timestampColumn('next_step_at'),
    status: text('status').$type<SlaClockStatus>().notNull().default('open'),
    breachedAt: timestampColumn('breached_at'),
    firstTouchAt: timestampColumn('first_touch_at'),
    firstTouch: text('first_touch'),
    /** Time to the first touch, counted as the policy counts it. */
    responseMs: integer('response_ms'),
    stoppedAt: timestampColumn('stopped_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('sla_clocks_open_idx').on(t.workspaceId, t.nextStepAt).where(sql`${t.status} = 'open'`),
    index('sla_clocks_contact_idx').on(t.workspaceId, t.contactId).where(sql`${t.status} = 'open'`),
    index('sla_clocks_user_idx').on(t.workspaceId, t.userId, t.startedAt.desc()),
    // Routing counts each rep's untouched leads (open clocks) for every batch of hand-offs.
    index('sla_clocks_open_user_idx').on(t.workspaceId, t.userId).where(sql`${t.status} = 'open'`),
    check('sla_clocks_status_check', sql`${t.status} in ('open', 'met', 'missed', 'reassigned', 'cancelled')`),
  ],
);

/** SLA escalations and routing alerts as they happened: the manager board and the timeline read them. */
export const slaEvents = pgTable(
  'sla_events',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    clockId: uuid('clock_id'),
    contactId: uuid('contact_id').notNull(),
    userId: uuid('user_id'),
    type: text('type')
      .$type<'started' | 'reminded' | 'breached' | 'reassigned' | 'met' | 'missed' | 'unassigned' | 'cancelled'>()
      .notNull(),
    at: timestampColumn('at').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('sla_events_contact_idx').on(t.workspaceId, t.contactId, t.at.desc()),
    index('sla_events_at_idx').on(t.workspaceId, t.at.desc()),
  ],
);

/** In-app notifications: assignments, reminders and alerts, each with its call brief. */
export const notifications = pgTable(
  'notifications',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    contactId: uuid('contact_id'),
    assignmentId: uuid('assignment_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
    deliveredAt: timestampColumn('delivered_at'),
    readAt: timestampColumn('read_at'),
    /** Sent by email too (when SMTP is configured): when, or why not. */
    emailedAt: timestampColumn('emailed_at'),
    emailError: text('email_error'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt.desc()),
  ],
);
