import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { renderSql, type SqlClient } from '../../core/db/sql-client';
import { AppError } from '../../core/errors';
import type { Principal } from '../auth';
import { currentScoreSql } from '../contacts/score-sql';
import { isWarm, type SlaUrgency, slaUrgency, WARM_WINDOW_MS, whyHere } from './queue-order';

/** Whose queue: the viewer's own, one rep's, a team's, or the leads nobody owns yet. */
export type QueueScope =
  | { kind: 'mine' }
  | { kind: 'user'; userId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'unassigned' };

export type QueueItem = {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: string | null;
  persona: string | null;
  grade: string | null;
  score: number;
  stage: string;
  workingStatus: string | null;
  ownerId: string | null;
  ownerName: string | null;
  handRaiser: boolean;
  reason: string;
  sla: { clockId: string; kind: string; startedAt: Date; dueAt: Date; urgency: SlaUrgency } | null;
  lastActivityAt: Date | null;
  warm: boolean;
  lastTouch: { type: string; outcome: string | null; at: Date } | null;
  snoozedUntil: Date | null;
};

export type Queue = {
  /** The server's clock, so countdowns agree with the deadlines whatever the viewer's clock says. */
  now: Date;
  items: QueueItem[];
  total: number;
  overdue: number;
  warm: number;
  snoozed: number;
  /** Working leads with nothing to act on lately: they rest in the lead list, not the queue. */
  resting: number;
};

/** A lead with no activity, hand-off or open task this long rests in the lead list instead of the queue. */
export const QUEUE_WINDOW_DAYS = 30;
/**
 * Of the leads in the queue for their activity alone, the most recently active this many: a queue
 * is for calling, and ordering a rep's 20,000 active leads on every view would cost seconds.
 */
export const QUEUE_ACTIVE_LIMIT = 500;

/**
 * A queue in priority order: SLA urgency first (open clocks by deadline), then hand-raisers, grade,
 * score, and the most recent activity. It holds the owner's leads in the stages a rep works them in
 * (MQL and SAL; later stages live on deals) that have something to act on: activity or a hand-off
 * within QUEUE_WINDOW_DAYS (the QUEUE_ACTIVE_LIMIT most recently active of those there for their
 * activity alone), a running SLA clock, or an open task. The rest rest in the lead list (counted as
 * `resting`): a rep with 30,000 accepted leads gets the few hundred worth calling, and the query
 * reads index ranges of those, not every lead the rep owns. Snoozed leads leave the queue
 * until their time (listed on their own with `snoozed`).
 */
export async function listQueue(
  ctx: AppContext,
  db: SqlClient,
  principal: Principal,
  options: { scope: QueueScope; snoozed: boolean; limit: number; offset: number },
): Promise<Queue> {
  const { workspaceId } = principal;
  const viewer = principal.kind === 'user' ? principal.userId : null;
  const now = ctx.clock.now();
  const { scope } = options;
  if (scope.kind === 'mine' && !viewer)
    throw new AppError('bad_request', 'An API key has no queue of its own: give userId or teamId');
  // Whose leads, as a condition on any column holding a user id.
  const ownerIds: SQL | null =
    scope.kind === 'mine'
      ? sql`array[${viewer}]::uuid[]`
      : scope.kind === 'user'
        ? sql`array[${scope.userId}]::uuid[]`
        : scope.kind === 'team'
          ? sql`array(select user_id from team_members where workspace_id = ${workspaceId} and team_id = ${scope.teamId})`
          : null;
  const ownedBy = (column: string): SQL =>
    ownerIds ? sql`${sql.raw(column)} = any(${ownerIds})` : sql`${sql.raw(column)} is null`;
  const since = new Date(now.getTime() - QUEUE_WINDOW_DAYS * 86_400_000);
  const priority = (p: string) =>
    sql.raw(`${p}.clock_id is null, ${p}.due_at, ${p}.handoff_kind = 'hand_raiser' desc nulls last, ${p}.grade nulls last,
             ${p}.score_rank desc nulls last, ${p}.last_activity_at desc nulls last, ${p}.id`);
  const warmSince = new Date(now.getTime() - WARM_WINDOW_MS);
  const query = renderSql(sql`
    with recent as (
       -- Working leads with a reason to be worked now: recent activity, a running SLA clock, a recent
       -- hand-off, an open task, or the viewer's snooze. Each an index range, never all the owner's leads.
       (select active.id as contact_id from ${
         // Per owner, so each is one ordered index range (a team's would otherwise be sorted whole).
         ownerIds ? sql`unnest(${ownerIds}) as o(id) cross join lateral` : sql``
       } (select c.id, c.last_activity_at from contacts c
           where c.workspace_id = ${workspaceId} and ${ownerIds ? sql`c.owner_id = o.id` : sql`c.owner_id is null`}
             and c.lifecycle_stage in ('mql', 'sal') and c.merged_into_id is null and c.last_activity_at >= ${since}
           order by c.last_activity_at desc limit ${QUEUE_ACTIVE_LIMIT}) active
         order by active.last_activity_at desc limit ${QUEUE_ACTIVE_LIMIT})
       union
       select k.contact_id from sla_clocks k where k.workspace_id = ${workspaceId} and k.status = 'open' and ${ownedBy('k.user_id')}
       union
       select a.contact_id from assignments a where a.workspace_id = ${workspaceId} and ${ownedBy('a.user_id')} and a.at >= ${since}
       union
       select t.contact_id from sales_activities t
        where t.workspace_id = ${workspaceId} and t.type = 'task' and t.completed_at is null and ${ownedBy('t.user_id')}
          and t.contact_id is not null
       union
       select sn.contact_id from lead_snoozes sn where sn.workspace_id = ${workspaceId} and sn.user_id = ${viewer} and sn.until > ${now}
     ),
     candidates as materialized (
       select c.id, c.owner_id, c.last_activity_at, s.grade, s.score_rank,
              k.id as clock_id, k.due_at, h.kind as handoff_kind, sn.until as snoozed_until
         from recent r
         join contacts c on c.workspace_id = ${workspaceId} and c.id = r.contact_id
         left join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
         left join lateral (
           select id, due_at from sla_clocks
            where workspace_id = c.workspace_id and contact_id = c.id and status = 'open' order by due_at limit 1) k on true
         left join lateral (
           select kind from handoffs
            where workspace_id = c.workspace_id and contact_id = c.id order by ready_at desc limit 1) h on true
         left join lead_snoozes sn
           on sn.workspace_id = c.workspace_id and sn.user_id = ${viewer} and sn.contact_id = c.id and sn.until > ${now}
        where ${ownedBy('c.owner_id')} and c.lifecycle_stage in ('mql', 'sal') and c.merged_into_id is null
     ),
     page as (
       select * from candidates where (snoozed_until is not null) = ${options.snoozed}
        order by ${priority('candidates')} limit ${options.limit} offset ${options.offset}
     ),
     totals as (
       select count(*) filter (where snoozed_until is null)::int as total,
              (select count(*) from contacts c
                where c.workspace_id = ${workspaceId} and ${ownedBy('c.owner_id')}
                  and c.lifecycle_stage in ('mql', 'sal') and c.merged_into_id is null)::int as working,
              count(*) filter (where snoozed_until is null and due_at <= ${now})::int as overdue,
              count(*) filter (where snoozed_until is null and last_activity_at >= ${warmSince})::int as warm,
              count(*) filter (where snoozed_until is not null)::int as snoozed
         from candidates
     )
     select p.id, p.clock_id, p.due_at, p.handoff_kind, p.snoozed_until, p.grade, p.last_activity_at,
            c.first_name, c.last_name, c.email, c.phone, c.title, coalesce(co.name, c.company_name) as company,
            c.lifecycle_stage as stage, c.working_status, c.owner_id, u.name as owner_name, pe.name as persona,
            ${currentScoreSql('s', workspaceId, now)} as score,
            k.kind as clock_kind, k.started_at as clock_started_at,
            h.reason as handoff_reason, a.kind as assignment_kind, a.reason as assignment_reason,
            act.type as key_type, act.title as key_title, act.comments as key_comments,
            sa.type as touch_type, sa.outcome as touch_outcome, sa.occurred_at as touch_at,
            t.total, t.overdue, t.warm, t.snoozed, t.working
       from totals t
       left join page p on true
       left join contacts c on c.workspace_id = ${workspaceId} and c.id = p.id
       left join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = p.id
       left join personas pe on pe.workspace_id = c.workspace_id and pe.id = s.persona_id
       left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
       left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
       left join sla_clocks k on k.workspace_id = c.workspace_id and k.id = p.clock_id
       left join lateral (
         select reason from handoffs where workspace_id = c.workspace_id and contact_id = p.id order by ready_at desc limit 1) h on true
       left join lateral (
         select kind, reason from assignments where workspace_id = c.workspace_id and contact_id = p.id order by at desc limit 1) a on true
       left join lateral (
         select type, title, properties->>'comments' as comments from activities
          where workspace_id = c.workspace_id and contact_id = p.id and type in ('form_submit', 'content_download')
          order by occurred_at desc limit 1) act on true
       left join lateral (
         select type, outcome, occurred_at from sales_activities
          where workspace_id = c.workspace_id and contact_id = p.id and type in ('call', 'email', 'meeting')
          order by occurred_at desc limit 1) sa on true
      order by ${priority('p')}`);
  const { rows } = await db.query<Row>(query.text, query.values);
  const first = rows[0];
  return {
    now,
    total: first?.total ?? 0,
    overdue: first?.overdue ?? 0,
    warm: first?.warm ?? 0,
    snoozed: first?.snoozed ?? 0,
    resting: Math.max(0, (first?.working ?? 0) - (first?.total ?? 0) - (first?.snoozed ?? 0)),
    items: rows.filter((row) => row.id !== null).map((row) => itemOf(row, now)),
  };
}

type Row = {
  id: string | null;
  clock_id: string | null;
  due_at: Date | null;
  handoff_kind: 'hand_raiser' | 'mql' | null;
  snoozed_until: Date | null;
  grade: string | null;
  last_activity_at: Date | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: string | null;
  stage: string;
  working_status: string | null;
  owner_id: string | null;
  owner_name: string | null;
  persona: string | null;
  score: number;
  clock_kind: string | null;
  clock_started_at: Date | null;
  handoff_reason: string | null;
  assignment_kind: string | null;
  assignment_reason: string | null;
  key_type: string | null;
  key_title: string | null;
  key_comments: string | null;
  touch_type: string | null;
  touch_outcome: string | null;
  touch_at: Date | null;
  total: number;
  overdue: number;
  warm: number;
  snoozed: number;
  working: number;
};

function itemOf(row: Row, now: Date): QueueItem {
  const sla =
    row.clock_id && row.due_at && row.clock_started_at
      ? {
          clockId: row.clock_id,
          kind: row.clock_kind ?? 'mql',
          startedAt: row.clock_started_at,
          dueAt: row.due_at,
          urgency: slaUrgency({ startedAt: row.clock_started_at, dueAt: row.due_at }, now),
        }
      : null;
  return {
    contactId: row.id!,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    company: row.company,
    persona: row.persona,
    grade: row.grade,
    score: row.score,
    stage: row.stage,
    workingStatus: row.working_status,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    handRaiser: row.handoff_kind === 'hand_raiser',
    reason: whyHere({
      stage: row.stage,
      workingStatus: row.working_status,
      handoffKind: row.handoff_kind,
      handoffReason: row.handoff_reason,
      assignmentKind: row.assignment_kind,
      assignmentReason: row.assignment_reason,
      keyActivity: row.key_type ? { type: row.key_type, title: row.key_title, comments: row.key_comments } : null,
    }),
    sla,
    lastActivityAt: row.last_activity_at,
    warm: isWarm(row.last_activity_at, now),
    lastTouch:
      row.touch_type && row.touch_at ? { type: row.touch_type, outcome: row.touch_outcome, at: row.touch_at } : null,
    snoozedUntil: row.snoozed_until,
  };
}
