import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';
import type { FormConsent, FormField, FormSpam, FormSuccess } from './form-definition';

export const formStatuses = ['draft', 'published', 'archived'] as const;
export type FormStatus = (typeof formStatuses)[number];

export const submissionStatuses = ['pending', 'processed', 'failed', 'spam'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** A form a workspace embeds or hosts: its fields and what a submission does. */
export const forms = pgTable(
  'forms',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    status: text('status').$type<FormStatus>().notNull().default('draft'),
    fields: jsonb('fields').$type<FormField[]>().notNull().default([]),
    consent: jsonb('consent').$type<FormConsent | null>(),
    success: jsonb('success').$type<FormSuccess>().notNull(),
    spam: jsonb('spam').$type<FormSpam>().notNull(),
    /** "Contact sales": a submission asks for a rep now (scoring's hand-raiser rule, routing). */
    handRaiser: boolean('hand_raiser').notNull().default(false),
    /** How many next-best questions a known visitor is asked at most. */
    progressiveLimit: integer('progressive_limit').notNull().default(2),
    submitLabel: text('submit_label').notNull().default('Submit'),
    notifyUserIds: jsonb('notify_user_ids').$type<string[]>().notNull().default([]),
    /** Signs render tokens (render time, fields shown): per form, so no shared secret is needed. */
    signingKey: text('signing_key').notNull(),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    check('forms_status_check', sql`${t.status} in ('draft', 'published', 'archived')`),
  ],
);

/**
 * Every submission, stored as received (one INSERT) before anything else happens to it. Processing
 * (contact, activity, consent, routing) runs after, as a job; its outcome and errors are kept here.
 */
export const formSubmissions = pgTable(
  'form_submissions',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    formId: uuid('form_id').notNull(),
    receivedAt: timestampColumn('received_at').notNull(),
    status: text('status').$type<SubmissionStatus>().notNull(),
    /** The values as submitted (text), by field name. */
    values: jsonb('values').$type<Record<string, string | string[]>>().notNull(),
    /** IP, user agent, page URL, referrer, UTM tags, hidden `_baton_*` fields, render token facts. */
    context: jsonb('context').$type<Record<string, unknown>>().notNull(),
    anonymousId: text('anonymous_id'),
    email: text('email'),
    contactId: uuid('contact_id'),
    spamReason: text('spam_reason'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    processedAt: timestampColumn('processed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('form_submissions_form_idx').on(t.workspaceId, t.formId, t.receivedAt.desc()),
    index('form_submissions_status_idx').on(t.workspaceId, t.status, t.receivedAt.desc()),
    check('form_submissions_status_check', sql`${t.status} in ('pending', 'processed', 'failed', 'spam')`),
  ],
);
