import type { AppContext } from '../../core/context';
import type { SqlClient } from '../../core/db/sql-client';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { publishEvent } from '../webhooks/publish-event';
import { managerIds, notify, recordAssignment, scheduleSlaSweep } from './assign-lead';
import { chooseRep, type RoutingDecision } from './choose-rep';
import { lockRouting } from './route-handoffs';
import { loadLead, loadReps, loadRules, loadTeams, worldFor } from './routing-world';
import type { HandoffKind, SlaStep } from './schema';
import { slaTimes, wallClock } from './sla-times';
import { type WeeklyHours, workingMillisBetween } from './working-time';

type ClockRow = {
  id: string;
  assignment_id: string;
  contact_id: string;
  user_id: string;
  kind: HandoffKind;
  minutes: number;
  business_hours: boolean;
  steps: SlaStep[];
  time_zone: string;
  hours: WeeklyHours;
  started_at: Date;
  due_at: Date;
  next_step: number | null;
  next_step_at: Date | null;
  breached_at: Date | null;
};

const scheduleOf = (clock: ClockRow) =>
  clock.business_hours ? { timeZone: clock.time_zone, hours: clock.hours } : wallClock;

async function slaEvent(
  db: SqlClient,
  workspaceId: string,
  clock: Pick<ClockRow, 'id' | 'contact_id' | 'user_id'>,
  type: string,
  at: Date,
  details: Record<string, unknown> = {},
) {
  await db.query(
    `insert into sla_events (workspace_id, id, clock_id, contact_id, user_id, type, at, details) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [workspaceId, newId(), clock.id, clock.contact_id, clock.user_id, type, at, JSON.stringify(details)],
  );
}

const leadName = async (db: SqlClient, workspaceId: string, contactId: string) => {
  const { rows } = await db.query<{ name: string }>(
    `select coalesce(nullif(btrim(concat_ws(' ', first_name, last_name)), ''), email, 'a lead') as name
       from contacts where workspace_id = $1 and id = $2`,
    [workspaceId, contactId],
  );
  return rows[0]?.name ?? 'a lead';
};

const repName = async (db: SqlClient, workspaceId: string, userId: string) => {
  const { rows } = await db.query<{ name: string }>(`select name from users where workspace_id = $1 and id = $2`, [
    workspaceId,
    userId,
  ]);
  return rows[0]?.name ?? 'the rep';
};

/**
 * Stops a lead's open clocks without a touch: the lead left MQL by a rule, or was merged away or
 * deleted. Each gets a `cancelled` event. Inside the caller's transaction.
 */
export async function cancelOpenClocks(
  db: SqlClient,
  input: { workspaceId: string; contactId: string; at: Date; why: string },
): Promise<number> {
  const { rows } = await db.query<{ id: string; user_id: string }>(
    `with closed as (
       update sla_clocks set status = 'cancelled', stopped_at = $3, next_step = null, next_step_at = null
        where workspace_id = $1 and contact_id = $2 and status = 'open'
        returning id, user_id)
     insert into sla_events (workspace_id, id, clock_id, contact_id, user_id, type, at, details)
     select $1, gen_random_uuid(), closed.id, $2, closed.user_id, 'cancelled', $3, jsonb_build_object('why', $4::text)
       from closed
     returning clock_id as id, user_id`,
    [input.workspaceId, input.contactId, input.at, input.why],
  );
  return rows.length;
}

/**
 * Routes a lead again, away from `fromUserId`, by the workspace's rules — or straight to `toUserId`.
 * Closes the open clocks of the lead as reassigned. Inside the caller's transaction.
 */
export async function reassign(
  db: SqlClient,
  input: {
    workspaceId: string;
    contactId: string;
    fromUserId: string | null;
    toUserId: string | null;
    kind: 'reassigned' | 'manual';
    actorId: string | null;
    why: string;
    at: Date;
    email: boolean;
  },
): Promise<{ userId: string | null; reason: string }> {
  const { workspaceId, at } = input;
  await lockRouting(db, workspaceId);
  const { rows: open } = await db.query<{ kind: HandoffKind; handoff_id: string | null }>(
    `select k.kind, a.handoff_id from sla_clocks k join assignments a on a.workspace_id = k.workspace_id and a.id = k.assignment_id
      where k.workspace_id = $1 and k.contact_id = $2 and k.status = 'open' order by k.started_at desc limit 1`,
    [workspaceId, input.contactId],
  );
  const { rows: last } = await db.query<{ kind: HandoffKind; reason: string | null; ready_at: Date; id: string }>(
    `select id, kind, reason, ready_at from handoffs where workspace_id = $1 and contact_id = $2 order by ready_at desc limit 1`,
    [workspaceId, input.contactId],
  );
  const kind: HandoffKind = open[0]?.kind ?? last[0]?.kind ?? 'mql';
  const lead = await loadLead(db, workspaceId, input.contactId, { kind, at });
  if (!lead) throw notFound('Contact');
  await db.query(
    `update sla_clocks set status = 'reassigned', stopped_at = $3, next_step = null, next_step_at = null
      where workspace_id = $1 and contact_id = $2 and status = 'open'`,
    [workspaceId, input.contactId, at],
  );
  const reps = await loadReps(db, workspaceId, at);
  let decision: RoutingDecision;
  if (input.toUserId) {
    const rep = reps.get(input.toUserId);
    if (!rep) throw notFound('User');
    if (!rep.active) {
      throw new AppError('validation_failed', `${rep.name} is deactivated`, {
        details: [{ path: 'body.userId', message: 'a deactivated user cannot take leads' }],
      });
    }
    decision = {
      outcome: 'assigned',
      userId: input.toUserId,
      ruleId: null,
      rule: 'manual',
      reason: `${input.why}: ${rep.name}`,
      skipped: [],
      trace: [],
      roundRobin: null,
    };
  } else {
    const rules = await loadRules(db, workspaceId);
    const teams = await loadTeams(db, workspaceId);
    decision = chooseRep(
      rules,
      worldFor(lead, reps, teams, at, input.fromUserId ? new Set([input.fromUserId]) : undefined),
    );
    if (decision.outcome === 'assigned') decision = { ...decision, reason: `${input.why}; ${decision.reason}` };
  }
  await recordAssignment(db, {
    workspaceId,
    lead,
    handoff: {
      id: null,
      kind,
      reason: last[0]?.reason ?? null,
      readyAt: last[0]?.ready_at ?? at,
    },
    decision,
    kind: input.kind,
    previousUserId: input.fromUserId,
    actorId: input.actorId,
    at,
    reps,
    email: input.email,
  });
  return { userId: decision.outcome === 'assigned' ? decision.userId : null, reason: decision.reason };
}

/**
 * Fires every escalation step that is due: remind the rep, alert the managers (the SLA is
 * breached), reassign the lead. Steps run in order even when several are overdue (a worker was
 * down); each clock is locked while it moves, so two workers never fire a step twice.
 */
export async function sweepSlaClocks(ctx: AppContext, workspaceId: string): Promise<number> {
  let fired = 0;
  for (;;) {
    const client = await ctx.pool.connect();
    try {
      await client.query('begin');
      const at = ctx.clock.now();
      const email = ctx.config.smtpUrl !== undefined;
      // Lock order, as everywhere a clock moves: the routing lock, the contacts, then their clocks
      // (a rep's status change locks its contact, then the clocks; routing takes the lock, then contacts).
      await lockRouting(client, workspaceId);
      const { rows: candidates } = await client.query<{ id: string; contact_id: string }>(
        `select id, contact_id from sla_clocks
          where workspace_id = $1 and status = 'open' and next_step_at <= $2 order by next_step_at limit 50`,
        [workspaceId, at],
      );
      // What the leads are now: a clock whose lead is gone or no longer an MQL has nothing to escalate.
      const { rows: leads } = await client.query<{ id: string; stage: string }>(
        `select id, lifecycle_stage as stage from contacts
          where workspace_id = $1 and id = any($2::uuid[]) and merged_into_id is null`,
        [workspaceId, [...new Set(candidates.map((row) => row.contact_id))]],
      );
      const stageOf = new Map(leads.map((row) => [row.id, row.stage]));
      // Leads reassigned in this batch: their other clocks were closed with them.
      const moved = new Set<string>();
      await client.query(
        `select id from contacts where workspace_id = $1 and id = any($2::uuid[]) order by id for update`,
        [workspaceId, [...new Set(candidates.map((row) => row.contact_id))]],
      );
      const { rows: due } = await client.query<ClockRow>(
        `select id, assignment_id, contact_id, user_id, kind, minutes, business_hours, steps, time_zone, hours, started_at,
                due_at, next_step, next_step_at, breached_at
           from sla_clocks
          where workspace_id = $1 and id = any($3::uuid[]) and status = 'open' and next_step_at <= $2
          order by next_step_at for update`,
        [workspaceId, at, candidates.map((row) => row.id)],
      );
      if (candidates.length === 0) {
        // The next step to come: make sure a sweep waits for it.
        const { rows } = await client.query<{ next: Date | null }>(
          `select min(next_step_at) as next from sla_clocks where workspace_id = $1 and status = 'open'`,
          [workspaceId],
        );
        if (rows[0]?.next) await scheduleSlaSweep(client, workspaceId, rows[0].next);
        await client.query('commit');
        return fired;
      }
      for (const clock of due) {
        if (moved.has(clock.contact_id)) continue;
        const stage = stageOf.get(clock.contact_id);
        if (stage !== 'mql') {
          await cancelOpenClocks(client, {
            workspaceId,
            contactId: clock.contact_id,
            at,
            why: stage ? `the lead moved on to ${stage} without a touch` : 'the lead was deleted or merged away',
          });
          moved.add(clock.contact_id);
          continue;
        }
        let step = clock.next_step ?? 0;
        const { stepAt } = slaTimes(
          { minutes: clock.minutes, businessHours: clock.business_hours, steps: clock.steps },
          clock.started_at,
          { timeZone: clock.time_zone, hours: clock.hours },
        );
        let closed = false;
        while (!closed && step < clock.steps.length && stepAt[step]!.getTime() <= at.getTime()) {
          closed = await fireStep(client, workspaceId, clock, clock.steps[step]!, stepAt[step]!, at, email);
          if (closed) moved.add(clock.contact_id);
          step += 1;
          fired += 1;
        }
        if (!closed) {
          const next = step < clock.steps.length ? stepAt[step]! : null;
          await client.query(
            `update sla_clocks set next_step = $3, next_step_at = $4 where workspace_id = $1 and id = $2`,
            [workspaceId, clock.id, next ? step : null, next],
          );
          if (next) await scheduleSlaSweep(client, workspaceId, next);
        }
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/** One escalation step. Returns whether the clock closed (the lead was reassigned). */
async function fireStep(
  db: SqlClient,
  workspaceId: string,
  clock: ClockRow,
  step: SlaStep,
  dueAt: Date,
  at: Date,
  email: boolean,
): Promise<boolean> {
  const lead = await leadName(db, workspaceId, clock.contact_id);
  const rep = await repName(db, workspaceId, clock.user_id);
  const details = {
    step: step.percent,
    action: step.action,
    stepAt: dueAt.toISOString(),
    dueAt: clock.due_at.toISOString(),
  };
  const data = { contactId: clock.contact_id, userId: clock.user_id, clockId: clock.id, kind: clock.kind, ...details };
  switch (step.action) {
    case 'remind': {
      await slaEvent(db, workspaceId, clock, 'reminded', at, details);
      await notify(db, {
        workspaceId,
        userId: clock.user_id,
        kind: 'sla.reminder',
        title: `Reminder: call ${lead}`,
        body: `${step.percent} % of the time to first touch is gone; due by ${clock.due_at.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
        contactId: clock.contact_id,
        assignmentId: clock.assignment_id,
        data,
        at,
        email,
      });
      await publishEvent(db, {
        workspaceId,
        type: 'sla.reminder',
        data,
        text: `Reminder to ${rep}: call ${lead}.`,
        at,
      });
      return false;
    }
    case 'alert_manager': {
      if (!clock.breached_at) {
        await db.query(`update sla_clocks set breached_at = $3 where workspace_id = $1 and id = $2`, [
          workspaceId,
          clock.id,
          clock.due_at.getTime() <= at.getTime() ? clock.due_at : at,
        ]);
      }
      await slaEvent(db, workspaceId, clock, 'breached', at, details);
      for (const managerId of await managerIds(db, workspaceId)) {
        await notify(db, {
          workspaceId,
          userId: managerId,
          kind: 'sla.breached',
          title: `SLA breached: ${rep} has not touched ${lead}`,
          body: `${step.percent} % of the agreed time to first touch has passed.`,
          contactId: clock.contact_id,
          assignmentId: clock.assignment_id,
          data,
          at,
          email,
        });
      }
      await publishEvent(db, {
        workspaceId,
        type: 'sla.breached',
        data,
        text: `SLA breached: ${rep} has not touched ${lead}.`,
        at,
      });
      return false;
    }
    case 'reassign': {
      await slaEvent(db, workspaceId, clock, 'reassigned', at, details);
      if (!clock.breached_at) {
        await db.query(`update sla_clocks set breached_at = due_at where workspace_id = $1 and id = $2`, [
          workspaceId,
          clock.id,
        ]);
      }
      const outcome = await reassign(db, {
        workspaceId,
        contactId: clock.contact_id,
        fromUserId: clock.user_id,
        toUserId: null,
        kind: 'reassigned',
        actorId: null,
        why: `${rep} did not touch the lead within ${step.percent} % of the SLA`,
        at,
        email,
      });
      await publishEvent(db, {
        workspaceId,
        type: 'sla.reassigned',
        data: { ...data, toUserId: outcome.userId, reason: outcome.reason },
        text: `${lead} was taken from ${rep}: ${outcome.reason}.`,
        at,
      });
      return true;
    }
  }
}

/** Activities that count as the rep's first touch. */
export type FirstTouch = 'call' | 'email' | 'meeting' | `status:${string}` | `stage:${string}`;

/**
 * Stops the lead's open SLA clocks: met when inside the deadline, missed otherwise. The response
 * time is counted as the policy counts (working time for business-hours policies). Inside the
 * caller's transaction (the sales activity or status change that is the touch).
 */
export async function recordFirstTouch(
  db: SqlClient,
  input: { workspaceId: string; contactId: string; touch: FirstTouch; by: string | null; at: Date },
): Promise<void> {
  const { workspaceId, contactId, at } = input;
  const { rows: clocks } = await db.query<ClockRow>(
    `select id, assignment_id, contact_id, user_id, kind, minutes, business_hours, steps, time_zone, hours, started_at,
            due_at, next_step, next_step_at, breached_at
       from sla_clocks where workspace_id = $1 and contact_id = $2 and status = 'open' for update`,
    [workspaceId, contactId],
  );
  for (const clock of clocks) {
    const met = at.getTime() <= clock.due_at.getTime();
    const responseMs = workingMillisBetween(clock.started_at.getTime(), at.getTime(), scheduleOf(clock));
    await db.query(
      `update sla_clocks set status = $3, first_touch_at = $4, first_touch = $5, response_ms = $6, stopped_at = $4,
              breached_at = case when $3 = 'missed' then coalesce(breached_at, due_at) else breached_at end,
              next_step = null, next_step_at = null
        where workspace_id = $1 and id = $2`,
      [workspaceId, clock.id, met ? 'met' : 'missed', at, input.touch, Math.min(responseMs, 2_147_483_647)],
    );
    await slaEvent(db, workspaceId, clock, met ? 'met' : 'missed', at, {
      touch: input.touch,
      responseMs,
      by: input.by,
    });
    await publishEvent(db, {
      workspaceId,
      type: 'lead.first_touch',
      data: {
        contactId,
        clockId: clock.id,
        userId: clock.user_id,
        by: input.by,
        touch: input.touch,
        at: at.toISOString(),
        startedAt: clock.started_at.toISOString(),
        dueAt: clock.due_at.toISOString(),
        responseMs,
        met,
      },
      text: `First touch (${input.touch}) ${met ? 'within' : 'after'} the SLA.`,
      at,
    });
  }
}
