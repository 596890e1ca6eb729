import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { counter, histogram } from '../../core/metrics';
import { PARTITIONS } from '../ingest';
import { applyEvents, dequeueEvents, loadQueuedEvents, type QueuedEvent } from './process-batch';

const PARTITION_LOCK = 7_311_100;

const lagSeconds = histogram(
  'baton_pipeline_event_lag_seconds',
  'From ingest to the activity on the timeline',
  [],
  [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
);
const processed = counter('baton_pipeline_events_total', 'Events applied by the pipeline');
const failed = counter('baton_pipeline_failures_total', 'Events the pipeline could not apply');

export type PipelineOptions = { batchSize: number; partitionsPerClaim: number; idlePollMs: number };

export type Pipeline = {
  stop(): Promise<void> /** Processes until the queue is empty (tests, tools). */;
  drain(): Promise<void>;
};

/**
 * Turns queued events into contacts, activities and touches. Woken by NOTIFY from ingest (a slow
 * poll only backs it up). Each transaction claims a set of partitions with advisory locks, so any
 * number of workers share the queue while one visitor's events are applied in order, and deletes
 * the events from the queue in the same transaction that applies them: effects exactly once.
 */
export function startPipeline(ctx: AppContext, options: Partial<PipelineOptions> = {}): Pipeline {
  const { batchSize, partitionsPerClaim, idlePollMs } = {
    batchSize: 1000,
    partitionsPerClaim: PARTITIONS / 2,
    idlePollMs: 1000,
    ...options,
  };
  let running = true;
  let wake: (() => void) | undefined;
  let listener: pg.PoolClient | undefined;
  let offset = Math.floor(Math.random() * PARTITIONS);

  const listen = async () => {
    listener = await ctx.pool.connect();
    listener.on('notification', () => wake?.());
    await listener.query('listen baton_events');
  };

  /**
   * One transaction: claim partitions, apply their oldest events, dequeue them. If the batch fails,
   * its events are applied one by one (each in a savepoint, still under the partition locks); an
   * event that fails on its own is recorded in pipeline_failures and set aside, so one bad event
   * never stops the rest. Returns how many events were taken off the queue.
   */
  const processOnce = async (): Promise<number> => {
    offset = (offset + 1) % PARTITIONS;
    const order = Array.from({ length: PARTITIONS }, (_, i) => (offset + i) % PARTITIONS);
    return ctx.db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ p: number }>(sql`
        select p from unnest(${sql.param(order)}::int[]) as p
         where pg_try_advisory_xact_lock(${PARTITION_LOCK}, p) limit ${partitionsPerClaim}`);
      if (rows.length === 0) return 0;
      const events = await loadQueuedEvents(
        tx,
        rows.map((row) => row.p),
        batchSize,
      );
      if (events.length === 0) return 0;
      try {
        await tx.transaction(async (savepoint) => {
          for (const [workspaceId, group] of groupByWorkspace(events))
            await applyEvents(ctx, savepoint, workspaceId, group);
        });
        processed.inc(events.length);
      } catch (error) {
        ctx.logger.warn({ err: error, events: events.length }, 'pipeline batch failed; applying its events one by one');
        for (const event of events) {
          try {
            await tx.transaction((savepoint) => applyEvents(ctx, savepoint, event.workspaceId, [event]));
            processed.inc();
          } catch (eventError) {
            failed.inc();
            ctx.logger.error({ err: eventError, messageId: event.messageId }, 'pipeline could not apply an event');
            await tx.execute(sql`
              insert into pipeline_failures (workspace_id, message_id, failed_at, error)
              values (${event.workspaceId}, ${event.messageId}, now(), ${String((eventError as Error).message ?? eventError).slice(0, 2000)})
              on conflict (workspace_id, message_id) do update
                set failed_at = excluded.failed_at, error = excluded.error, retried_at = null`);
          }
        }
      }
      await dequeueEvents(tx, events);
      const now = Date.now();
      for (const event of events) lagSeconds.observe((now - event.receivedAt.getTime()) / 1000);
      return events.length;
    });
  };

  const loop = (async () => {
    await listen();
    while (running) {
      let worked = 0;
      try {
        worked = await processOnce();
      } catch (error) {
        ctx.logger.error({ err: error }, 'pipeline step failed');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (worked === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idlePollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
      if (listener) {
        await listener.query('unlisten baton_events').catch(() => undefined);
        listener.release();
      }
    },
    async drain() {
      for (;;) {
        const worked = await processOnce();
        if (worked > 0) continue;
        const { rows } = await ctx.pool.query<{ waiting: boolean }>(
          'select exists (select 1 from event_queue) as waiting',
        );
        if (!rows[0]?.waiting) return;
        await new Promise((resolve) => setTimeout(resolve, 10)); // another worker holds those partitions
      }
    },
  };
}

function groupByWorkspace(events: QueuedEvent[]): Map<string, QueuedEvent[]> {
  const groups = new Map<string, QueuedEvent[]>();
  for (const event of events) {
    const group = groups.get(event.workspaceId);
    if (group) group.push(event);
    else groups.set(event.workspaceId, [event]);
  }
  return groups;
}
