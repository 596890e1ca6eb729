import { sql } from 'drizzle-orm';
import {
  customType,
  doublePrecision,
  foreignKey,
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

export const lifecycleStages = [
  'subscriber',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'recycled',
  'disqualified',
] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const workingStatuses = ['new', 'attempting', 'connected', 'qualified', 'unqualified'] as const;
export type WorkingStatus = (typeof workingStatuses)[number];

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const companies = pgTable(
  'companies',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    /** Lower-case registrable domain; how contacts find their company. */
    domain: text('domain'),
    industry: text('industry'),
    employees: integer('employees'),
    country: text('country'),
    region: text('region'),
    /** The account owner: routing sends the company's new leads to them. */
    ownerId: uuid('owner_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    externalId: text('external_id'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('companies_domain_key').on(t.workspaceId, t.domain),
    uniqueIndex('companies_external_id_key').on(t.workspaceId, t.externalId).where(sql`${t.externalId} is not null`),
    index('companies_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    email: text('email'),
    /** The `userId` of the customer's own system (Segment's identity). */
    externalId: text('external_id'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    phone: text('phone'),
    title: text('title'),
    seniority: text('seniority'),
    department: text('department'),
    companyId: uuid('company_id'),
    /** The company name as the lead gave it (forms, imports), kept even when linked. */
    companyName: text('company_name'),
    country: text('country'),
    city: text('city'),
    /** Original source channel (paid_search, organic_search, … or an import/offline label). */
    source: text('source'),
    sourceDetail: text('source_detail'),
    consentStatus: text('consent_status').$type<'granted' | 'denied' | 'unknown'>().notNull().default('unknown'),
    consentAt: timestampColumn('consent_at'),
    consentText: text('consent_text'),
    lifecycleStage: text('lifecycle_stage').$type<LifecycleStage>().notNull().default('subscriber'),
    stageChangedAt: timestampColumn('stage_changed_at').notNull().defaultNow(),
    workingStatus: text('working_status').$type<WorkingStatus>(),
    ownerId: uuid('owner_id'),
    firstSeenAt: timestampColumn('first_seen_at'),
    lastActivityAt: timestampColumn('last_activity_at'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    /** Set when this record was merged into another; the survivor keeps its history. */
    mergedIntoId: uuid('merged_into_id'),
    /**
     * The words of the name, email (split at @ . + _ -) and company, for search by word prefix.
     * Stored so a search that walks the list in its sort order reads it instead of recomputing it,
     * and analysed so the planner knows how common a word is.
     */
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(translate(email, '@.+_-', '     '), '') || ' ' || coalesce(company_name, ''))`,
    ),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('contacts_email_key')
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null and ${t.mergedIntoId} is null`),
    uniqueIndex('contacts_external_id_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`${t.externalId} is not null and ${t.mergedIntoId} is null`),
    index('contacts_company_idx').on(t.workspaceId, t.companyId),
    index('contacts_owner_idx').on(t.workspaceId, t.ownerId, t.lifecycleStage),
    // The leads reps work (MQL, SAL) by owner and recency: the queue reads the recent ones only.
    index('contacts_working_idx')
      .on(t.workspaceId, t.ownerId, t.lastActivityAt)
      .where(sql`${t.lifecycleStage} in ('mql', 'sal') and ${t.mergedIntoId} is null`),
    index('contacts_stage_idx').on(t.workspaceId, t.lifecycleStage, t.lastActivityAt),
    index('contacts_last_activity_idx').on(t.workspaceId, t.lastActivityAt.desc().nullsLast(), t.id.desc()),
    index('contacts_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('contacts_name_idx').on(
      t.workspaceId,
      sql`lower(coalesce(${t.lastName}, '') || ' ' || coalesce(${t.firstName}, ''))`,
      t.id,
    ),
    index('contacts_search_idx').using('gin', t.search),
    foreignKey({
      columns: [t.workspaceId, t.companyId],
      foreignColumns: [companies.workspaceId, companies.id],
    }).onDelete('set null'),
  ],
);

/**
 * Each contact's scoring state, one row per contact (kept 1:1 by triggers on contacts, migration
 * 0007). Apart from contacts because scores change far more often than profiles: a rescore of a
 * million contacts rewrites these narrow rows and their two indexes, not the wide contact rows and
 * their ten, and the pipeline's profile writes never wait on a score write's row lock.
 */
export const contactScores = pgTable(
  'contact_scores',
  {
    workspaceId: workspaceIdColumn(),
    contactId: uuid('contact_id').notNull(),
    /** The best-matching persona. */
    personaId: uuid('persona_id'),
    /** Fit grade A–F from the profile criteria, and the points behind it. */
    grade: text('grade'),
    fitPoints: integer('fit_points').notNull().default(0),
    /**
     * Engagement score with exact decay (see scoring/score-math.ts): the decayed sum `score_value` at
     * the moment `score_at`; the score now is score_value × 2^-(elapsed / half-life). `score_rank`
     * (log2(value) + at / half-life) orders contacts by current score without ever changing.
     */
    scoreValue: doublePrecision('score_value').notNull().default(0),
    scoreAt: timestampColumn('score_at'),
    scoreRank: doublePrecision('score_rank'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contactId] }),
    index('contact_scores_rank_idx').on(t.workspaceId, t.scoreRank.desc().nullsLast(), t.contactId.desc()),
  ],
);
