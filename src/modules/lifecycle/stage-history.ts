import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { LifecycleStage } from '../contacts/schema';

export type StageTransitionView = {
  id: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  rule: string | null;
  reason: string | null;
  details: Record<string, unknown>;
};

export type StagePeriod = { stage: LifecycleStage; enteredAt: Date; leftAt: Date | null; seconds: number };

/** Time spent in each stage, from the ordered transitions (the last period runs until `now`). */
export function stagePeriods(transitions: { to: LifecycleStage; at: Date }[], now: Date): StagePeriod[] {
  return transitions.map((transition, index) => {
    const leftAt = transitions[index + 1]?.at ?? null;
    const end = leftAt ?? now;
    return {
      stage: transition.to,
      enteredAt: transition.at,
      leftAt,
      seconds: Math.max(0, Math.round((end.getTime() - transition.at.getTime()) / 1000)),
    };
  });
}

/** Every stage move of a contact, oldest first, with who made it, and the time spent in each stage. */
export async function stageHistory(ctx: AppContext, workspaceId: string, contactId: string) {
  const { rows } = await ctx.db.execute<{
    id: string;
    from_stage: LifecycleStage | null;
    to_stage: LifecycleStage;
    at: Date;
    actor_type: string;
    actor_id: string | null;
    actor_name: string | null;
    rule: string | null;
    reason: string | null;
    details: Record<string, unknown>;
  }>(sql`
    select t.id, t.from_stage, t.to_stage, t.at, t.actor_type, t.actor_id, u.name as actor_name, t.rule, t.reason, t.details
      from stage_transitions t
      left join users u on u.workspace_id = t.workspace_id and u.id = t.actor_id
     where t.workspace_id = ${workspaceId} and t.contact_id = ${contactId}
     order by t.at, t.id`);
  const transitions: StageTransitionView[] = rows.map((row) => ({
    id: row.id,
    from: row.from_stage,
    to: row.to_stage,
    at: new Date(row.at),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    rule: row.rule,
    reason: row.reason,
    details: row.details,
  }));
  return { transitions, periods: stagePeriods(transitions, ctx.clock.now()) };
}
