import type { AppContext } from '../../core/context';
import { sqlClientOf } from '../../core/db/sql-client';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { briefFor } from './assign-lead';
import {
  chooseRep,
  type RoutingCondition,
  type RoutingDecision,
  type RoutingRule,
  type RoutingTarget,
} from './choose-rep';
import { loadLead, loadReps, loadRules, loadTeams, worldFor } from './routing-world';
import type { HandoffKind, SlaStep } from './schema';
import { defaultSchedule, defaultSlaPolicies, type SlaPolicy } from './sla-times';
import type { WeeklyHours } from './working-time';

export type RuleInput = {
  name: string;
  enabled: boolean;
  conditions: RoutingCondition[];
  target: RoutingTarget;
  workingHoursOnly: boolean;
};

/** Replaces the ordered rule list; every user and team a rule names must exist. */
export async function saveRules(ctx: AppContext, workspaceId: string, rules: RuleInput[]): Promise<RoutingRule[]> {
  return ctx.db.transaction(async (tx) => {
    const db = sqlClientOf(tx);
    const { rows: users } = await db.query<{ id: string }>('select id from users where workspace_id = $1', [
      workspaceId,
    ]);
    const { rows: teams } = await db.query<{ id: string }>('select id from teams where workspace_id = $1', [
      workspaceId,
    ]);
    const userIds = new Set(users.map((row) => row.id));
    const teamIds = new Set(teams.map((row) => row.id));
    const details = rules.flatMap((rule, index) => {
      const target = rule.target;
      if (target.type === 'user' && !userIds.has(target.userId)) {
        return [{ path: `body.rules.${index}.target.userId`, message: 'no such user in this workspace' }];
      }
      if (target.type === 'team' && !teamIds.has(target.teamId)) {
        return [{ path: `body.rules.${index}.target.teamId`, message: 'no such team in this workspace' }];
      }
      return [];
    });
    if (details.length > 0)
      throw new AppError('validation_failed', 'A routing rule names someone unknown', { details });
    await db.query('delete from routing_rules where workspace_id = $1', [workspaceId]);
    const at = ctx.clock.now();
    for (const [position, rule] of rules.entries()) {
      await db.query(
        `insert into routing_rules (workspace_id, id, position, name, enabled, conditions, target, working_hours_only, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [
          workspaceId,
          newId(),
          position,
          rule.name,
          rule.enabled,
          JSON.stringify(rule.conditions),
          JSON.stringify(rule.target),
          rule.workingHoursOnly,
          at,
        ],
      );
    }
    return loadRules(db, workspaceId);
  });
}

export const listRules = (ctx: AppContext, workspaceId: string) => loadRules(ctx.pool, workspaceId);

/** What routing would do with this lead now, written nowhere: the rule trace, who was skipped and why, the brief. */
export async function simulateRouting(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; kind: HandoffKind },
): Promise<{
  decision: Omit<RoutingDecision, 'roundRobin'> & { userName: string | null };
  brief: Awaited<ReturnType<typeof briefFor>>;
}> {
  const at = ctx.clock.now();
  const db = ctx.pool;
  const lead = await loadLead(db, input.workspaceId, input.contactId, { kind: input.kind, at });
  if (!lead) throw notFound('Contact');
  const [rules, reps, teams] = await Promise.all([
    loadRules(db, input.workspaceId),
    loadReps(db, input.workspaceId, at),
    loadTeams(db, input.workspaceId),
  ]);
  const decision = chooseRep(rules, worldFor(lead, reps, teams, at));
  const { roundRobin: _, ...shown } = decision.outcome === 'assigned' ? decision : { ...decision, roundRobin: null };
  const userName = decision.outcome === 'assigned' ? (reps.get(decision.userId)?.name ?? null) : null;
  return {
    decision: { ...(shown as Omit<RoutingDecision, 'roundRobin'>), userName },
    brief: await briefFor(db, input.workspaceId, lead, { kind: input.kind, reason: 'simulation' }, null),
  };
}

export type RepAvailabilityView = {
  userId: string;
  name: string;
  role: string;
  active: boolean;
  timeZone: string;
  hours: WeeklyHours;
  maxOpenUntouched: number | null;
  paused: boolean;
  pausedReason: string | null;
  openUntouched: number;
  timeOff: { id: string; startsAt: Date; endsAt: Date; note: string | null }[];
};

export async function listRepAvailability(ctx: AppContext, workspaceId: string): Promise<RepAvailabilityView[]> {
  const { rows } = await ctx.pool.query<RepAvailabilityView>(
    `select u.id as "userId", u.name, u.role, u.disabled_at is null as active,
            coalesce(a.time_zone, $2) as "timeZone", coalesce(a.hours, $3::jsonb) as hours,
            a.max_open_untouched as "maxOpenUntouched", coalesce(a.paused, false) as paused, a.paused_reason as "pausedReason",
            (select count(*)::int from sla_clocks k where k.workspace_id = u.workspace_id and k.user_id = u.id and k.status = 'open') as "openUntouched",
            coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'startsAt', t.starts_at, 'endsAt', t.ends_at, 'note', t.note) order by t.starts_at)
                        from rep_time_off t where t.workspace_id = u.workspace_id and t.user_id = u.id and t.ends_at > $4), '[]') as "timeOff"
       from users u
       left join rep_availability a on a.workspace_id = u.workspace_id and a.user_id = u.id
      where u.workspace_id = $1 and u.role in ('sales_rep', 'sales_manager', 'admin')
      order by u.name`,
    [workspaceId, defaultSchedule.timeZone, JSON.stringify(defaultSchedule.hours), ctx.clock.now()],
  );
  return rows.map((row) => ({
    ...row,
    timeOff: row.timeOff.map((item) => ({ ...item, startsAt: new Date(item.startsAt), endsAt: new Date(item.endsAt) })),
  }));
}

async function assertUser(ctx: AppContext, workspaceId: string, userId: string) {
  const { rows } = await ctx.pool.query('select 1 from users where workspace_id = $1 and id = $2', [
    workspaceId,
    userId,
  ]);
  if (rows.length === 0) throw notFound('User');
}

export async function saveRepAvailability(
  ctx: AppContext,
  input: {
    workspaceId: string;
    userId: string;
    timeZone: string;
    hours: WeeklyHours;
    maxOpenUntouched: number | null;
    paused: boolean;
    pausedReason: string | null;
  },
): Promise<void> {
  await assertUser(ctx, input.workspaceId, input.userId);
  await ctx.pool.query(
    `insert into rep_availability (workspace_id, user_id, time_zone, hours, max_open_untouched, paused, paused_reason, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (workspace_id, user_id) do update set time_zone = excluded.time_zone, hours = excluded.hours,
        max_open_untouched = excluded.max_open_untouched, paused = excluded.paused, paused_reason = excluded.paused_reason,
        updated_at = excluded.updated_at`,
    [
      input.workspaceId,
      input.userId,
      input.timeZone,
      JSON.stringify(input.hours),
      input.maxOpenUntouched,
      input.paused,
      input.paused ? input.pausedReason : null,
      ctx.clock.now(),
    ],
  );
}

export async function addTimeOff(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; startsAt: Date; endsAt: Date; note: string | null },
): Promise<string> {
  await assertUser(ctx, input.workspaceId, input.userId);
  if (input.endsAt <= input.startsAt) {
    throw new AppError('validation_failed', 'Time off must end after it starts', {
      details: [{ path: 'body.endsAt', message: 'must be after startsAt' }],
    });
  }
  const id = newId();
  await ctx.pool.query(
    `insert into rep_time_off (workspace_id, id, user_id, starts_at, ends_at, note) values ($1, $2, $3, $4, $5, $6)`,
    [input.workspaceId, id, input.userId, input.startsAt, input.endsAt, input.note],
  );
  return id;
}

export async function removeTimeOff(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const { rowCount } = await ctx.pool.query('delete from rep_time_off where workspace_id = $1 and id = $2', [
    workspaceId,
    id,
  ]);
  if (!rowCount) throw notFound('Time off');
}

export type SlaPolicies = Record<HandoffKind, SlaPolicy>;

export async function getSlaPolicies(ctx: AppContext, workspaceId: string): Promise<SlaPolicies> {
  const { rows } = await ctx.pool.query<{
    kind: HandoffKind;
    minutes: number;
    business_hours: boolean;
    steps: SlaStep[];
  }>('select kind, minutes, business_hours, steps from sla_policies where workspace_id = $1', [workspaceId]);
  const policies: SlaPolicies = { ...defaultSlaPolicies };
  for (const row of rows)
    policies[row.kind] = { minutes: row.minutes, businessHours: row.business_hours, steps: row.steps };
  return policies;
}

export async function saveSlaPolicies(
  ctx: AppContext,
  workspaceId: string,
  policies: SlaPolicies,
): Promise<SlaPolicies> {
  const at = ctx.clock.now();
  for (const [kind, policy] of Object.entries(policies)) {
    await ctx.pool.query(
      `insert into sla_policies (workspace_id, kind, minutes, business_hours, steps, updated_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (workspace_id, kind) do update set minutes = excluded.minutes, business_hours = excluded.business_hours,
          steps = excluded.steps, updated_at = excluded.updated_at`,
      [workspaceId, kind, policy.minutes, policy.businessHours, JSON.stringify(policy.steps), at],
    );
  }
  return getSlaPolicies(ctx, workspaceId);
}

export async function getSlaGoals(ctx: AppContext, workspaceId: string) {
  const { rows } = await ctx.pool.query<{ monthlyMqls: number; acceptanceRatePercent: number }>(
    `select monthly_mqls as "monthlyMqls", acceptance_rate_percent as "acceptanceRatePercent" from sla_goals where workspace_id = $1`,
    [workspaceId],
  );
  return rows[0] ?? { monthlyMqls: 0, acceptanceRatePercent: 0 };
}

export async function saveSlaGoals(
  ctx: AppContext,
  workspaceId: string,
  goals: { monthlyMqls: number; acceptanceRatePercent: number },
) {
  await ctx.pool.query(
    `insert into sla_goals (workspace_id, monthly_mqls, acceptance_rate_percent, updated_at) values ($1, $2, $3, $4)
     on conflict (workspace_id) do update set monthly_mqls = excluded.monthly_mqls,
        acceptance_rate_percent = excluded.acceptance_rate_percent, updated_at = excluded.updated_at`,
    [workspaceId, goals.monthlyMqls, goals.acceptanceRatePercent, ctx.clock.now()],
  );
  return getSlaGoals(ctx, workspaceId);
}
