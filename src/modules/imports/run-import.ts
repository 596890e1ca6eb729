import type pg from 'pg';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { copyRows } from '../../core/db/copy-rows';
import { enqueueJob } from '../../core/jobs/enqueue-job';
import { recordAudit } from '../audit';
import { listProperties } from '../properties';
import { enqueueRescore } from '../scoring/rescore-workspace';
import { columnOfField, type ImportRecord, loadImport } from './import-record';
import { propertyObjectOf } from './import-targets';
import { type NormalizedRow, type PropertyRule, type RowError, RowNormalizer } from './normalize-row';
import { OwnerDirectory } from './owners';
import type { ImportKind, ImportPhase } from './schema';
import { type ChunkEnv, type ChunkOutcome, newIds } from './staging';
import { writeCampaignCosts } from './write-campaign-costs';
import { writeCompanies } from './write-companies';
import { writeContacts } from './write-contacts';
import { writeDeals } from './write-deals';
import { writeSalesActivities } from './write-sales-activities';

/** Rows per chunk: one transaction each, small enough to retry, large enough for set-based SQL to pay off. */
export const chunkRows = 20_000;
/** Chunks of a run processed side by side (each lane its own connection); a dry run uses one. */
export const runLanes = 2;
const jobAttempts = 5;

export const importJobPayload = z.object({
  workspaceId: z.uuid(),
  importId: z.uuid(),
  phase: z.enum(['dry_run', 'run']),
});
export type ImportJobPayload = z.infer<typeof importJobPayload>;

const writers: Record<ImportKind, (env: ChunkEnv, rows: NormalizedRow[]) => Promise<ChunkOutcome>> = {
  contacts: writeContacts,
  companies: writeCompanies,
  deals: writeDeals,
  sales_activities: writeSalesActivities,
  campaign_costs: writeCampaignCosts,
};

export const enqueuePrepare = (db: pg.ClientBase | pg.Pool, payload: ImportJobPayload) =>
  enqueueJob(db, 'imports.prepare', payload, {
    jobKey: `imports.prepare:${payload.importId}`,
    maxAttempts: jobAttempts,
  });

const enqueueLane = (db: pg.ClientBase | pg.Pool, payload: ImportJobPayload) =>
  enqueueJob(db, 'imports.lane', payload, { maxAttempts: jobAttempts });

/** SQL for the cell of a column in `import_rows.values`, trimmed, null when empty. */
const cell = (index: number) => `nullif(btrim(values->>${index}, E' \\t\\r\\n'), '')`;
const domainSql = (index: number) =>
  `nullif(regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(${cell(index)}),
     '^https?://', ''), '^www\\.', ''), '[/?#].*$', ''), ':[0-9]+$', ''), '')`;

/** The keys that identify a record in a file of this kind: a second row with the same key is a duplicate. */
function duplicateKeys(job: ImportRecord): { expression: string; field: string; label: string }[] {
  const at = (field: string) => columnOfField(job.mapping, field);
  const keys: { expression: string; field: string; label: string }[] = [];
  const add = (field: string, label: string, expression: (index: number) => string) => {
    const index = at(field);
    if (index >= 0) keys.push({ expression: expression(index), field, label });
  };
  switch (job.kind) {
    case 'contacts':
      add('email', 'email', (index) => `lower(${cell(index)})`);
      add('externalId', 'external ID', cell);
      break;
    case 'companies': {
      add('externalId', 'external ID', cell);
      add('domain', 'domain', domainSql);
      const name = at('name');
      if (name >= 0) {
        const ext = at('externalId');
        const domain = at('domain');
        const none = [ext >= 0 ? `${cell(ext)} is null` : 'true', domain >= 0 ? `${cell(domain)} is null` : 'true'];
        keys.push({
          expression: `case when ${none.join(' and ')} then lower(${cell(name)}) end`,
          field: 'name',
          label: 'name',
        });
      }
      break;
    }
    case 'deals': {
      add('externalId', 'external ID', cell);
      const name = at('name');
      if (name >= 0 && at('externalId') < 0) {
        const company = at('company');
        keys.push({
          expression: `lower(${cell(name)}) || '|' || coalesce(lower(${company >= 0 ? cell(company) : 'null'}), '')`,
          field: 'name',
          label: 'name and company',
        });
      }
      break;
    }
    case 'sales_activities':
      add('externalId', 'external ID', cell);
      break;
    case 'campaign_costs': {
      const [campaign, period, currency, note] = ['campaign', 'periodStart', 'currency', 'note'].map(at);
      if (campaign! >= 0 && period! >= 0) {
        const parts = [
          `lower(${cell(campaign!)})`,
          cell(period!),
          currency! >= 0 ? `upper(coalesce(${cell(currency!)}, ''))` : `''`,
          note! >= 0 ? `coalesce(${cell(note!)}, '')` : `''`,
        ];
        keys.push({
          expression: parts.join(` || '|' || `),
          field: 'periodStart',
          label: 'campaign, period, currency and note',
        });
      }
      break;
    }
  }
  return keys;
}

/**
 * Prepares a phase, once: duplicate rows flagged, new custom properties defined (a run only),
 * chunks laid out. Then starts its lanes. Safe to run again (a rescue): it only starts lanes.
 */
export async function prepareImport(ctx: AppContext, payload: ImportJobPayload): Promise<void> {
  const { workspaceId, importId, phase } = payload;
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const job = await loadImport(client, workspaceId, importId, true);
    if (!job || job.phase !== phase || !['validating', 'queued', 'running'].includes(job.status)) {
      await client.query('rollback');
      return;
    }
    if (!job.preparedAt) {
      await client.query(`set local work_mem = '128MB'`);
      await client.query('delete from import_chunks where workspace_id = $1 and import_id = $2 and phase = $3', [
        workspaceId,
        importId,
        phase,
      ]);
      await client.query('delete from import_errors where workspace_id = $1 and import_id = $2 and phase = $3', [
        workspaceId,
        importId,
        phase,
      ]);
      if (phase === 'run') await defineNewProperties(client, job);
      for (const key of duplicateKeys(job)) {
        const column = job.headers[columnOfField(job.mapping, key.field)] ?? null;
        await client.query(
          `insert into import_errors (workspace_id, import_id, phase, row_number, position, code, column_name, field, value, reason)
           select $1, $2, $3, row_number, 0, 'duplicate', $4, $5, left(k, 500),
                  'duplicate of row ' || first_row || ' (same ' || $6 || ')'
             from (select row_number, k, first_value(row_number) over (partition by k order by row_number) as first_row
                     from (select row_number, ${key.expression} as k
                             from import_rows where workspace_id = $1 and import_id = $2) keyed
                    where k is not null) ranked
            where row_number <> first_row
           on conflict do nothing`,
          [workspaceId, importId, phase, column, key.field, key.label],
        );
      }
      await client.query(
        `insert into import_chunks (workspace_id, import_id, phase, chunk_no, first_row, last_row)
         select $1, $2, $3, n, 2 + n * $4, 1 + (n + 1) * $4
           from generate_series(0, (select (coalesce(max(row_number), 1) - 2) / $4
                                      from import_rows where workspace_id = $1 and import_id = $2)) as n`,
        [workspaceId, importId, phase, chunkRows],
      );
      await client.query(
        `update imports set prepared_at = $3, status = case when phase = 'run' then 'running' else status end,
                started_at = coalesce(started_at, $3), updated_at = $3
          where workspace_id = $1 and id = $2`,
        [workspaceId, importId, ctx.clock.now()],
      );
    } else {
      await client.query('update imports set updated_at = $3 where workspace_id = $1 and id = $2', [
        workspaceId,
        importId,
        ctx.clock.now(),
      ]);
    }
    for (let lane = 0; lane < (phase === 'run' ? runLanes : 1); lane += 1) await enqueueLane(client, payload);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Creates the custom properties the mapping asks for (an existing one of the same key is used as it is). */
async function defineNewProperties(client: pg.ClientBase, job: ImportRecord): Promise<void> {
  const object = propertyObjectOf[job.kind];
  if (!object) return;
  const wanted = job.mapping.columns.flatMap((target) => (target.type === 'new_property' ? [target] : []));
  if (wanted.length === 0) return;
  const ids = newIds(wanted.length);
  await client.query(
    `insert into property_definitions (workspace_id, id, object, key, label, type, options, required, position, created_at)
     select $1, r.id, $2, r.key, r.label, r.type, r.options, false,
            (select coalesce(max(position), -1) from property_definitions where workspace_id = $1 and object = $2) + r.n,
            now()
       from jsonb_to_recordset($3::jsonb) as r(id uuid, key text, label text, type text, options jsonb, n int)
     on conflict (workspace_id, object, key) do nothing`,
    [
      job.workspaceId,
      object,
      JSON.stringify(
        wanted.map((target, index) => ({
          id: ids[index],
          key: target.key,
          label: target.label,
          type: target.propertyType,
          options:
            target.propertyType === 'single_select' || target.propertyType === 'multi_select'
              ? (target.options ?? [])
              : [],
          n: index + 1,
        })),
      ),
    ],
  );
}

type LaneSetup = {
  job: ImportRecord;
  companyNames: Map<string, { id: string; domain: string | null }>;
  rules: PropertyRule[];
  required: string[];
  mapped: Set<string>;
};

async function laneSetup(ctx: AppContext, job: ImportRecord): Promise<LaneSetup> {
  const object = propertyObjectOf[job.kind];
  const definitions = object ? await listProperties(ctx.db, job.workspaceId, object) : [];
  return {
    job,
    companyNames: new Map(),
    rules: definitions.map((definition) => ({
      key: definition.key,
      type: definition.type,
      options: definition.options,
    })),
    required: definitions.filter((definition) => definition.required).map((definition) => definition.key),
    mapped: new Set(job.mapping.columns.flatMap((target) => (target.type === 'field' ? [target.field] : []))),
  };
}

const isDeadlock = (error: unknown) => ['40P01', '40001'].includes((error as { code?: string }).code ?? '');
const isConnectionError = (error: unknown) => {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('08') || code === '57P01' || /Connection terminated|not queryable/i.test(String(error));
};

/**
 * Writes rows in a savepoint. An unexpected database error splits the rows in halves, each
 * written on its own, down to the single row that fails — which is reported with the error —
 * so one bad row never costs the rest of its chunk.
 */
async function writeWithBisection(
  env: ChunkEnv,
  kind: ImportKind,
  rows: NormalizedRow[],
  retried = false,
): Promise<ChunkOutcome> {
  if (rows.length === 0) return { created: 0, updated: 0, unchanged: 0, errors: [] };
  await env.client.query('savepoint import_part');
  try {
    const outcome = await writers[kind](env, rows);
    await env.client.query('release savepoint import_part');
    return outcome;
  } catch (error) {
    if (isConnectionError(error)) throw error;
    await env.client.query('rollback to savepoint import_part');
    await env.client.query('release savepoint import_part');
    if (isDeadlock(error) && !retried) return writeWithBisection(env, kind, rows, true);
    if (rows.length === 1) {
      return {
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: [
          {
            row: rows[0]!.row,
            code: 'failed',
            column: null,
            field: null,
            value: null,
            reason: `could not be saved: ${(error as Error).message}`,
          },
        ],
      };
    }
    const middle = rows.length >> 1;
    const first = await writeWithBisection(env, kind, rows.slice(0, middle));
    const second = await writeWithBisection(env, kind, rows.slice(middle));
    return {
      created: first.created + second.created,
      updated: first.updated + second.updated,
      unchanged: first.unchanged + second.unchanged,
      errors: [...first.errors, ...second.errors],
    };
  }
}

/** Reads, checks and writes one chunk inside the caller's transaction; records its errors and counts. */
async function processChunk(
  ctx: AppContext,
  client: pg.PoolClient,
  setup: LaneSetup,
  phase: ImportPhase,
  chunk: { chunk_no: number; first_row: number; last_row: number },
): Promise<void> {
  const { job } = setup;
  const { workspaceId } = job;
  const dryRun = phase === 'dry_run';
  const at = ctx.clock.now();
  const { rows: raw } = await client.query<{ row_number: number; values: string[] }>(
    `select row_number, values from import_rows
      where workspace_id = $1 and import_id = $2 and row_number between $3 and $4 order by row_number`,
    [workspaceId, job.id, chunk.first_row, chunk.last_row],
  );
  const { rows: flaggedRows } = await client.query<{ row_number: number }>(
    `select distinct row_number from import_errors
      where workspace_id = $1 and import_id = $2 and phase = $3 and row_number between $4 and $5`,
    [workspaceId, job.id, phase, chunk.first_row, chunk.last_row],
  );
  const flagged = new Set(flaggedRows.map((row) => row.row_number));
  const owners = await OwnerDirectory.load(client, workspaceId);
  const normalizer = new RowNormalizer(job.kind, job.headers, job.mapping, job.options, setup.rules, owners);
  const good: NormalizedRow[] = [];
  const errors: RowError[] = [];
  for (const row of raw) {
    if (flagged.has(row.row_number)) continue;
    const result = normalizer.normalize(row.row_number, row.values);
    if ('ok' in result) good.push(result.ok);
    else errors.push(...result.errors);
  }

  const env: ChunkEnv = {
    client,
    workspaceId,
    importId: job.id,
    dryRun,
    at,
    actorId: job.createdBy,
    options: job.options,
    mapped: setup.mapped,
    requiredProperties: setup.required,
    companyNames: setup.companyNames,
    shared: dryRun
      ? (fn) => fn(client)
      : async (fn) => {
          const side = await ctx.pool.connect();
          try {
            await side.query('begin');
            const result = await fn(side);
            await side.query('commit');
            return result;
          } catch (error) {
            await side.query('rollback').catch(() => undefined);
            throw error;
          } finally {
            side.release();
          }
        },
  };
  if (dryRun) await client.query('savepoint dry_run');
  const pending = new Set(good.flatMap((row) => (row.pendingOwner ? [row.pendingOwner] : [])));
  let writable = good;
  if (pending.size > 0) {
    const created = await env.shared((db) => owners.createMissing(db, workspaceId, pending, at));
    if (!dryRun) {
      for (const user of created) {
        await recordAudit(ctx, {
          workspaceId,
          actor: undefined,
          action: 'user.created',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: 'sales_rep', importId: job.id },
        });
      }
    }
    writable = [];
    for (const row of good) {
      if (row.pendingOwner) {
        const owner = owners.resolve(row.pendingOwner);
        if (typeof owner !== 'string') {
          errors.push({
            row: row.row,
            code: 'invalid',
            column: null,
            field: 'owner',
            value: row.pendingOwner,
            reason: `the user "${row.pendingOwner}" could not be created`,
          });
          continue;
        }
        row.fields.ownerId = owner;
      }
      writable.push(row);
    }
  }
  const outcome = await writeWithBisection(env, job.kind, writable);
  if (dryRun) await client.query('rollback to savepoint dry_run');
  // Errors found in SQL name a field: name its column too.
  for (const error of outcome.errors) {
    const index = error.field && !error.column ? columnOfField(job.mapping, error.field) : -1;
    errors.push(index >= 0 ? { ...error, column: job.headers[index] ?? null } : error);
  }

  const positions = new Map<number, number>();
  await copyRows(
    client,
    'import_errors',
    ['workspace_id', 'import_id', 'phase', 'row_number', 'position', 'code', 'column_name', 'field', 'value', 'reason'],
    errors.map((error) => {
      const position = positions.get(error.row) ?? 0;
      positions.set(error.row, position + 1);
      return [
        workspaceId,
        job.id,
        phase,
        error.row,
        position,
        error.code,
        error.column,
        error.field,
        error.value,
        error.reason,
      ];
    }),
  );
  await client.query(
    `update import_chunks set done_at = $5, rows = $6, created = $7, updated = $8, unchanged = $9, failed = $10
      where workspace_id = $1 and import_id = $2 and phase = $3 and chunk_no = $4`,
    [
      workspaceId,
      job.id,
      phase,
      chunk.chunk_no,
      at,
      raw.length,
      outcome.created,
      outcome.updated,
      outcome.unchanged,
      positions.size + [...flagged].filter((row) => !positions.has(row)).length,
    ],
  );
  await client.query('update imports set updated_at = $3 where workspace_id = $1 and id = $2', [
    workspaceId,
    job.id,
    at,
  ]);
}

/**
 * A lane: takes the next chunk nobody holds (`SKIP LOCKED`), processes and commits it, until none
 * are left; then the phase is finished if every chunk is done. Stopping (worker shutdown) hands the
 * remaining chunks to a new lane job; a crash mid-chunk rolls that chunk back for another lane.
 */
export async function runLane(ctx: AppContext, payload: ImportJobPayload, signal?: AbortSignal): Promise<void> {
  const { workspaceId, importId, phase } = payload;
  const job = await loadImport(ctx.pool, workspaceId, importId);
  if (!job || job.phase !== phase || !['validating', 'running'].includes(job.status) || !job.preparedAt) return;
  const setup = await laneSetup(ctx, job);
  for (;;) {
    if (signal?.aborted) {
      await enqueueLane(ctx.pool, payload);
      return;
    }
    const client = await ctx.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const { rows } = await client.query<{ chunk_no: number; first_row: number; last_row: number }>(
        `select chunk_no, first_row, last_row from import_chunks
          where workspace_id = $1 and import_id = $2 and phase = $3 and done_at is null
          order by chunk_no limit 1 for update skip locked`,
        [workspaceId, importId, phase],
      );
      const chunk = rows[0];
      if (!chunk) {
        await client.query('rollback');
        break;
      }
      await processChunk(ctx, client, setup, phase, chunk);
      await client.query('commit');
    } catch (error) {
      if (isConnectionError(error)) broken = error as Error;
      else await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }
  await finishPhase(ctx, payload);
}

/** When every chunk of the phase is done: the dry run's report, or the run's totals. */
export async function finishPhase(ctx: AppContext, payload: ImportJobPayload): Promise<void> {
  const { workspaceId, importId, phase } = payload;
  const { rows } = await ctx.pool.query<{
    pending: number;
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
  }>(
    `select count(*) filter (where done_at is null)::int as pending, coalesce(sum(rows), 0)::int as rows,
            coalesce(sum(created), 0)::int as created, coalesce(sum(updated), 0)::int as updated,
            coalesce(sum(unchanged), 0)::int as unchanged, coalesce(sum(failed), 0)::int as failed
       from import_chunks where workspace_id = $1 and import_id = $2 and phase = $3`,
    [workspaceId, importId, phase],
  );
  const totals = rows[0]!;
  if (totals.pending > 0) return;
  const at = ctx.clock.now();
  if (phase === 'dry_run') {
    await ctx.pool.query(
      `update imports set status = 'validated', dry_run = $3, updated_at = $4
        where workspace_id = $1 and id = $2 and phase = 'dry_run' and status = 'validating'`,
      [
        workspaceId,
        importId,
        JSON.stringify({
          processed: totals.rows,
          created: totals.created,
          updated: totals.updated,
          unchanged: totals.unchanged,
          failed: totals.failed,
          finishedAt: at,
        }),
        at,
      ],
    );
    return;
  }
  const { rows: finished } = await ctx.pool.query(
    `update imports set status = 'done', processed = $3, created = $4, updated = $5, unchanged = $6, failed = $7,
            error = null, finished_at = $8, updated_at = $8
      where workspace_id = $1 and id = $2 and phase = 'run' and status = 'running'
     returning id, kind`,
    [workspaceId, importId, totals.rows, totals.created, totals.updated, totals.unchanged, totals.failed, at],
  );
  if (finished.length > 0) {
    // Imported people and deals change fit, personas and outcomes: score the workspace afresh.
    if (totals.created + totals.updated > 0 && ['contacts', 'companies'].includes(finished[0].kind)) {
      await enqueueRescore(ctx.db, workspaceId);
    }
    await recordAudit(ctx, {
      workspaceId,
      actor: undefined,
      action: 'import.completed',
      targetType: 'import',
      targetId: importId,
      details: {
        processed: totals.rows,
        created: totals.created,
        updated: totals.updated,
        unchanged: totals.unchanged,
        failed: totals.failed,
      },
    });
  }
}

/**
 * After the last attempt failed: the import stops as failed, and every row of a chunk not done is
 * listed as not imported (with the reason), so the report accounts for every row. Running it again
 * resumes with those chunks.
 */
export async function failImport(ctx: AppContext, payload: ImportJobPayload, message: string): Promise<void> {
  const { workspaceId, importId, phase } = payload;
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const job = await loadImport(client, workspaceId, importId, true);
    if (!job || job.phase !== phase || !['validating', 'queued', 'running'].includes(job.status)) {
      await client.query('rollback');
      return;
    }
    if (phase === 'run') {
      // Every row of a chunk not done, unless it already has an error (those hold position 0).
      const { rows: undone } = await client.query<{ first_row: number; last_row: number }>(
        `select first_row, last_row from import_chunks
          where workspace_id = $1 and import_id = $2 and phase = 'run' and done_at is null order by chunk_no`,
        [workspaceId, importId],
      );
      const ranges = job.preparedAt ? undone : [{ first_row: 0, last_row: 2 ** 31 - 1 }];
      for (const range of ranges) {
        await client.query(
          `insert into import_errors (workspace_id, import_id, phase, row_number, position, code, reason)
           select workspace_id, import_id, 'run', row_number, 0, 'not_imported', $5
             from import_rows
            where workspace_id = $1 and import_id = $2 and row_number between $3 and $4
           on conflict do nothing`,
          [
            workspaceId,
            importId,
            range.first_row,
            range.last_row,
            `not imported: the import stopped (${message.slice(0, 300)}); run it again to resume`,
          ],
        );
      }
    }
    await client.query(
      `update imports i set status = 'failed', error = $3, updated_at = now(),
              processed = t.rows, created = t.created, updated = t.updated, unchanged = t.unchanged,
              failed = $4 - t.created - t.updated - t.unchanged
         from (select coalesce(sum(rows) filter (where done_at is not null), 0)::int as rows,
                      coalesce(sum(created), 0)::int as created, coalesce(sum(updated), 0)::int as updated,
                      coalesce(sum(unchanged), 0)::int as unchanged
                 from import_chunks where workspace_id = $1 and import_id = $2 and phase = $5) t
        where i.workspace_id = $1 and i.id = $2`,
      [workspaceId, importId, message.slice(0, 1000), job.totalRows, phase],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Imports whose work stalled (a worker killed mid-run leaves its job locked for hours): prepared again, which restarts lanes. */
export async function rescueStalledImports(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.pool.query<{ workspace_id: string; id: string; phase: ImportPhase }>(
    `update imports set updated_at = now()
      where status in ('validating', 'queued', 'running') and phase is not null and updated_at < now() - interval '2 minutes'
     returning workspace_id, id, phase`,
  );
  for (const row of rows) {
    await enqueuePrepare(ctx.pool, { workspaceId: row.workspace_id, importId: row.id, phase: row.phase });
  }
  return rows.length;
}

/** Raw rows of finished imports (after 7 days) and abandoned ones (after 30) are deleted; the import and its report stay. */
export async function purgeImportRows(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.pool.query<{ workspace_id: string; id: string }>(
    `update imports set rows_purged_at = now()
      where rows_purged_at is null
        and ((status = 'done' and finished_at < now() - interval '7 days')
             or (status in ('uploaded', 'validated', 'failed') and updated_at < now() - interval '30 days'))
     returning workspace_id, id`,
  );
  for (const row of rows) {
    await ctx.pool.query('delete from import_rows where workspace_id = $1 and import_id = $2', [
      row.workspace_id,
      row.id,
    ]);
  }
  return rows.length;
}
