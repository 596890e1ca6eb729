import type { Readable } from 'node:stream';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import type { Principal } from '../auth';
import { listProperties } from '../properties';
import { cursorCsv } from './csv-format';
import { type ImportRecord, loadImport } from './import-record';
import { type ColumnTarget, checkMapping, type ImportOptions, inferPropertyType } from './mapping';
import { enqueuePrepare } from './run-import';
import type { ImportErrorCode, ImportPhase } from './schema';

export type ImportProgress = {
  phase: ImportPhase;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
};

export type ImportView = Omit<ImportRecord, 'workspaceId' | 'columns' | 'preparedAt' | 'updatedAt' | 'rowsPurgedAt'> & {
  columns: (ImportRecord['columns'][number] & { inferredType: string })[];
  sample: string[][];
  progress: ImportProgress | null;
  rowsPurged: boolean;
  createdByName: string | null;
};

export type ImportSummary = Pick<
  ImportView,
  | 'id'
  | 'kind'
  | 'status'
  | 'fileName'
  | 'totalRows'
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'failed'
  | 'createdAt'
  | 'finishedAt'
  | 'createdByName'
  | 'progress'
>;

async function progressOf(ctx: AppContext, job: ImportRecord): Promise<ImportProgress | null> {
  if (!job.phase) return null;
  const { rows } = await ctx.pool.query<Omit<ImportProgress, 'phase' | 'total'>>(
    `select coalesce(sum(rows) filter (where done_at is not null), 0)::int as processed,
            coalesce(sum(created), 0)::int as created, coalesce(sum(updated), 0)::int as updated,
            coalesce(sum(unchanged), 0)::int as unchanged, coalesce(sum(failed), 0)::int as failed
       from import_chunks where workspace_id = $1 and import_id = $2 and phase = $3`,
    [job.workspaceId, job.id, job.phase],
  );
  return { phase: job.phase, total: job.totalRows, ...rows[0]! };
}

async function userName(ctx: AppContext, workspaceId: string, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const { rows } = await ctx.pool.query<{ name: string }>(
    'select name from users where workspace_id = $1 and id = $2',
    [workspaceId, userId],
  );
  return rows[0]?.name ?? null;
}

async function requireImport(ctx: AppContext, workspaceId: string, importId: string): Promise<ImportRecord> {
  const job = await loadImport(ctx.pool, workspaceId, importId);
  if (!job) throw notFound('Import');
  return job;
}

/** An import with its columns (filled, distinct, samples, the type they fit), a sample of rows and its progress. */
export async function getImport(ctx: AppContext, workspaceId: string, importId: string): Promise<ImportView> {
  const job = await requireImport(ctx, workspaceId, importId);
  const { rows } = await ctx.pool.query<{ values: string[] }>(
    'select values from import_rows where workspace_id = $1 and import_id = $2 order by row_number limit 5',
    [workspaceId, importId],
  );
  const { workspaceId: _w, preparedAt: _p, updatedAt: _u, rowsPurgedAt, ...rest } = job;
  return {
    ...rest,
    columns: job.columns.map((column) => ({ ...column, inferredType: inferPropertyType(column).type })),
    sample: rows.map((row) => row.values),
    progress: await progressOf(ctx, job),
    rowsPurged: rowsPurgedAt !== null,
    createdByName: await userName(ctx, workspaceId, job.createdBy),
  };
}

/** The workspace's imports, newest first. */
export async function listImports(ctx: AppContext, workspaceId: string, limit: number): Promise<ImportSummary[]> {
  const { rows } = await ctx.pool.query<{ id: string }>(
    'select id from imports where workspace_id = $1 order by created_at desc limit $2',
    [workspaceId, limit],
  );
  const items: ImportSummary[] = [];
  for (const row of rows) {
    const job = await requireImport(ctx, workspaceId, row.id);
    items.push({
      id: job.id,
      kind: job.kind,
      status: job.status,
      fileName: job.fileName,
      totalRows: job.totalRows,
      created: job.created,
      updated: job.updated,
      unchanged: job.unchanged,
      failed: job.failed,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      createdByName: await userName(ctx, workspaceId, job.createdBy),
      progress: ['validating', 'queued', 'running'].includes(job.status) ? await progressOf(ctx, job) : null,
    });
  }
  return items;
}

const editable = ['uploaded', 'validated', 'failed'] as const;

/** Who may ask for what: new properties need a property editor, new users an admin. */
function checkPermissions(principal: Principal, mapping: { columns: ColumnTarget[] }, options: ImportOptions) {
  const role = principal.kind === 'write_key' ? undefined : principal.role;
  if (mapping.columns.some((target) => target.type === 'new_property') && role !== 'admin' && role !== 'marketing') {
    throw new AppError(
      'forbidden',
      'Only admins and marketing may create custom properties; map those columns to existing ones or ignore them',
    );
  }
  if (options.createMissingOwners && role !== 'admin') {
    throw new AppError('forbidden', 'Only admins may create users from an import');
  }
}

/** Saves the mapping and options; a dry run made with another mapping is discarded. */
export async function saveMapping(
  ctx: AppContext,
  input: { principal: Principal; importId: string; mapping: { columns: ColumnTarget[] }; options: ImportOptions },
): Promise<void> {
  const { workspaceId } = input.principal;
  const job = await requireImport(ctx, workspaceId, input.importId);
  if (!(editable as readonly string[]).includes(job.status) || (job.status === 'failed' && job.phase === 'run')) {
    throw new AppError('conflict', `The import is ${job.status}; its mapping can no longer change`);
  }
  checkMapping(job.kind, job.headers, input.mapping, await listProperties(ctx.db, workspaceId));
  checkPermissions(input.principal, input.mapping, input.options);
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `update imports set mapping = $3, options = $4, status = 'uploaded', phase = null, prepared_at = null,
              dry_run = null, error = null, updated_at = now()
        where workspace_id = $1 and id = $2`,
      [workspaceId, input.importId, JSON.stringify(input.mapping), JSON.stringify(input.options)],
    );
    for (const table of ['import_chunks', 'import_errors']) {
      await client.query(`delete from ${table} where workspace_id = $1 and import_id = $2 and phase = 'dry_run'`, [
        workspaceId,
        input.importId,
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Starts a phase as a background job: a dry run (every row checked, nothing kept) or the run. A
 * failed run started again resumes with what was not imported.
 */
export async function startPhase(
  ctx: AppContext,
  input: { principal: Principal; importId: string; phase: ImportPhase },
): Promise<void> {
  const { workspaceId } = input.principal;
  const { importId, phase } = input;
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const job = await loadImport(client, workspaceId, importId, true);
    if (!job) throw notFound('Import');
    if (job.rowsPurgedAt) throw new AppError('gone', 'The rows of this import were deleted; upload the file again');
    const resume = phase === 'run' && job.status === 'failed' && job.phase === 'run' && job.preparedAt !== null;
    if (!resume && !(editable as readonly string[]).includes(job.status)) {
      throw new AppError('conflict', `The import is ${job.status}`);
    }
    if (job.status === 'failed' && job.phase === 'run' && phase === 'dry_run') {
      throw new AppError('conflict', 'The import already ran (and failed); run it again to resume');
    }
    checkMapping(job.kind, job.headers, job.mapping, await listProperties(ctx.db, workspaceId));
    checkPermissions(input.principal, job.mapping, job.options);
    if (resume) {
      await client.query(
        `delete from import_errors where workspace_id = $1 and import_id = $2 and phase = 'run' and code = 'not_imported'`,
        [workspaceId, importId],
      );
      await client.query(
        `update imports set status = 'running', error = null, updated_at = now() where workspace_id = $1 and id = $2`,
        [workspaceId, importId],
      );
    } else {
      for (const table of ['import_chunks', 'import_errors']) {
        await client.query(`delete from ${table} where workspace_id = $1 and import_id = $2 and phase = $3`, [
          workspaceId,
          importId,
          phase,
        ]);
      }
      await client.query(
        `update imports set status = $3, phase = $4, prepared_at = null, error = null, updated_at = now(),
                dry_run = case when $4 = 'dry_run' then null else dry_run end
          where workspace_id = $1 and id = $2`,
        [workspaceId, importId, phase === 'run' ? 'queued' : 'validating', phase],
      );
    }
    await enqueuePrepare(client, { workspaceId, importId, phase });
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Discards an import that is not running: its rows, chunks, errors and record. */
export async function deleteImport(ctx: AppContext, workspaceId: string, importId: string): Promise<void> {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const job = await loadImport(client, workspaceId, importId, true);
    if (!job) throw notFound('Import');
    if (['validating', 'queued', 'running'].includes(job.status)) {
      throw new AppError('conflict', 'The import is running; wait for it to finish');
    }
    for (const table of ['import_rows', 'import_chunks', 'import_errors']) {
      await client.query(`delete from ${table} where workspace_id = $1 and import_id = $2`, [workspaceId, importId]);
    }
    await client.query('delete from imports where workspace_id = $1 and id = $2', [workspaceId, importId]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export type ImportErrorView = {
  row: number;
  code: ImportErrorCode;
  column: string | null;
  field: string | null;
  value: string | null;
  reason: string;
};

/** A phase's row errors in row order, page by page (after a row number). */
export async function listImportErrors(
  ctx: AppContext,
  input: { workspaceId: string; importId: string; phase: ImportPhase; afterRow?: number; limit: number },
): Promise<{ items: ImportErrorView[]; failedRows: number; nextAfterRow: number | null }> {
  await requireImport(ctx, input.workspaceId, input.importId);
  const { rows } = await ctx.pool.query<{
    row_number: number;
    code: ImportErrorCode;
    column_name: string | null;
    field: string | null;
    value: string | null;
    reason: string;
  }>(
    `select row_number, code, column_name, field, value, reason from import_errors
      where workspace_id = $1 and import_id = $2 and phase = $3 and row_number > $4
      order by row_number, position limit $5`,
    [input.workspaceId, input.importId, input.phase, input.afterRow ?? 0, input.limit + 1],
  );
  const { rows: counted } = await ctx.pool.query<{ n: number }>(
    `select count(distinct row_number)::int as n from import_errors where workspace_id = $1 and import_id = $2 and phase = $3`,
    [input.workspaceId, input.importId, input.phase],
  );
  let page = rows.slice(0, input.limit);
  // Never split a row's errors across pages.
  if (rows.length > input.limit && page.length > 0) {
    const last = page.at(-1)!.row_number;
    const whole = page.filter((row) => row.row_number !== last);
    if (whole.length > 0) page = whole;
  }
  return {
    items: page.map((row) => ({
      row: row.row_number,
      code: row.code,
      column: row.column_name,
      field: row.field,
      value: row.value,
      reason: row.reason,
    })),
    failedRows: counted[0]!.n,
    nextAfterRow: rows.length > input.limit && page.length > 0 ? page.at(-1)!.row_number : null,
  };
}

/** Every error of a phase as CSV: row, column, value, reason — then the row's original cells, to fix and re-import. */
export async function importErrorsCsv(
  ctx: AppContext,
  input: { workspaceId: string; importId: string; phase: ImportPhase },
): Promise<{ fileName: string; stream: Readable }> {
  const job = await requireImport(ctx, input.workspaceId, input.importId);
  type Row = {
    row_number: number;
    column_name: string | null;
    value: string | null;
    reason: string;
    values: string[] | null;
  };
  const stream = cursorCsv<Row>(ctx, {
    header: ['Row', 'Column', 'Value', 'Reason', ...job.headers],
    // The row's cells by a per-row key lookup (a join could be planned as a scan per error while statistics lag).
    text: `select e.row_number, e.column_name, e.value, e.reason,
                  (select r.values from import_rows r
                    where r.workspace_id = e.workspace_id and r.import_id = e.import_id and r.row_number = e.row_number) as values
             from import_errors e
            where e.workspace_id = $1 and e.import_id = $2 and e.phase = $3
            order by e.row_number, e.position`,
    params: [input.workspaceId, input.importId, input.phase],
    row: (row) => [row.row_number, row.column_name, row.value, row.reason, ...(row.values ?? [])],
  });
  const base = job.fileName.replace(/\.[^.]*$/, '') || 'import';
  return { fileName: `${base}-${input.phase === 'dry_run' ? 'dry-run-' : ''}errors.csv`, stream };
}
