import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const pageTemplates = ['classic', 'split', 'spotlight'] as const;
export type PageTemplate = (typeof pageTemplates)[number];
export const pageStatuses = ['draft', 'published'] as const;
export type PageStatus = (typeof pageStatuses)[number];

/**
 * A hosted landing page at /p/<slug> (slugs are unique across workspaces: the address names no
 * workspace). Its words live in its variants; the page holds what they share.
 */
export const landingPages = pgTable(
  'landing_pages',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<PageStatus>().notNull().default('draft'),
    template: text('template').$type<PageTemplate>().notNull().default('classic'),
    /** Brand color of buttons and accents, as #rrggbb. */
    accentColor: text('accent_color').notNull().default('#4f46e5'),
    seoTitle: text('seo_title').notNull().default(''),
    seoDescription: text('seo_description').notNull().default(''),
    /** An image offer shown as og:image. */
    ogImageAssetId: uuid('og_image_asset_id'),
    formId: uuid('form_id'),
    assetId: uuid('asset_id'),
    /**
     * Ask visitors before any cookie or tracking (GDPR, ePrivacy): until they accept, the page sets
     * no cookie, reads none of ours, and counts the view without a visitor id.
     */
    cookieConsent: boolean('cookie_consent').notNull().default(false),
    publishedAt: timestampColumn('published_at'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('landing_pages_slug_key').on(t.slug),
    check('landing_pages_status_check', sql`${t.status} in ('draft', 'published')`),
  ],
);

/**
 * One version of a page's words for an A/B test. Visitors are split by `weight` (0 pauses a
 * variant) and keep the variant they first saw. `id` is short text ('a', 'b', …), as conversion
 * events name it.
 */
export const landingPageVariants = pgTable(
  'landing_page_variants',
  {
    workspaceId: workspaceIdColumn(),
    pageId: uuid('page_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    weight: integer('weight').notNull().default(1),
    position: smallint('position').notNull().default(0),
    headline: text('headline').notNull(),
    subheadline: text('subheadline').notNull().default(''),
    /** Markdown; raw HTML in it is shown as text. */
    body: text('body').notNull().default(''),
    createdAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.pageId, t.id] })],
);
