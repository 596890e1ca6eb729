import type { AppContext } from '../../core/context';
import { getSlaGoals } from './manage-routing';

export type SlaBoard = {
  open: {
    clockId: string;
    contactId: string;
    contactName: string;
    userId: string;
    userName: string;
    kind: string;
    startedAt: Date;
    dueAt: Date;
    breached: boolean;
  }[];
  breaches: {
    clockId: string;
    contactId: string;
    contactName: string;
    userName: string;
    dueAt: Date;
    status: string;
    firstTouchAt: Date | null;
  }[];
  /** Leads whose latest routing (or SLA reassignment) found no one, still without an owner. */
  fallback: { assignmentId: string; contactId: string; contactName: string; at: Date; reason: string }[];
  reps: {
    userId: string;
    name: string;
    assigned: number;
    touched: number;
    met: number;
    missed: number;
    open: number;
    medianResponseMs: number | null;
  }[];
  /** Baton's own delay (ready → assigned → notification delivered) apart from the reps'. */
  systemDelay: {
    count: number;
    assignP50Ms: number | null;
    assignP99Ms: number | null;
    notifyP50Ms: number | null;
    notifyP99Ms: number | null;
  };
  marketing: {
    monthlyMqlGoal: number;
    mqlsThisMonth: number;
    acceptanceGoalPercent: number;
    acceptedThisMonth: number;
    rejectedThisMonth: number;
  };
};

/** The manager board: open clocks, recent breaches, the fallback queue, per-rep response, both sides of the SLA. */
export async function slaBoard(ctx: AppContext, workspaceId: string, days = 30): Promise<SlaBoard> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - days * 86_400_000);
  const name = (alias: string) =>
    `coalesce(nullif(btrim(concat_ws(' ', ${alias}.first_name, ${alias}.last_name)), ''), ${alias}.email, 'Unnamed')`;
  const [open, breaches, fallback, reps, delay, marketing, goals] = await Promise.all([
    ctx.pool.query(
      `select k.id as "clockId", k.contact_id as "contactId", ${name('c')} as "contactName", k.user_id as "userId",
              u.name as "userName", k.kind, k.started_at as "startedAt", k.due_at as "dueAt", k.due_at < $2 as breached
         from sla_clocks k join contacts c on c.workspace_id = k.workspace_id and c.id = k.contact_id
         join users u on u.workspace_id = k.workspace_id and u.id = k.user_id
        where k.workspace_id = $1 and k.status = 'open' order by k.due_at limit 200`,
      [workspaceId, now],
    ),
    ctx.pool.query(
      `select k.id as "clockId", k.contact_id as "contactId", ${name('c')} as "contactName", u.name as "userName",
              k.due_at as "dueAt", k.status, k.first_touch_at as "firstTouchAt"
         from sla_clocks k join contacts c on c.workspace_id = k.workspace_id and c.id = k.contact_id
         join users u on u.workspace_id = k.workspace_id and u.id = k.user_id
        where k.workspace_id = $1 and k.breached_at is not null and k.started_at >= $2 order by k.due_at desc limit 50`,
      [workspaceId, since],
    ),
    ctx.pool.query(
      `select * from (
         select distinct on (a.contact_id) a.id as "assignmentId", a.contact_id as "contactId", ${name('c')} as "contactName",
                a.at, a.reason, a.user_id
           from assignments a join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
          where a.workspace_id = $1 and c.owner_id is null and c.merged_into_id is null
            and a.contact_id in (select contact_id from assignments where workspace_id = $1 and user_id is null)
          order by a.contact_id, a.at desc, a.id desc) latest
        where latest.user_id is null order by latest.at desc limit 100`,
      [workspaceId],
    ),
    ctx.pool.query(
      `select u.id as "userId", u.name, count(k.id)::int as assigned, count(k.first_touch_at)::int as touched,
              count(*) filter (where k.status = 'met')::int as met,
              count(*) filter (where k.status = 'missed' or (k.status in ('open', 'reassigned') and k.due_at < $3))::int as missed,
              count(*) filter (where k.status = 'open')::int as open,
              (percentile_cont(0.5) within group (order by k.response_ms))::float8 as "medianResponseMs"
         from users u join sla_clocks k on k.workspace_id = u.workspace_id and k.user_id = u.id and k.started_at >= $2
        where u.workspace_id = $1 group by u.id, u.name order by u.name`,
      [workspaceId, since, now],
    ),
    ctx.pool.query(
      `select count(*)::int as count,
              (percentile_cont(0.5) within group (order by extract(epoch from a.at - h.ready_at) * 1000))::float8 as "assignP50Ms",
              (percentile_cont(0.99) within group (order by extract(epoch from a.at - h.ready_at) * 1000))::float8 as "assignP99Ms",
              (percentile_cont(0.5) within group (order by extract(epoch from a.notified_at - a.at) * 1000))::float8 as "notifyP50Ms",
              (percentile_cont(0.99) within group (order by extract(epoch from a.notified_at - a.at) * 1000))::float8 as "notifyP99Ms"
         from assignments a join handoffs h on h.workspace_id = a.workspace_id and h.id = a.handoff_id
        where a.workspace_id = $1 and a.at >= $2`,
      [workspaceId, since],
    ),
    ctx.pool.query(
      `select count(*) filter (where to_stage = 'mql')::int as mqls,
              count(*) filter (where from_stage = 'mql' and to_stage = 'sal')::int as accepted,
              count(*) filter (where from_stage in ('mql', 'sal') and to_stage in ('recycled', 'disqualified') and actor_type <> 'rule')::int as rejected
         from stage_transitions where workspace_id = $1 and at >= date_trunc('month', $2::timestamptz at time zone 'UTC') at time zone 'UTC'`,
      [workspaceId, now],
    ),
    getSlaGoals(ctx, workspaceId),
  ]);
  const m = marketing.rows[0] as { mqls: number; accepted: number; rejected: number };
  return {
    open: open.rows,
    breaches: breaches.rows,
    fallback: fallback.rows,
    reps: reps.rows,
    systemDelay: delay.rows[0],
    marketing: {
      monthlyMqlGoal: goals.monthlyMqls,
      mqlsThisMonth: m.mqls,
      acceptanceGoalPercent: goals.acceptanceRatePercent,
      acceptedThisMonth: m.accepted,
      rejectedThisMonth: m.rejected,
    },
  };
}

/** A lead's assignment history, newest first: who, when, by which rule, who was skipped. */
export async function assignmentHistory(ctx: AppContext, workspaceId: string, contactId: string) {
  const { rows } = await ctx.pool.query(
    `select a.id, a.kind, a.user_id as "userId", u.name as "userName", a.previous_user_id as "previousUserId",
            a.rule, a.reason, a.skipped, a.at, a.notified_at as "notifiedAt",
            k.due_at as "slaDueAt", k.status as "slaStatus", k.first_touch_at as "firstTouchAt", k.response_ms as "responseMs"
       from assignments a
       left join users u on u.workspace_id = a.workspace_id and u.id = a.user_id
       left join sla_clocks k on k.workspace_id = a.workspace_id and k.assignment_id = a.id
      where a.workspace_id = $1 and a.contact_id = $2 order by a.at desc, a.id desc limit 50`,
    [workspaceId, contactId],
  );
  return rows;
}
