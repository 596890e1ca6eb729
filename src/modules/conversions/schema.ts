import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

/** The steps of a conversion path, in order: a CTA seen, clicked, its landing page viewed, the form sent, the offer downloaded. */
export const conversionSteps = ['cta_view', 'cta_click', 'page_view', 'submission', 'download'] as const;
export type ConversionStep = (typeof conversionSteps)[number];

/**
 * One step of a visitor on a conversion path. Narrow and append-only: funnels per step, source,
 * campaign, landing page variant and day are counted from here. Who (anonymous id, and the
 * contact once known) and what (CTA, page and variant, form, asset) are all optional: a step
 * records what it knows.
 */
export const conversionEvents = pgTable(
  'conversion_events',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    at: timestampColumn('at').notNull(),
    step: text('step').$type<ConversionStep>().notNull(),
    anonymousId: text('anonymous_id'),
    contactId: uuid('contact_id'),
    ctaId: uuid('cta_id'),
    landingPageId: uuid('landing_page_id'),
    variantId: text('variant_id'),
    formId: uuid('form_id'),
    assetId: uuid('asset_id'),
    /** The channel (paid_search, organic_search, email, …) as campaigns/classify-source names it. */
    source: text('source'),
    /** utm_campaign as given. */
    campaign: text('campaign'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('conversion_events_at_idx').on(t.workspaceId, t.at),
    index('conversion_events_page_idx').on(t.workspaceId, t.landingPageId, t.variantId, t.step),
    index('conversion_events_cta_idx').on(t.workspaceId, t.ctaId, t.step),
    // Deleting a contact removes their steps.
    index('conversion_events_contact_idx').on(t.workspaceId, t.contactId).where(sql`${t.contactId} is not null`),
  ],
);
