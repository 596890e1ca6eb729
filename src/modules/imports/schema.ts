import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, timestampColumn, workspaceIdColumn } from '../../core/db/columns';

export const importKinds = ['contacts', 'companies', 'deals', 'sales_activities', 'campaign_costs'] as const;
export type ImportKind = (typeof importKinds)[number];

/**
 * uploaded → (dry run) validating → validated → (run) queued → running → done | failed.
 * A failed import can be run again: it resumes with the chunks not yet imported.
 */
export const importStatuses = ['uploaded', 'validating', 'validated', 'queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** A dry run validates every row and rolls back; a run writes. Each has its own chunks and errors. */
export const importPhases = ['dry_run', 'run'] as const;
export type ImportPhase = (typeof importPhases)[number];

/** One uploaded CSV file: how it was read, how its columns map, and how far its import got. */
export const imports = pgTable(
  'imports',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    kind: text('kind').$type<ImportKind>().notNull(),
    status: text('status').$type<ImportStatus>().notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    /** How the bytes were decoded: utf-8 (BOM stripped), windows-1252, utf-16le/be. */
    encoding: text('encoding').notNull(),
    delimiter: text('delimiter').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** Per column: filled and distinct counts, sample values, the types every value fits. */
    columns: jsonb('columns').$type<unknown[]>().notNull(),
    /** Data rows stored (blank rows are counted apart and not imported). */
    totalRows: integer('total_rows').notNull(),
    blankRows: integer('blank_rows').notNull().default(0),
    mapping: jsonb('mapping').$type<unknown>().notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull(),
    /** The phase whose chunks are being (or were last) processed. */
    phase: text('phase').$type<ImportPhase>(),
    /** When the phase's preparation (duplicates, new properties, companies, owners, chunks) was committed. */
    preparedAt: timestampColumn('prepared_at'),
    /** Outcome of the last dry run: rows that would be created, updated, left unchanged, or fail. */
    dryRun: jsonb('dry_run').$type<Record<string, unknown>>(),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
    startedAt: timestampColumn('started_at'),
    finishedAt: timestampColumn('finished_at'),
    /** Set when the raw rows were deleted (retention): the import can no longer run. */
    rowsPurgedAt: timestampColumn('rows_purged_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('imports_created_idx').on(t.workspaceId, t.createdAt.desc()),
    index('imports_active_idx')
      .on(t.status, t.updatedAt)
      .where(sql`${t.status} in ('validating', 'queued', 'running')`),
    check(
      'imports_status_check',
      sql`${t.status} in ('uploaded', 'validating', 'validated', 'queued', 'running', 'done', 'failed')`,
    ),
  ],
);

/**
 * The file's rows as read (cells as a JSON array of strings), so an import survives restarts and
 * runs on any worker. `row_number` is the spreadsheet row: the header is row 1.
 */
export const importRows = pgTable(
  'import_rows',
  {
    workspaceId: workspaceIdColumn(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    values: jsonb('values').$type<string[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.rowNumber] })],
);

/** Units of work: a chunk is processed, with its counts, in one transaction. Done chunks are never redone. */
export const importChunks = pgTable(
  'import_chunks',
  {
    workspaceId: workspaceIdColumn(),
    importId: uuid('import_id').notNull(),
    phase: text('phase').$type<ImportPhase>().notNull(),
    chunkNo: integer('chunk_no').notNull(),
    firstRow: integer('first_row').notNull(),
    lastRow: integer('last_row').notNull(),
    rows: integer('rows').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    doneAt: timestampColumn('done_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.phase, t.chunkNo] })],
);

export const importErrorCodes = ['invalid', 'duplicate', 'conflict', 'failed', 'not_imported'] as const;
export type ImportErrorCode = (typeof importErrorCodes)[number];

/** Every row that was not imported, with each reason: row, column, value and why. */
export const importErrors = pgTable(
  'import_errors',
  {
    workspaceId: workspaceIdColumn(),
    importId: uuid('import_id').notNull(),
    phase: text('phase').$type<ImportPhase>().notNull(),
    rowNumber: integer('row_number').notNull(),
    /** Several problems of one row are numbered 0, 1, … */
    position: smallint('position').notNull(),
    code: text('code').$type<ImportErrorCode>().notNull(),
    columnName: text('column_name'),
    field: text('field'),
    value: text('value'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.phase, t.rowNumber, t.position] })],
);
