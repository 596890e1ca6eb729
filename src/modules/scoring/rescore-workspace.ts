import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
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
 * Rescores every contact of a workspace with its current model, in the background. Until the
 * rescore commits, every read sees the scores, grades and stages of the previous model — never a
 * mix; progress is reported beside it (computing, then applying).
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
    result = await ctx.db.transaction(async (tx) => {
      const scored = await scoreWorkspace(ctx, tx, workspaceId, model, {
        at: startedAt,
        cause: 'rescore',
        causeId: String(model.version),
        halfLifeDays: model.halfLifeDays,
        onComputed: (changes) =>
          setRescoreStatus(ctx.db, workspaceId, status('running', 0, { phase: 'applying', changes })),
      });
      await activateHalfLife(tx, workspaceId, model.halfLifeDays);
      return scored;
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

/**
 * Scores every contact of a workspace in the caller's transaction, in two steps so the pipeline
 * is held up for the short one only:
 *
 * 1. Compute, without locks: one read-only statement (so PostgreSQL may run it in parallel)
 *    decides every contact's new score, grade, persona and stage move into a temporary table,
 *    with the row versions it read. Meanwhile the pipeline goes on scoring the contacts it
 *    touches, already with the new rules.
 * 2. Apply, under the workspace's exclusive scoring lock: the decisions whose contact and score
 *    rows are still the versions read are written in one statement; the few contacts that changed
 *    in between are scored again, one set, from what they are now.
 */
export async function scoreWorkspace(
  ctx: AppContext,
  tx: Executor,
  workspaceId: string,
  model: LoadedModel,
  run: Omit<ScoreRun, 'contactIds' | 'handRaisersSince'> & { onComputed?: (changes: number) => Promise<void> },
): Promise<ScoreRunResult> {
  const { onComputed, ...scoreRun } = run;
  const halfLifeChanged = (run.halfLifeDays ?? model.activeHalfLifeDays) !== model.activeHalfLifeDays;
  // The compute sorts every scoring activity by contact, rule and period: in memory, not on disk.
  await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(sql`drop table if exists rescore_decisions`);
  // With a new half-life every contact is kept, so that any contact the pipeline scores with the
  // old one in the meantime shows up as changed and is scored again below.
  await tx.execute(sql`
    create temp table rescore_decisions on commit drop as
    with ${decisionCtes(workspaceId, model, { ...scoreRun, contactIds: 'all' }, { lock: false })}
    select * from decided where changed or to_stage is not null or ${halfLifeChanged}::boolean`);
  const { rows: staged } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from rescore_decisions`);
  await onComputed?.(staged[0]!.n);

  await lockScoring(tx, workspaceId, 'exclusive');
  const { rows: changedSince } = await tx.execute<{ id: string }>(sql`
    delete from rescore_decisions d
     where not exists (select 1 from contacts c join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
                        where c.workspace_id = ${workspaceId} and c.id = d.id and c.merged_into_id is null
                          and c.xmin = d.c_xmin and s.xmin = d.s_xmin)
    returning d.id`);
  const { rows } = await tx.execute<Omit<ScoreRunResult, 'scored'>>(sql`
    with ${applyDecisionsCtes(workspaceId, 'rescore_decisions', { ...scoreRun, halfLifeSeconds: runHalfLifeSeconds(model, scoreRun) })}
    select ${appliedCountsSql}`);
  const again = await scoreContacts(tx, workspaceId, model, {
    ...scoreRun,
    contactIds: changedSince.map((row) => row.id),
    at: ctx.clock.now(),
  });
  const { rows: scored } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from contacts where workspace_id = ${workspaceId} and merged_into_id is null`);
  const applied = rows[0]!;
  return {
    scored: scored[0]!.n,
    changed: applied.changed + again.changed,
    history: applied.history + again.history,
    transitions: applied.transitions + again.transitions,
  };
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
