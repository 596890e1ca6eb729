import { bigint, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

/** What a content offer is, as the talk track names it ("the e-book", "the white paper"). */
export const assetKinds = [
  'white paper',
  'e-book',
  'infographic',
  'case study',
  'checklist',
  'report',
  'guide',
  'template',
  'webinar slides',
  'data sheet',
  'other',
] as const;
export type AssetKind = (typeof assetKinds)[number];

/**
 * A content offer: an uploaded file (PDF or image) with its title and kind. Gated by a form
 * (`gate_form_id`) or open. The bytes live in the asset storage under `storage_key`.
 */
export const contentAssets = pgTable(
  'content_assets',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    title: text('title').notNull(),
    kind: text('kind').$type<AssetKind>().notNull(),
    description: text('description').notNull().default(''),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    gateFormId: uuid('gate_form_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('content_assets_created_idx').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * Per-workspace keys of hosted content: the secret that signs download links, and the write key
 * hosted landing pages load /t.js with (write keys are public by nature: every tracked site shows
 * its own in its HTML).
 */
export const contentSettings = pgTable('content_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  linkSecret: text('link_secret').notNull(),
  writeKey: text('write_key'),
  writeKeyId: uuid('write_key_id'),
  createdAt: createdAtColumn(),
});
