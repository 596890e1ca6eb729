import { criterionMatches, type FitCriterion, type FitProfile } from '../scoring/fit-grade';
import { type RepState, unavailableBecause } from './availability';
import { pickNext, type RoundRobinMember } from './round-robin';

export type RoutingCondition = Pick<FitCriterion, 'operator' | 'values'> & { field: string };

export type RoutingTarget =
  | { type: 'user'; userId: string }
  | { type: 'team'; teamId: string }
  | { type: 'account_owner' };

export type RoutingRule = {
  id: string;
  name: string;
  enabled: boolean;
  /** All must hold. None: every lead. */
  conditions: RoutingCondition[];
  target: RoutingTarget;
  /** Skip reps outside their working hours (otherwise only pauses, time off and caps count). */
  workingHoursOnly: boolean;
};

/** What routing sees of the world at the moment of one hand-off. */
export type RoutingWorld = {
  profile: FitProfile;
  /** The account owner of the lead's company (matched by link or by email domain). */
  accountOwnerId: string | null;
  rep(userId: string): RepState | undefined;
  team(teamId: string): { name: string; members: RoundRobinMember[] } | undefined;
  at: Date;
  /** Reps who must not get the lead (the one it is taken from on a reassignment). */
  exclude?: ReadonlySet<string>;
};

export type Skip = { rule: string; userId: string | null; name: string | null; why: string };
export type RuleTrace = {
  ruleId: string;
  rule: string;
  outcome: 'not_matched' | 'no_one_available' | 'chosen';
  detail: string;
};

export type RoutingDecision =
  | {
      outcome: 'assigned';
      userId: string;
      /** Null for a manual assignment. */
      ruleId: string | null;
      rule: string;
      reason: string;
      skipped: Skip[];
      trace: RuleTrace[];
      /** The team whose round-robin credits moved, and their new values. */
      roundRobin: { teamId: string; credits: Map<string, number> } | null;
    }
  | { outcome: 'fallback'; reason: string; skipped: Skip[]; trace: RuleTrace[] };

/** Fields in words, for the reasons an assignment records and the simulator shows. */
const fieldWords: Record<string, string> = {
  handRaiser: 'hand-raiser',
  kind: 'kind',
  employees: 'company size',
  emailDomain: 'email domain',
  emailDomainType: 'email domain type',
};

export const describeCondition = (condition: RoutingCondition) => {
  const values = condition.values.join(', ');
  const field = fieldWords[condition.field] ?? condition.field.replace(/^properties\./, '');
  switch (condition.operator) {
    case 'is_set':
      return `${field} is set`;
    case 'is_not_set':
      return `${field} is not set`;
    case 'equals_any':
      return `${field} is ${values}`;
    case 'contains_any':
      return `${field} contains ${values}`;
    case 'gte':
      return `${field} ≥ ${values}`;
    case 'lte':
      return `${field} ≤ ${values}`;
  }
};

/**
 * Routes one lead: the first enabled rule whose conditions hold and whose target has someone
 * available gets it. A rule whose people are all unavailable passes the lead on to the next
 * rule, and the record says who was skipped and why. When no rule places it, the lead goes to
 * the fallback queue.
 */
export function chooseRep(rules: RoutingRule[], world: RoutingWorld): RoutingDecision {
  const skipped: Skip[] = [];
  const trace: RuleTrace[] = [];
  const exclude = world.exclude ?? new Set<string>();
  const check = (rule: RoutingRule, userId: string): boolean => {
    const rep = world.rep(userId);
    const why = exclude.has(userId)
      ? 'the lead is being taken from them'
      : rep
        ? unavailableBecause(rep, world.at, { workingHoursOnly: rule.workingHoursOnly })
        : 'no longer a user';
    if (why) skipped.push({ rule: rule.name, userId, name: rep?.name ?? null, why });
    return why === null;
  };

  for (const rule of rules) {
    if (!rule.enabled) continue;
    const failed = rule.conditions.find(
      (condition) =>
        !criterionMatches(
          { ...condition, field: condition.field as FitCriterion['field'], id: '', label: '', points: 0 },
          world.profile,
        ),
    );
    if (failed) {
      trace.push({
        ruleId: rule.id,
        rule: rule.name,
        outcome: 'not_matched',
        detail: `not: ${describeCondition(failed)}`,
      });
      continue;
    }
    const matched = rule.conditions.length === 0 ? 'every lead' : rule.conditions.map(describeCondition).join(' and ');
    const target = rule.target;
    if (target.type === 'user' || target.type === 'account_owner') {
      const userId = target.type === 'user' ? target.userId : world.accountOwnerId;
      if (!userId) {
        trace.push({
          ruleId: rule.id,
          rule: rule.name,
          outcome: 'no_one_available',
          detail: 'the company has no account owner',
        });
        continue;
      }
      if (!check(rule, userId)) {
        trace.push({
          ruleId: rule.id,
          rule: rule.name,
          outcome: 'no_one_available',
          detail: `${world.rep(userId)?.name ?? 'the rep'} is unavailable`,
        });
        continue;
      }
      const name = world.rep(userId)?.name ?? 'the rep';
      trace.push({ ruleId: rule.id, rule: rule.name, outcome: 'chosen', detail: name });
      return {
        outcome: 'assigned',
        userId,
        ruleId: rule.id,
        rule: rule.name,
        reason: target.type === 'account_owner' ? `${matched}: account owner ${name}` : `${matched}: ${name}`,
        skipped,
        trace,
        roundRobin: null,
      };
    }
    const team = world.team(target.teamId);
    if (!team || team.members.length === 0) {
      trace.push({
        ruleId: rule.id,
        rule: rule.name,
        outcome: 'no_one_available',
        detail: team ? `${team.name} has no members` : 'the team no longer exists',
      });
      continue;
    }
    const pick = pickNext(team.members, (userId) => check(rule, userId));
    if (!pick) {
      trace.push({
        ruleId: rule.id,
        rule: rule.name,
        outcome: 'no_one_available',
        detail: `no one in ${team.name} is available`,
      });
      continue;
    }
    const name = world.rep(pick.userId)?.name ?? 'the rep';
    trace.push({
      ruleId: rule.id,
      rule: rule.name,
      outcome: 'chosen',
      detail: `${name} (round robin in ${team.name})`,
    });
    return {
      outcome: 'assigned',
      userId: pick.userId,
      ruleId: rule.id,
      rule: rule.name,
      reason: `${matched}: round robin in ${team.name} → ${name}`,
      skipped,
      trace,
      roundRobin: { teamId: target.teamId, credits: pick.credits },
    };
  }
  return {
    outcome: 'fallback',
    reason: trace.length === 0 ? 'no routing rule applies' : 'no rule found an available rep',
    skipped,
    trace,
  };
}
