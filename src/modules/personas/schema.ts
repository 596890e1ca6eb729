import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, workspaceIdColumn } from '../../core/db/columns';

/** A condition on a contact or company field; a persona matches when its conditions do. */
export type PersonaCondition = {
  field: string;
  operator: 'contains_any' | 'equals_any' | 'gte' | 'lte';
  values: string[];
};

/**
 * Marketing's own wording for the talk track's opener, per kind of lead story; absent kinds use the
 * built-in sentences. Placeholders in braces ({firstName}, {form}, …) are filled from the lead's
 * history; which ones each kind may use, and what happens when a lead has no value for one, is
 * decided by the talk track's writer (`openerPlaceholders` in talk-track/write-talk-track.ts).
 */
export type TalkTrackTemplates = Partial<Record<'handRaiser' | 'download' | 'reading' | 'noHistory', string>>;

export const personas = pgTable(
  'personas',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    conditions: jsonb('conditions').$type<PersonaCondition[]>().notNull().default([]),
    pains: jsonb('pains').$type<string[]>().notNull().default([]),
    discoveryQuestions: jsonb('discovery_questions').$type<string[]>().notNull().default([]),
    objections: jsonb('objections').$type<string[]>().notNull().default([]),
    talkTrackTemplates: jsonb('talk_track_templates').$type<TalkTrackTemplates>().notNull().default({}),
    /** Higher wins when several personas match equally well. */
    priority: integer('priority').notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('personas_name_key').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);
