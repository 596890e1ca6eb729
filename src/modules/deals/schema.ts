import { sql } from 'drizzle-orm';
import { bigint, check, date, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const dealStatuses = ['open', 'won', 'lost'] as const;

/** Pipeline stages of an open deal; closing sets the status (won or lost) and stage `closed_won`/`closed_lost`. */
export const dealStages = ['discovery', 'demo', 'proposal', 'negotiation'] as const;
export type DealStatus = (typeof dealStatuses)[number];

export const deals = pgTable(
  'deals',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    companyId: uuid('company_id'),
    ownerId: uuid('owner_id'),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    /** Pipeline stage name (discovery, demo, proposal, negotiation, closed). */
    stage: text('stage').notNull(),
    status: text('status').$type<DealStatus>().notNull().default('open'),
    expectedCloseOn: date('expected_close_on'),
    closedAt: timestampColumn('closed_at'),
    lostReason: text('lost_reason'),
    externalId: text('external_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('deals_company_idx').on(t.workspaceId, t.companyId),
    index('deals_owner_idx').on(t.workspaceId, t.ownerId, t.status),
    check('deals_status_check', sql`${t.status} in ('open', 'won', 'lost')`),
    uniqueIndex('deals_external_id_key').on(t.workspaceId, t.externalId).where(sql`${t.externalId} is not null`),
  ],
);

export const dealContacts = pgTable(
  'deal_contacts',
  {
    workspaceId: workspaceIdColumn(),
    dealId: uuid('deal_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    role: text('role'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.dealId, t.contactId] }),
    index('deal_contacts_contact_idx').on(t.workspaceId, t.contactId),
  ],
);
