import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';

export type LiveEvent = {
  messageId: string;
  type: string;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  receivedAt: Date;
  status: 'queued' | 'processed' | 'failed';
  error: string | null;
};

export type LiveRejection = {
  at: Date;
  reason: string;
  field: string | null;
  messageId: string | null;
  excerpt: string | null;
};

export type IngestCounts = { accepted: number; duplicates: number; rejected: number; bots: number };

/** What arrived lately, what was refused and why, and how far the pipeline is behind. */
export async function liveIngest(ctx: AppContext, input: { workspaceId: string; since: Date; limit: number }) {
  const { workspaceId, since, limit } = input;
  const [events, rejections, today, pipeline] = await Promise.all([
    ctx.db.execute<{
      message_id: string;
      type: string;
      name: string | null;
      anonymous_id: string | null;
      user_id: string | null;
      received_at: Date;
      queued: boolean;
      error: string | null;
    }>(sql`
      select e.message_id, e.type, coalesce(e.event, e.name, e.properties->>'title', e.properties->>'path') as name, e.anonymous_id, e.user_id, e.received_at,
             q.message_id is not null as queued, f.error
        from events e
        left join (select distinct message_id from event_queue where workspace_id = ${workspaceId}) q on q.message_id = e.message_id
        left join pipeline_failures f on f.workspace_id = e.workspace_id and f.message_id = e.message_id and f.retried_at is null
       where e.workspace_id = ${workspaceId} and e.received_at >= ${since}
       order by e.received_at desc limit ${limit}`),
    ctx.db.execute<{
      at: Date;
      reason: string;
      field: string | null;
      message_id: string | null;
      excerpt: string | null;
    }>(sql`
      select at, reason, field, message_id, excerpt from ingest_rejections
       where workspace_id = ${workspaceId} and at >= ${since} order by at desc limit ${limit}`),
    ctx.db.execute<IngestCounts>(sql`
      select coalesce(sum(accepted), 0)::int as accepted, coalesce(sum(duplicates), 0)::int as duplicates,
             coalesce(sum(rejected), 0)::int as rejected, coalesce(sum(bots), 0)::int as bots
        from ingest_daily_stats where workspace_id = ${workspaceId} and day = (now() at time zone 'utc')::date`),
    ctx.db.execute<{ queued: number; failures: number; oldest: Date | null }>(sql`
      select (select count(*)::int from event_queue where workspace_id = ${workspaceId}) as queued,
             (select min(received_at) from event_queue where workspace_id = ${workspaceId}) as oldest,
             (select count(*)::int from pipeline_failures where workspace_id = ${workspaceId} and retried_at is null) as failures`),
  ]);
  return {
    events: events.rows.map(
      (row): LiveEvent => ({
        messageId: row.message_id,
        type: row.type,
        name: row.name,
        anonymousId: row.anonymous_id,
        userId: row.user_id,
        receivedAt: new Date(row.received_at),
        status: row.error ? 'failed' : row.queued ? 'queued' : 'processed',
        error: row.error,
      }),
    ),
    rejections: rejections.rows.map(
      (row): LiveRejection => ({
        at: new Date(row.at),
        reason: row.reason,
        field: row.field,
        messageId: row.message_id,
        excerpt: row.excerpt,
      }),
    ),
    today: today.rows[0] ?? { accepted: 0, duplicates: 0, rejected: 0, bots: 0 },
    pipeline: {
      queued: pipeline.rows[0]?.queued ?? 0,
      failures: pipeline.rows[0]?.failures ?? 0,
      oldestQueuedAt: pipeline.rows[0]?.oldest ? new Date(pipeline.rows[0].oldest) : null,
    },
  };
}

/** Daily counters for the last `days` days, oldest first, with empty days filled in. */
export async function ingestHistory(ctx: AppContext, input: { workspaceId: string; days: number }) {
  const { rows } = await ctx.db.execute<IngestCounts & { day: string }>(sql`
    select d::date::text as day, coalesce(sum(s.accepted), 0)::int as accepted,
           coalesce(sum(s.duplicates), 0)::int as duplicates, coalesce(sum(s.rejected), 0)::int as rejected,
           coalesce(sum(s.bots), 0)::int as bots
      from generate_series((now() at time zone 'utc')::date - (${input.days} - 1), (now() at time zone 'utc')::date, interval '1 day') d
      left join ingest_daily_stats s on s.workspace_id = ${input.workspaceId} and s.day = d::date
     group by d order by d`);
  return rows;
}

/** Puts failed events back on the pipeline queue (all, or the ones named). Returns how many. */
export async function retryFailedEvents(
  ctx: AppContext,
  input: { workspaceId: string; messageIds?: string[] },
): Promise<number> {
  const { rows } = await ctx.db.execute<{ message_id: string }>(sql`
    with retried as (
      update pipeline_failures f set retried_at = now()
       where f.workspace_id = ${input.workspaceId} and f.retried_at is null
         ${input.messageIds ? sql`and f.message_id = any(${sql.param(input.messageIds)}::text[])` : sql``}
      returning f.workspace_id, f.message_id
    ), queued as (
      insert into event_queue (workspace_id, message_id, partition, received_at)
      select e.workspace_id, e.message_id, baton_event_partition(coalesce(e.anonymous_id, e.user_id, e.message_id)), e.received_at
        from retried r join events e on e.workspace_id = r.workspace_id and e.message_id = r.message_id
      returning message_id
    )
    select message_id, pg_notify('baton_events', '') from queued`);
  return rows.length;
}

/** Refused messages are kept for a week: enough to debug an integration, not an archive. */
export async function purgeOldRejections(ctx: AppContext): Promise<number> {
  const result = await ctx.db.execute(sql`delete from ingest_rejections where at < now() - interval '7 days'`);
  return result.rowCount ?? 0;
}
