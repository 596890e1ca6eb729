import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const ctaStyles = ['button', 'link'] as const;
export type CtaStyle = (typeof ctaStyles)[number];

/**
 * A call to action the tracker places where a site writes `<div data-baton-cta="ID"></div>`: a
 * button or link to a landing page (or any URL), its views and clicks counted.
 */
export const ctas = pgTable(
  'ctas',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    name: text('name').notNull(),
    text: text('text').notNull(),
    style: text('style').$type<CtaStyle>().notNull().default('button'),
    /** #rrggbb */
    backgroundColor: text('background_color').notNull().default('#4f46e5'),
    textColor: text('text_color').notNull().default('#ffffff'),
    targetPageId: uuid('target_page_id'),
    targetUrl: text('target_url'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    check('ctas_target_check', sql`${t.targetPageId} is not null or ${t.targetUrl} is not null`),
  ],
);
