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

export type PipelineOptions = {
  batchSize: number;
  /** Partitions one batch claims (default: half of them with one loop, else each loop's share). */
  partitionsPerClaim: number;
  idlePollMs: number;
  /** Batches applied side by side in this process, all woken by one LISTEN connection. */
  loops: number;
};

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
  const { batchSize, idlePollMs, loops } = { batchSize: 1000, idlePollMs: 1000, loops: 1, ...options };
  const partitionsPerClaim =
    options.partitionsPerClaim ?? (loops === 1 ? PARTITIONS / 2 : Math.max(1, Math.floor(PARTITIONS / loops)));
  let running = true;
  // The loops waiting for events: one NOTIFY wakes them all.
  const waiting = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...waiting]) wake();
  };
  let listener: pg.PoolClient | undefined;

  const listen = async () => {
    listener = await ctx.pool.connect();
    listener.on('notification', wakeAll);
    await listener.query('listen baton_events');
  };

  /**
   * One transaction: claim partitions, apply their oldest events, dequeue them. If the batch fails,
   * its events are applied one by one (each in a savepoint, still under the partition locks); an
   * event that fails on its own is recorded in pipeline_failures and set aside, so one bad event
   * never stops the rest. Returns how many events were taken off the queue.
   */
  const stepper = () => {
    let offset = Math.floor(Math.random() * PARTITIONS);
    return () => {
      offset = (offset + 1) % PARTITIONS;
      return processOnce(offset);
    };
  };
  const processOnce = async (offset: number): Promise<number> => {
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

  const loop = async (step: () => Promise<number>) => {
    while (running) {
      let worked = 0;
      try {
        worked = await step();
      } catch (error) {
        ctx.logger.error({ err: error }, 'pipeline step failed');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      if (worked === 0 && running) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiting.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, idlePollMs);
          waiting.add(wake);
        });
      }
    }
  };
  const started = (async () => {
    await listen();
    await Promise.all(Array.from({ length: loops }, () => loop(stepper())));
  })();

  return {
    async stop() {
      running = false;
      wakeAll();
      await started;
      if (listener) {
        await listener.query('unlisten baton_events').catch(() => undefined);
        listener.release();
      }
    },
    async drain() {
      const step = stepper();
      for (;;) {
        const worked = await step();
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
