import type pg from 'pg';
import { copyLines, copyValue } from '../../core/db/copy-rows';
import { newId } from '../../core/ids';
import type { Logger } from '../../core/logger';
import { counter, histogram } from '../../core/metrics';
import type { NormalizedEvent } from './normalize-message';
import { cleanString } from './sanitize-json';

export type EventToWrite = NormalizedEvent & { workspaceId: string; writeKeyId: string | null };
export type RejectionToWrite = {
  workspaceId: string;
  reason: string;
  field?: string;
  messageId?: string;
  excerpt?: string;
  ip?: string;
  bot?: boolean;
};
/** Per request: how many of its events were stored now, and how many were stored before (retries). */
export type WriteOutcome = { accepted: number; duplicates: number };

/** Connections that already have their staging table (it lives as long as the connection). */
const stagingReady = new WeakSet<pg.PoolClient>();

type Waiter = {
  events: EventToWrite[];
  rejections: RejectionToWrite[];
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
};

const flushSize = histogram(
  'baton_ingest_flush_events',
  'Events per group commit',
  [],
  [1, 10, 50, 100, 500, 1000, 2000, 5000],
);
const flushSeconds = histogram(
  'baton_ingest_flush_seconds',
  'Group commit duration',
  [],
  [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
);
const storedEvents = counter('baton_ingest_events_stored_total', 'Events newly stored');
const duplicateEvents = counter(
  'baton_ingest_events_duplicate_total',
  'Events already stored (retries), acknowledged again',
);

// The careful path (see insertEvents): COPY into a per-connection staging table, then store what is
// new (dedupe on messageId). The staging table empties itself at commit.
const CREATE_STAGING = `
create temporary table if not exists event_staging (
  workspace_id uuid, message_id text, type text, anonymous_id text, user_id text, event text, name text,
  group_id text, previous_id text, properties text, traits text, context text, extra text,
  "timestamp" timestamptz, original_timestamp timestamptz, sent_at timestamptz, received_at timestamptz,
  write_key_id uuid
) on commit delete rows`;

const EVENT_COLUMNS = [
  'workspace_id',
  'message_id',
  'type',
  'anonymous_id',
  'user_id',
  'event',
  'name',
  'group_id',
  'previous_id',
  'properties',
  'traits',
  'context',
  'extra',
  '"timestamp"',
  'original_timestamp',
  'sent_at',
  'received_at',
  'write_key_id',
] as const;

const STAGING_COLUMNS = EVENT_COLUMNS;

// Careful path: what is new goes on; the events_stored trigger queues and counts it.
const INSERT_EVENTS = `
insert into events (workspace_id, message_id, type, anonymous_id, user_id, event, name, group_id, previous_id,
                    properties, traits, context, extra, "timestamp", original_timestamp, sent_at, received_at, write_key_id)
select workspace_id, message_id, type, anonymous_id, user_id, event, name, group_id, previous_id,
       properties::jsonb, traits::jsonb, context::jsonb, extra::jsonb, "timestamp", original_timestamp, sent_at,
       received_at, write_key_id
  from event_staging
on conflict (workspace_id, message_id) do nothing
returning workspace_id, message_id`;

const INSERT_REJECTIONS = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as r(
    workspace_id uuid, id uuid, at timestamptz, reason text, field text, message_id text, excerpt text, ip text, bot boolean)
), stored as (
  insert into ingest_rejections (workspace_id, id, at, reason, field, message_id, excerpt, ip)
  select workspace_id, id, at, reason, field, message_id, excerpt, ip from input where not bot
  returning 1
)
insert into ingest_daily_stats (workspace_id, day, shard, rejected, bots)
select workspace_id, (now() at time zone 'utc')::date, $2, count(*) filter (where not bot), count(*) filter (where bot)
  from input group by workspace_id
on conflict (workspace_id, day, shard) do update
  set rejected = ingest_daily_stats.rejected + excluded.rejected, bots = ingest_daily_stats.bots + excluded.bots`;

/** One event as a line of COPY text, written directly (ingest is hot: no intermediate arrays). */
function eventLine(event: EventToWrite): string {
  return `${event.workspaceId}\t${copyValue(event.messageId)}\t${event.type}\t${copyValue(event.anonymousId)}\t${copyValue(
    event.userId,
  )}\t${copyValue(event.event)}\t${copyValue(event.name)}\t${copyValue(event.groupId)}\t${copyValue(event.previousId)}\t${copyValue(
    event.properties,
  )}\t${copyValue(event.traits)}\t${copyValue(event.context)}\t${copyValue(event.extra)}\t${event.timestamp.toISOString()}\t${copyValue(
    event.originalTimestamp,
  )}\t${copyValue(event.sentAt)}\t${event.receivedAt.toISOString()}\t${copyValue(event.writeKeyId)}\n`;
}

/** Counter rows per workspace and day; a random one per commit keeps concurrent commits apart. */
const STATS_SHARDS = 32;
const statsShard = () => Math.floor(Math.random() * STATS_SHARDS);

/** Counts the retries in a flush (stored ones are counted by the events_stored trigger). */
async function countDuplicates(client: pg.PoolClient, events: EventToWrite[], stored: Set<string>): Promise<void> {
  const duplicates = new Map<string, number>();
  for (const event of events) {
    if (stored.has(`${event.workspaceId}/${event.messageId}`)) continue;
    duplicates.set(event.workspaceId, (duplicates.get(event.workspaceId) ?? 0) + 1);
  }
  if (duplicates.size === 0) return;
  await client.query(
    `insert into ingest_daily_stats (workspace_id, day, shard, duplicates)
     select workspace_id, (now() at time zone 'utc')::date, $3, duplicates
       from unnest($1::uuid[], $2::bigint[]) as s(workspace_id, duplicates)
     on conflict (workspace_id, day, shard) do update set duplicates = ingest_daily_stats.duplicates + excluded.duplicates`,
    [[...duplicates.keys()], [...duplicates.values()], statsShard()],
  );
}

/**
 * Group commit for ingest. Requests hand over their events and wait; within a few milliseconds
 * (or as soon as `maxBatch` events are waiting) one statement stores them all and commits once.
 * A request is acknowledged only after that commit: durability without a commit per event.
 */
export class EventWriter {
  private waiting: Waiter[] = [];
  private waitingEvents = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private closed = false;
  private readonly drained: (() => void)[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly options: { windowMs: number; maxBatch: number; maxInFlight: number } = {
      windowMs: 2,
      maxBatch: 2000,
      maxInFlight: 8,
    },
  ) {}

  write(events: EventToWrite[], rejections: RejectionToWrite[] = []): Promise<WriteOutcome> {
    if (this.closed) return Promise.reject(new Error('ingest is shutting down'));
    if (events.length === 0 && rejections.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0 });
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, rejections, resolve, reject });
      this.waitingEvents += events.length + rejections.length;
      if (this.waitingEvents >= this.options.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.options.windowMs);
    });
  }

  /** Stops accepting writes and resolves once everything handed over is committed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.waiting.length > 0) this.flushSoon(0);
    if (this.waiting.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private flushSoon(delayMs: number) {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  private flush() {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch: Waiter[] = [];
      let size = 0;
      while (
        this.waiting.length > 0 &&
        (size === 0 || size + this.waiting[0]!.events.length <= this.options.maxBatch)
      ) {
        const next = this.waiting.shift()!;
        batch.push(next);
        size += next.events.length + next.rejections.length;
      }
      this.waitingEvents -= size;
      this.inFlight += 1;
      this.commit(batch).finally(() => {
        this.inFlight -= 1;
        if (this.waiting.length > 0) this.flushSoon(0);
        else if (this.inFlight === 0) for (const done of this.drained.splice(0)) done();
      });
    }
  }

  /** COPY into staging, insert what is new, commit: one transaction on one connection. */
  /**
   * Stores the events that are new and returns their keys (`workspace/messageId`). Fast path: one
   * COPY straight into `events`, its own transaction (the events_stored trigger queues, counts and
   * announces them in it). If any event was stored before (a retry), that COPY fails on the unique
   * key and the flush is redone the careful way: through the staging table with ON CONFLICT DO NOTHING.
   */
  private async insertEvents(all: EventToWrite[]): Promise<Set<string>> {
    // The same message twice in one flush (a client retrying while its first try waits) is stored once.
    const byKey = new Map<string, EventToWrite>();
    for (const event of all) {
      const key = `${event.workspaceId}/${event.messageId}`;
      if (!byKey.has(key)) byKey.set(key, event);
    }
    const client = await this.pool.connect();
    try {
      try {
        await copyLines(client, 'events', EVENT_COLUMNS, [...byKey.values()].map(eventLine));
        return new Set(byKey.keys());
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
        return await this.insertThroughStaging(client, [...byKey.values()]);
      }
    } finally {
      client.release();
    }
  }

  private async insertThroughStaging(client: pg.PoolClient, events: EventToWrite[]): Promise<Set<string>> {
    await client.query('begin');
    try {
      if (!stagingReady.has(client)) {
        await client.query(CREATE_STAGING);
        stagingReady.add(client);
      }
      await copyLines(client, 'event_staging', STAGING_COLUMNS, events.map(eventLine));
      const result = await client.query<{ message_id: string; workspace_id: string }>(INSERT_EVENTS);
      const stored = new Set(result.rows.map((row) => `${row.workspace_id}/${row.message_id}`));
      await countDuplicates(client, events, stored);
      await client.query('commit');
      return stored;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  }

  private async commit(batch: Waiter[]): Promise<void> {
    const started = performance.now();
    const events = batch.flatMap((waiter) => waiter.events);
    const rejections = batch.flatMap((waiter) => waiter.rejections);
    try {
      const stored = new Set<string>();
      if (events.length > 0) {
        for (const key of await this.insertEvents(events)) stored.add(key);
        storedEvents.inc(stored.size);
        duplicateEvents.inc(events.length - stored.size);
      }
      if (rejections.length > 0) {
        const at = new Date();
        await this.pool.query(INSERT_REJECTIONS, [
          JSON.stringify(
            rejections.map((rejection) => ({
              workspace_id: rejection.workspaceId,
              id: newId(),
              at,
              // Refused input is untrusted text: make it storable (no NUL, no lone surrogates).
              reason: cleanString(rejection.reason.slice(0, 500)),
              field: rejection.field === undefined ? null : cleanString(rejection.field.slice(0, 200)),
              message_id: rejection.messageId === undefined ? null : cleanString(rejection.messageId.slice(0, 200)),
              excerpt: rejection.excerpt === undefined ? null : cleanString(rejection.excerpt.slice(0, 1000)),
              ip: rejection.ip ?? null,
              bot: rejection.bot ?? false,
            })),
          ),
          statsShard(),
        ]);
      }
      flushSize.observe(events.length);
      flushSeconds.observe((performance.now() - started) / 1000);
      // Each stored event is credited to the first request that carried it; later copies are duplicates.
      for (const waiter of batch) {
        let accepted = 0;
        for (const event of waiter.events) {
          const key = `${event.workspaceId}/${event.messageId}`;
          if (stored.delete(key)) accepted += 1;
        }
        waiter.resolve({ accepted, duplicates: waiter.events.length - accepted });
      }
    } catch (error) {
      const dataError = /^2[23]/.test((error as { code?: string }).code ?? '');
      if (dataError && batch.length > 1) {
        // One request's data must not fail the others it was grouped with: commit them one by one.
        for (const waiter of batch) await this.commit([waiter]);
        return;
      }
      this.logger.error({ err: error, events: events.length }, 'ingest commit failed');
      for (const waiter of batch) waiter.reject(error);
    }
  }
}
