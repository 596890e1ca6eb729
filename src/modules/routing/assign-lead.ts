import type { SqlClient } from '../../core/db/sql-client';
import { newId } from '../../core/ids';
import { enqueueJob } from '../../core/jobs/enqueue-job';
import { type ContentCatalog, loadContentCatalog } from '../talk-track/content-catalog';
import { writeTalkTrack } from '../talk-track/write-talk-track';
import { publishEvent } from '../webhooks/publish-event';
import type { RepState } from './availability';
import { type BriefInput, type CallBrief, writeCallBrief } from './call-brief';
import type { RoutingDecision } from './choose-rep';
import type { LeadFacts } from './routing-world';
import type { AssignmentKind, HandoffKind } from './schema';
import { defaultSlaPolicies, type SlaPolicy, slaTimes } from './sla-times';

export const NOTIFICATION_CHANNEL = 'baton_notifications';
export const EMAIL_JOB = 'routing.email';

/** The SLA policy of a kind of lead: the workspace's own, else the default. */
export async function slaPolicyFor(db: SqlClient, workspaceId: string, kind: HandoffKind): Promise<SlaPolicy> {
  const { rows } = await db.query<SlaPolicy>(
    `select minutes, business_hours as "businessHours", steps from sla_policies where workspace_id = $1 and kind = $2`,
    [workspaceId, kind],
  );
  return rows[0] ?? defaultSlaPolicies[kind];
}

/** The lead's newest activities, for the call brief. */
export async function recentActivities(db: SqlClient, workspaceId: string, contactId: string) {
  return (await recentActivitiesOf(db, workspaceId, [contactId])).get(contactId) ?? [];
}

/** The newest activities of several leads (a routing batch) in one query, newest first per lead. */
export async function recentActivitiesOf(db: SqlClient, workspaceId: string, contactIds: string[]) {
  const { rows } = await db.query<{
    contact_id: string;
    type: string;
    title: string | null;
    url: string | null;
    occurred_at: Date;
    properties: Record<string, unknown>;
  }>(
    `select l.contact_id, a.type, a.title, a.url, a.occurred_at, a.properties
       from unnest($2::uuid[]) as l(contact_id)
       cross join lateral (
         select type, title, url, occurred_at, properties from activities
          where workspace_id = $1 and contact_id = l.contact_id order by occurred_at desc, id desc limit 50) a`,
    [workspaceId, contactIds],
  );
  // Every lead asked for has its list, empty when it has no activities.
  const byContact = new Map<string, BriefInput['activities']>(contactIds.map((id) => [id, []]));
  for (const { contact_id, ...row } of rows) byContact.get(contact_id)?.push({ ...row, occurredAt: row.occurred_at });
  return byContact;
}

/** What the caller has read already for the brief; anything missing is read here. */
export type BriefPreloaded = {
  /** The lead's recent activities, newest first. */
  activities?: BriefInput['activities'];
  /** The workspace's content offers, for the talk track's next content. */
  catalog?: ContentCatalog;
};

/** The call brief of a lead, with the talk track its rep would read on the lead's record. */
export async function briefFor(
  db: SqlClient,
  workspaceId: string,
  lead: LeadFacts,
  handoff: { kind: HandoffKind; reason: string | null },
  slaDueAt: Date | null,
  preloaded: BriefPreloaded = {},
): Promise<CallBrief> {
  const activities = preloaded.activities ?? (await recentActivities(db, workspaceId, lead.id));
  const talkTrack = writeTalkTrack({
    firstName: lead.firstName,
    displayName: lead.name ?? lead.email ?? 'there',
    company: lead.company?.name ?? null,
    persona: lead.talkTrackPersona,
    activities,
    catalog: preloaded.catalog ?? (await loadContentCatalog(db, workspaceId)),
  });
  return writeCallBrief({
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    title: lead.title,
    company: lead.company,
    persona: lead.persona,
    grade: lead.grade,
    score: lead.score,
    kind: handoff.kind,
    reason: handoff.reason,
    activities,
    slaDueAt,
    talkTrack,
  });
}

/** Adds an in-app notification; open Baton tabs get it at once (NOTIFY, delivered at commit). */
export async function notify(
  db: SqlClient,
  input: {
    workspaceId: string;
    userId: string;
    kind: string;
    title: string;
    body: string;
    contactId: string | null;
    assignmentId: string | null;
    data: Record<string, unknown>;
    at: Date;
    /** Also send it by email (SMTP is configured). */
    email: boolean;
  },
): Promise<void> {
  const id = newId();
  // The row and its NOTIFY in one round trip (the NOTIFY goes out when the transaction commits).
  await db.query(
    `with added as (
       insert into notifications (workspace_id, id, user_id, kind, title, body, contact_id, assignment_id, data, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id)
     select pg_notify($11, json_build_object('workspaceId', $1::text, 'userId', $3::text, 'id', $2::text)::text) from added`,
    [
      input.workspaceId,
      id,
      input.userId,
      input.kind,
      input.title,
      input.body,
      input.contactId,
      input.assignmentId,
      JSON.stringify(input.data),
      input.at,
      NOTIFICATION_CHANNEL,
    ],
  );
  if (input.email) {
    await enqueueJob(db, EMAIL_JOB, { workspaceId: input.workspaceId, notificationId: id }, { maxAttempts: 5 });
  }
}

/** The managers of a workspace: who hears about the fallback queue and breached SLAs. */
export async function managerIds(db: SqlClient, workspaceId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id from users where workspace_id = $1 and role in ('sales_manager', 'admin') and disabled_at is null order by id`,
    [workspaceId],
  );
  return rows.map((row) => row.id);
}

export type AssignInput = {
  workspaceId: string;
  lead: LeadFacts;
  handoff: { id: string | null; kind: HandoffKind; reason: string | null; readyAt: Date };
  decision: RoutingDecision;
  kind: AssignmentKind;
  previousUserId: string | null;
  actorId: string | null;
  at: Date;
  reps: Map<string, RepState>;
  /** Email the notifications too (SMTP is configured). */
  email: boolean;
  /** The lead's recent activities, when the caller has read them already (for the call brief). */
  activities?: BriefInput['activities'];
  /** The workspace's content offers, when the caller has read them already (for the brief's talk track). */
  catalog?: ContentCatalog;
  /** SLA policies the caller has read already, by kind. */
  policies?: Map<HandoffKind, SlaPolicy>;
  /** The caller queues the SLA sweep itself (once for many assignments): the first step time is returned. */
  deferSweep?: boolean;
  /** The caller sends the webhook deliveries itself after its commit (see `publishEvent`). */
  dispatchLater?: string[];
};

/**
 * Writes a routing decision inside the caller's transaction: the assignment record, the hand-off's
 * status and the contact's owner (one statement), round-robin credits, the rep's SLA clock with its
 * first event, the notification with the call brief, and the webhook event. A lead no rule placed
 * goes to the fallback queue and the managers are alerted. Built for a burst of hand-offs: a
 * handful of round trips each.
 */
export async function recordAssignment(
  db: SqlClient,
  input: AssignInput,
): Promise<{ assignmentId: string; slaDueAt: Date | null; firstStepAt: Date | null }> {
  const { workspaceId, lead, handoff, decision, at } = input;
  const assignmentId = newId();
  const userId = decision.outcome === 'assigned' ? decision.userId : null;
  await db.query(
    `with assigned as (
       insert into assignments (workspace_id, id, handoff_id, contact_id, kind, user_id, previous_user_id, rule_id, rule,
                                reason, skipped, trace, actor_id, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id),
     routed as (
       update handoffs set status = case when $6::uuid is null then 'fallback' else 'assigned' end, routed_at = $14
        where workspace_id = $1 and id = $3 returning id),
     owned as (
       update contacts set owner_id = $6, updated_at = $14 where workspace_id = $1 and id = $4 returning id)
     select (select count(*) from assigned) + (select count(*) from routed) + (select count(*) from owned) as written`,
    [
      workspaceId,
      assignmentId,
      handoff.id,
      lead.id,
      decision.outcome === 'fallback' && input.kind === 'routed' ? 'fallback' : input.kind,
      userId,
      input.previousUserId,
      decision.outcome === 'assigned' ? decision.ruleId : null,
      decision.outcome === 'assigned' ? decision.rule : null,
      decision.reason,
      JSON.stringify(decision.skipped),
      JSON.stringify(decision.trace),
      input.actorId,
      at,
    ],
  );
  if (decision.outcome === 'assigned' && decision.roundRobin) {
    const credits = [...decision.roundRobin.credits];
    await db.query(
      `insert into round_robin_credits (workspace_id, team_id, user_id, credit)
       select $1, $2, u, c from unnest($3::uuid[], $4::int[]) as x(u, c)
       on conflict (workspace_id, team_id, user_id) do update set credit = excluded.credit`,
      [workspaceId, decision.roundRobin.teamId, credits.map(([id]) => id), credits.map(([, credit]) => credit)],
    );
  }

  const activities = input.activities ?? (await recentActivities(db, workspaceId, lead.id));
  const catalog = input.catalog ?? (await loadContentCatalog(db, workspaceId));
  const eventData = {
    contactId: lead.id,
    assignmentId,
    handoffId: handoff.id,
    kind: handoff.kind,
    readyAt: handoff.readyAt.toISOString(),
    assignedAt: at.toISOString(),
    userId,
    previousUserId: input.previousUserId,
    rule: decision.outcome === 'assigned' ? decision.rule : null,
    reason: decision.reason,
  };
  if (!userId) {
    const brief = await briefFor(db, workspaceId, lead, handoff, null, { activities, catalog });
    await db.query(
      `insert into sla_events (workspace_id, id, clock_id, contact_id, user_id, type, at, details)
       values ($1, $2, null, $3, null, 'unassigned', $4, $5)`,
      [workspaceId, newId(), lead.id, at, JSON.stringify({ reason: decision.reason, skipped: decision.skipped })],
    );
    for (const managerId of await managerIds(db, workspaceId)) {
      await notify(db, {
        workspaceId,
        userId: managerId,
        kind: 'lead.unassigned',
        title: `In the fallback queue: ${lead.name ?? lead.email ?? 'a lead'}`,
        body: `${decision.reason}.\n${brief.text}`,
        contactId: lead.id,
        assignmentId,
        data: { brief, reason: decision.reason, skipped: decision.skipped },
        at,
        email: input.email,
      });
    }
    await publishEvent(db, {
      workspaceId,
      type: 'lead.unassigned',
      data: { ...eventData, brief, skipped: decision.skipped },
      text: `${brief.text}\nNot assigned: ${decision.reason}. It waits in the fallback queue.`,
      at,
    });
    return { assignmentId, slaDueAt: null, firstStepAt: null };
  }

  const rep = input.reps.get(userId);
  const policy = input.policies?.get(handoff.kind) ?? (await slaPolicyFor(db, workspaceId, handoff.kind));
  const schedule = rep?.schedule ?? { timeZone: 'UTC', hours: [] };
  const { dueAt, stepAt } = slaTimes(policy, at, schedule);
  const clockId = newId();
  // One open clock per lead: a new hand-off (the lead became an MQL again) replaces the old rep's.
  // (The update sees the clocks as they were before this statement, so never the new one.)
  await db.query(
    `with replaced as (
       update sla_clocks set status = 'reassigned', stopped_at = $12, next_step = null, next_step_at = null
        where workspace_id = $1 and contact_id = $4 and status = 'open' returning id),
     clock as (
       insert into sla_clocks (workspace_id, id, assignment_id, contact_id, user_id, kind, minutes, business_hours, steps,
                               time_zone, hours, started_at, due_at, next_step, next_step_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id)
     insert into sla_events (workspace_id, id, clock_id, contact_id, user_id, type, at, details)
     select $1, $16, clock.id, $4, $5, 'started', $12, $17 from clock`,
    [
      workspaceId,
      clockId,
      assignmentId,
      lead.id,
      userId,
      handoff.kind,
      policy.minutes,
      policy.businessHours,
      JSON.stringify(policy.steps),
      schedule.timeZone,
      JSON.stringify(schedule.hours),
      at,
      dueAt,
      policy.steps.length > 0 ? 0 : null,
      stepAt[0] ?? null,
      newId(),
      JSON.stringify({ dueAt, kind: handoff.kind }),
    ],
  );
  const firstStepAt = stepAt[0] ?? null;
  if (firstStepAt && !input.deferSweep) await scheduleSlaSweep(db, workspaceId, firstStepAt);
  if (rep) rep.openUntouched += 1;
  const brief = await briefFor(db, workspaceId, lead, handoff, dueAt, { activities, catalog });
  await notify(db, {
    workspaceId,
    userId,
    kind: input.kind === 'routed' ? 'lead.assigned' : 'lead.reassigned',
    title: brief.headline,
    body: brief.text,
    contactId: lead.id,
    assignmentId,
    data: { brief, reason: decision.reason, slaDueAt: dueAt.toISOString() },
    at,
    email: input.email,
  });
  await publishEvent(
    db,
    {
      workspaceId,
      type: input.kind === 'routed' ? 'lead.assigned' : 'lead.reassigned',
      data: { ...eventData, slaDueAt: dueAt.toISOString(), brief },
      text: `${brief.text}\nAssigned to ${rep?.name ?? 'a rep'}: ${decision.reason}`,
      at,
    },
    { dispatchLater: input.dispatchLater },
  );
  return { assignmentId, slaDueAt: dueAt, firstStepAt };
}

/** Makes sure an SLA sweep runs at `at` (the earliest pending one wins; it reschedules itself for the next). */
export async function scheduleSlaSweep(db: SqlClient, workspaceId: string, at: Date): Promise<void> {
  await db.query(
    `select graphile_worker.add_job('routing.sla', json_build_object('workspaceId', $1::text),
                                    run_at => $2, job_key => 'routing.sla:' || $1 || ':' || to_char($2::timestamptz at time zone 'UTC', 'YYYYMMDDHH24MISS'),
                                    job_key_mode => 'preserve_run_at')`,
    [workspaceId, at],
  );
}
