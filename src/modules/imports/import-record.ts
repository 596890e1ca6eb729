import type pg from 'pg';
import type { ColumnStats } from './column-stats';
import { type ColumnTarget, type ImportOptions, importOptionsSchema } from './mapping';
import type { ImportKind, ImportPhase, ImportStatus } from './schema';

/** An import as the use cases work with it. */
export type ImportRecord = {
  workspaceId: string;
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  fileBytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  columns: ColumnStats[];
  totalRows: number;
  blankRows: number;
  mapping: { columns: ColumnTarget[] };
  options: ImportOptions;
  phase: ImportPhase | null;
  preparedAt: Date | null;
  dryRun: Record<string, unknown> | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  rowsPurgedAt: Date | null;
};

type Row = {
  workspace_id: string;
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  file_name: string;
  file_bytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  columns: ColumnStats[];
  total_rows: number;
  blank_rows: number;
  mapping: { columns: ColumnTarget[] };
  options: Record<string, unknown>;
  phase: ImportPhase | null;
  prepared_at: Date | null;
  dry_run: Record<string, unknown> | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  rows_purged_at: Date | null;
};

export function toImportRecord(row: Row): ImportRecord {
  return {
    workspaceId: row.workspace_id,
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.file_name,
    fileBytes: row.file_bytes,
    encoding: row.encoding,
    delimiter: row.delimiter,
    headers: row.headers,
    columns: row.columns,
    totalRows: row.total_rows,
    blankRows: row.blank_rows,
    mapping: row.mapping,
    options: importOptionsSchema.parse(row.options),
    phase: row.phase,
    preparedAt: row.prepared_at,
    dryRun: row.dry_run,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    failed: row.failed,
    error: row.error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rowsPurgedAt: row.rows_purged_at,
  };
}

/** One import, optionally locked for the rest of the caller's transaction. */
export async function loadImport(
  client: Pick<pg.ClientBase, 'query'>,
  workspaceId: string,
  importId: string,
  lock = false,
): Promise<ImportRecord | undefined> {
  const { rows } = await client.query<Row>(
    `select * from imports where workspace_id = $1 and id = $2 ${lock ? 'for update' : ''}`,
    [workspaceId, importId],
  );
  return rows[0] ? toImportRecord(rows[0]) : undefined;
}

/** The column index a standard field is mapped from, or -1. */
export const columnOfField = (mapping: { columns: ColumnTarget[] }, field: string) =>
  mapping.columns.findIndex((target) => target.type === 'field' && target.field === field);
