import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { lockScoring, type ScoreRunResult, scoreContacts } from './score-contacts';
import { activateHalfLife, defaultModel, loadModel, saveModel, setRescoreStatus } from './scoring-model';

const CHUNK_CONTACTS = 50_000;

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
 * Rescores every contact of a workspace with its current model, in set-based SQL over contact-id
 * ranges. All ranges run in one transaction, so until it commits every read sees the scores,
 * grades and stages of the previous model — never a mix; progress is reported beside it.
 */
export async function rescoreWorkspace(ctx: AppContext, workspaceId: string): Promise<ScoreRunResult> {
  let model = await loadModel(ctx.db, workspaceId);
  if (model.version === 0) {
    // Still on the built-in model: save it, so the rescore's progress has somewhere to be shown.
    await ctx.db.transaction((tx) => saveModel(tx, workspaceId, defaultModel(workspaceId)));
    model = await loadModel(ctx.db, workspaceId);
  }
  const startedAt = ctx.clock.now();
  const { rows: boundaryRows } = await ctx.db.execute<{ id: string }>(sql`
    select id from (select id, row_number() over (order by id) as n from contacts
                     where workspace_id = ${workspaceId} and merged_into_id is null) t
     where n % ${CHUNK_CONTACTS} = 0 order by id`);
  const { rows: countRows } = await ctx.db.execute<{ total: number }>(sql`
    select count(*)::int as total from contacts where workspace_id = ${workspaceId} and merged_into_id is null`);
  const total = countRows[0]!.total;
  const bounds = [null, ...boundaryRows.map((row) => row.id), null];
  const status = (state: 'running' | 'idle' | 'failed', done: number, error?: string) => ({
    state,
    done,
    total,
    startedAt: startedAt.toISOString(),
    finishedAt: state === 'running' ? null : ctx.clock.now().toISOString(),
    ...(error ? { error } : {}),
  });
  await setRescoreStatus(ctx.db, workspaceId, status('running', 0));
  const result: ScoreRunResult = { scored: 0, changed: 0, history: 0, transitions: 0 };
  try {
    await ctx.db.transaction(async (tx) => {
      await lockScoring(tx, workspaceId, 'exclusive');
      for (let index = 0; index + 1 < bounds.length; index += 1) {
        const chunk = await scoreContacts(tx, workspaceId, model, {
          contactIds: { from: bounds[index] ?? null, to: bounds[index + 1] ?? null },
          at: startedAt,
          cause: 'rescore',
          causeId: String(model.version),
          halfLifeDays: model.halfLifeDays,
        });
        result.scored += chunk.scored;
        result.changed += chunk.changed;
        result.history += chunk.history;
        result.transitions += chunk.transitions;
        // Reported on another connection: visible while this transaction is still open.
        await setRescoreStatus(ctx.db, workspaceId, status('running', Math.min(result.scored, total)));
      }
      await activateHalfLife(tx, workspaceId, model.halfLifeDays);
    });
  } catch (error) {
    await setRescoreStatus(ctx.db, workspaceId, status('failed', result.scored, (error as Error).message));
    throw error;
  }
  await setRescoreStatus(ctx.db, workspaceId, status('idle', total));
  ctx.logger.info(
    { workspaceId, ...result, ms: ctx.clock.now().getTime() - startedAt.getTime() },
    'rescored workspace',
  );
  return result;
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
