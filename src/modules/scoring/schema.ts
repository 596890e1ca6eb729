import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';
import type { ActivityMatch, Caps } from './engagement-rules';
import type { FitField, GradeBands } from './fit-grade';

/** The agreed threshold: a lead with a grade at least this good and a score at least this high is an MQL. */
export type MqlRule = { minGrade: 'A' | 'B' | 'C' | 'D'; minScore: number };

/** Hand-raisers skip the score: forms marked "contact sales" (by name) and these custom events. */
export type HandRaiserRule = { forms: string[]; events: string[] };

/** Profile conditions that disqualify a lead outright (a student, a competitor's domain). */
export type DisqualifyRule = {
  id: string;
  label: string;
  field: FitField;
  operator: 'contains_any' | 'equals_any';
  values: string[];
};

export type RescoreStatus = {
  state: 'idle' | 'running' | 'failed';
  done: number;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  /** While running: deciding every contact's new score, then writing the ones that changed. */
  phase?: 'computing' | 'applying';
  /** How many contacts the new model changes (known once computed). */
  changes?: number;
  error?: string;
};

/** One row per workspace: decay, grade bands, thresholds, and the state of the last full rescore. */
export const scoringSettings = pgTable('scoring_settings', {
  workspaceId: workspaceIdColumn().primaryKey(),
  halfLifeDays: doublePrecision('half_life_days').notNull().default(30),
  /** The half-life the stored scores use while a rescore to `half_life_days` is pending (null: the same). */
  activeHalfLifeDays: doublePrecision('active_half_life_days'),
  gradeBands: jsonb('grade_bands').$type<GradeBands>().notNull(),
  mqlRule: jsonb('mql_rule').$type<MqlRule>().notNull(),
  handRaiser: jsonb('hand_raiser').$type<HandRaiserRule>().notNull(),
  disqualify: jsonb('disqualify').$type<DisqualifyRule[]>().notNull().default([]),
  /** Bumped on every change of rules or settings; a rescore records the version it computed. */
  version: integer('version').notNull().default(1),
  rescore: jsonb('rescore').$type<RescoreStatus>().notNull(),
  updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
});

export const fitCriteria = pgTable(
  'fit_criteria',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    label: text('label').notNull(),
    field: text('field').$type<FitField>().notNull(),
    operator: text('operator')
      .$type<'contains_any' | 'equals_any' | 'gte' | 'lte' | 'is_set' | 'is_not_set'>()
      .notNull(),
    values: jsonb('values').$type<string[]>().notNull().default([]),
    points: integer('points').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const engagementRules = pgTable(
  'engagement_rules',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    label: text('label').notNull(),
    match: jsonb('match').$type<ActivityMatch>().notNull(),
    points: integer('points').notNull(),
    caps: jsonb('caps').$type<Caps>().notNull().default({}),
    enabled: boolean('enabled').notNull().default(true),
    position: integer('position').notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

/** Every change of a contact's score or grade: the value after it, when, and what caused it. */
export const scoreChanges = pgTable(
  'score_changes',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    contactId: uuid('contact_id').notNull(),
    at: timestampColumn('at').notNull(),
    /** The engagement score right after the change (it decays from here: value × 2^-(elapsed / half-life)). */
    score: doublePrecision('score').notNull(),
    grade: text('grade'),
    fitPoints: integer('fit_points').notNull().default(0),
    /** activity (new behaviour), profile (fit fields changed), rescore (rules changed), merge. */
    cause: text('cause').$type<'activity' | 'profile' | 'rescore' | 'merge'>().notNull(),
    causeId: text('cause_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('score_changes_contact_idx').on(t.workspaceId, t.contactId, t.at),
  ],
);
