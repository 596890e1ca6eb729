import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { newId } from '../../core/ids';
import type { RescoreStatus } from './schema';
import {
  appliedCountsSql,
  applyDecisionsCtes,
  decisionCtes,
  lockScoring,
  runHalfLifeSeconds,
  type ScoreRun,
  type ScoreRunResult,
  scoreContacts,
} from './score-contacts';
import {
  activateHalfLife,
  defaultModel,
  type LoadedModel,
  loadModel,
  saveModel,
  setRescoreStatus,
} from './scoring-model';

/** Queues a full rescore of the workspace (one pending per workspace: a newer edit replaces it). */
export async function enqueueRescore(db: Executor, workspaceId: string): Promise<void> {
  await db.execute(sql`
    select graphile_worker.add_job('scoring.rescore', json_build_object('workspaceId', ${workspaceId}::text),
                                   job_key => ${`scoring.rescore:${workspaceId}`}, max_attempts => 3)`);
}

/** Queues scoring of contacts whose profile changed outside the pipeline (edits, imports, merges). */
export async function enqueueScoreContacts(db: Executor, workspaceId: string, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db.execute(sql`
    select graphile_worker.add_job('scoring.contacts',
      json_build_object('workspaceId', ${workspaceId}::text, 'contactIds', ${sql.param(contactIds)}::text[]), max_attempts => 5)`);
}

/**
 * Rescores every contact of a workspace with its current model, in the background, with progress
 * reported beside it (computing, then applying). Until the apply commits, reads see the previous
 * model's scores, grades and stages — except for contacts the pipeline or an edit scores meanwhile,
 * which get the new model at once.
 */
export async function rescoreWorkspace(ctx: AppContext, workspaceId: string): Promise<ScoreRunResult> {
  let model = await loadModel(ctx.db, workspaceId);
  if (model.version === 0) {
    // Still on the built-in model: save it, so the rescore's progress has somewhere to be shown.
    await ctx.db.transaction((tx) => saveModel(tx, workspaceId, defaultModel(workspaceId)));
    model = await loadModel(ctx.db, workspaceId);
  }
  const startedAt = ctx.clock.now();
  const { rows: countRows } = await ctx.db.execute<{ total: number }>(sql`
    select count(*)::int as total from contacts where workspace_id = ${workspaceId} and merged_into_id is null`);
  const total = countRows[0]!.total;
  const status = (state: RescoreStatus['state'], done: number, extra: Partial<RescoreStatus> = {}): RescoreStatus => ({
    state,
    done,
    total,
    startedAt: startedAt.toISOString(),
    finishedAt: state === 'running' ? null : ctx.clock.now().toISOString(),
    ...extra,
  });
  // Reported on another connection: visible while the rescore's transaction is still open.
  await setRescoreStatus(ctx.db, workspaceId, status('running', 0, { phase: 'computing' }));
  let result: ScoreRunResult;
  try {
    result = await scoreWorkspace(ctx, workspaceId, model, {
      at: startedAt,
      cause: 'rescore',
      causeId: String(model.version),
      halfLifeDays: model.halfLifeDays,
      onComputed: (changes) =>
        setRescoreStatus(ctx.db, workspaceId, status('running', 0, { phase: 'applying', changes })),
      // The saved half-life becomes the one every read uses, with the scores ranked by it.
      onApply: (tx) => activateHalfLife(tx, workspaceId, model.halfLifeDays),
    });
  } catch (error) {
    await setRescoreStatus(ctx.db, workspaceId, status('failed', 0, { error: (error as Error).message }));
    throw error;
  }
  await setRescoreStatus(ctx.db, workspaceId, status('idle', total));
  ctx.logger.info(
    { workspaceId, ...result, ms: ctx.clock.now().getTime() - startedAt.getTime() },
    'rescored workspace',
  );
  return result;
}

/** Contacts are computed in this many id ranges side by side (one per core of a small server). */
const COMPUTE_PARTS = 2;
/** Below this many contacts one range does: a second would only scan the activities twice. */
const PARTS_FROM_CONTACTS = 100_000;

/**
 * Scores every contact of a workspace, in two steps so the pipeline is held up for the short one
 * only:
 *
 * 1. Compute, without locks: read-only statements (CREATE TABLE AS, so PostgreSQL may also scan in
 *    parallel), one per contact-id range — side by side on connections of their own when the pool
 *    has room — decide every contact's new score, grade, persona and stage move, with the row
 *    versions they read, into unlogged tables. Meanwhile the pipeline goes on scoring the contacts
 *    it touches, already with the new rules.
 * 2. Apply, in one transaction under the workspace's exclusive scoring lock: one statement writes
 *    the decisions whose contact and score rows are still the versions read; the few contacts that
 *    changed in between are scored again, one set, from what they are now. `onApply` runs in that
 *    transaction too.
 */
export async function scoreWorkspace(
  ctx: AppContext,
  workspaceId: string,
  model: LoadedModel,
  run: Omit<ScoreRun, 'contactIds' | 'handRaisersSince'> & {
    onComputed?: (changes: number) => Promise<void>;
    onApply?: (tx: Executor) => Promise<void>;
  },
): Promise<ScoreRunResult> {
  const { onComputed, onApply, ...scoreRun } = run;
  // With a new half-life every contact is kept, so that any contact the pipeline scores with the
  // old one in the meantime shows up as changed and is scored again below.
  const halfLifeChanged = (run.halfLifeDays ?? model.activeHalfLifeDays) !== model.activeHalfLifeDays;
  // A barrier: scorers that loaded the previous model finish first. From here on every scorer
  // loads this one, so a contact it writes either shows up as changed below or is already right.
  await ctx.db.transaction((barrier) => lockScoring(barrier, workspaceId, 'exclusive'));

  const bounds = await rangeBounds(ctx, workspaceId);
  const tables = bounds.slice(1).map((_, index) => `score_decisions_${newId().replaceAll('-', '')}_${index}`);
  const decisions = sql.join(
    tables.map((table) => sql`select * from ${sql.identifier(table)}`),
    sql` union all `,
  );
  const compute = (index: number) =>
    ctx.db.transaction(async (part) => {
      // The compute sorts every scoring activity by contact, rule and period: in memory, not on
      // disk; and its expressions run once over millions of rows, too few times to repay JIT.
      await part.execute(sql`set local work_mem = '128MB'`);
      await part.execute(sql`set local jit = off`);
      const range = { from: bounds[index] ?? null, to: bounds[index + 1] ?? null };
      const table = sql.identifier(tables[index]!);
      await part.execute(sql`
        create unlogged table ${table} as
        with ${decisionCtes(workspaceId, model, { ...scoreRun, contactIds: range }, { lock: false })}
        select * from decided where changed or to_stage is not null or ${halfLifeChanged}::boolean`);
      // So the apply's joins are planned for the rows there are, not for an unknown table.
      await part.execute(sql`analyze ${table}`);
    });
  try {
    // Side by side only when the pool can spare a connection per range beyond the one applying.
    const poolSize = (ctx.pool as { options?: { max?: number } }).options?.max ?? 10;
    if (tables.length > 1 && poolSize >= tables.length + 2) {
      const settled = await Promise.allSettled(tables.map((_, index) => compute(index)));
      const failure = settled.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
    } else {
      for (let index = 0; index < tables.length; index += 1) await compute(index);
    }
    const { rows: staged } = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from (${decisions}) d`);
    await onComputed?.(staged[0]!.n);

    return await ctx.db.transaction(async (tx) => {
      await lockScoring(tx, workspaceId, 'exclusive');
      // Many decisions meet their contacts and score rows in hash joins, not a lookup per row (the
      // planner cannot tell how many row versions will still match).
      const many = staged[0]!.n > 10_000;
      if (many) await tx.execute(sql`set local enable_nestloop = off`);
      const { rows } = await tx.execute<Omit<ScoreRunResult, 'scored'> & { changed_since: string[] }>(sql`
        with decisions as (${decisions}),
        fresh as materialized (
          select d.* from decisions d
            join contacts c on c.workspace_id = ${workspaceId} and c.id = d.id
            join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
           where c.merged_into_id is null and c.xmin = d.c_xmin and s.xmin = d.s_xmin),
        ${applyDecisionsCtes(workspaceId, 'fresh', { ...scoreRun, halfLifeSeconds: runHalfLifeSeconds(model, scoreRun) })}
        select ${appliedCountsSql},
               array(select d.id from decisions d where not exists (select 1 from fresh f where f.id = d.id)) as changed_since`);
      if (many) await tx.execute(sql`set local enable_nestloop = on`);
      const applied = rows[0]!;
      const again = await scoreContacts(tx, workspaceId, model, {
        ...scoreRun,
        contactIds: applied.changed_since,
        at: ctx.clock.now(),
      });
      await onApply?.(tx);
      const { rows: scored } = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from contacts where workspace_id = ${workspaceId} and merged_into_id is null`);
      return {
        scored: scored[0]!.n,
        changed: applied.changed + again.changed,
        history: applied.history + again.history,
        transitions: applied.transitions + again.transitions,
      };
    });
  } finally {
    // Every statement that read them has ended (the parts settled, the apply committed or rolled back).
    await ctx.db
      .execute(
        sql`drop table if exists ${sql.join(
          tables.map((table) => sql.identifier(table)),
          sql`, `,
        )}`,
      )
      .catch((error) => ctx.logger.warn({ err: error }, 'dropping score decisions'));
  }
}

/** Contact-id bounds splitting the workspace into equal ranges: [null, …, null]. */
async function rangeBounds(ctx: AppContext, workspaceId: string): Promise<(string | null)[]> {
  const { rows: count } = await ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from contacts where workspace_id = ${workspaceId} and merged_into_id is null`);
  const total = count[0]!.n;
  if (total < PARTS_FROM_CONTACTS) return [null, null];
  const size = Math.ceil(total / COMPUTE_PARTS);
  const rows: { id: string }[] = [];
  for (let part = 1; part < COMPUTE_PARTS; part += 1) {
    // Walks the primary key: no sort of every id.
    const { rows: bound } = await ctx.db.execute<{ id: string }>(sql`
      select id from contacts where workspace_id = ${workspaceId} and merged_into_id is null
       order by id offset ${part * size} limit 1`);
    rows.push(...bound);
  }
  return [null, ...rows.map((row) => row.id), null];
}

/** Scores these contacts now, in their own transaction (after an edit or a merge made by hand). */
export async function scoreContactsNow(
  ctx: AppContext,
  workspaceId: string,
  contactIds: string[],
  cause: 'profile' | 'merge',
): Promise<ScoreRunResult> {
  return ctx.db.transaction(async (tx) => {
    await lockScoring(tx, workspaceId, 'shared');
    return scoreContacts(tx, workspaceId, await loadModel(tx, workspaceId), { contactIds, at: ctx.clock.now(), cause });
  });
}
