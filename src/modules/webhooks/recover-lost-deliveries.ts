import type { AppContext } from '../../core/context';
import { deliverJobName, enqueueDelivery } from './publish-event';

/**
 * A job claimed by a worker that was then killed stays locked in graphile-worker for four hours.
 * A live worker holds a delivery job for at most the request timeout plus a few queries, so a
 * pending delivery that is overdue, and whose job is missing or locked for far longer than that,
 * lost its job: queue it again (the job key replaces the dead one; the attempt number keeps a
 * late duplicate from sending twice).
 */
export async function recoverLostDeliveries(ctx: AppContext, options: { limit?: number } = {}): Promise<number> {
  const staleMs = staleLockMs(ctx);
  const { rows } = await ctx.pool.query<{ workspace_id: string; id: string; attempts: number }>(
    `select d.workspace_id, d.id, d.attempts
       from webhook_deliveries d
      where d.status = 'pending' and d.next_attempt_at < $1
        and not exists (
          select 1 from graphile_worker.jobs j
           where j.key = $2 || d.id::text and j.task_identifier = $3 and j.attempts < j.max_attempts
             and (j.locked_at is null or j.locked_at > now() - make_interval(secs => $4)))
      order by d.next_attempt_at
      limit $5`,
    [
      new Date(ctx.clock.now().getTime() - staleMs),
      `${deliverJobName}:`,
      deliverJobName,
      staleMs / 1000,
      options.limit ?? 1000,
    ],
  );
  for (const row of rows) {
    await enqueueDelivery(ctx.pool, { workspaceId: row.workspace_id, deliveryId: row.id, attempt: row.attempts + 1 });
  }
  if (rows.length > 0) ctx.logger.warn({ count: rows.length }, 'webhook deliveries re-queued after a lost job');
  return rows.length;
}

/** How long a delivery job may stay locked before its worker counts as dead. */
export function staleLockMs(ctx: AppContext): number {
  return 2 * ctx.config.webhookTimeoutMs + 20_000;
}

/** The worker role's loop: look for lost deliveries every 15 seconds (one indexed query). */
export function startRecoveryLoop(ctx: AppContext, intervalMs = 15_000): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= recoverLostDeliveries(ctx)
      .then(() => undefined)
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'webhook delivery recovery failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
