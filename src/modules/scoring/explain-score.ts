import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { notFound } from '../../core/errors';
import { type CapCounter, newCapCounter, ruleMatches, type ScoredActivity, takeCap } from './engagement-rules';
import { atLeast, fitGrade } from './fit-grade';
import { fitProfileOf } from './fit-profile';
import { currentScore, decayFactor } from './score-math';
import type { LoadedModel } from './scoring-model';

export type ScoreExplanation = {
  score: number;
  grade: string | null;
  fitPoints: number;
  persona: { id: string; name: string; description: string } | null;
  isMql: boolean;
  mqlRule: LoadedModel['mqlRule'];
  engagement: {
    ruleId: string;
    label: string;
    activityId: string;
    activityType: string;
    activityTitle: string | null;
    occurredAt: Date;
    points: number;
    pointsNow: number;
  }[];
  capped: { ruleId: string; label: string; count: number }[];
  fit: { id: string; label: string; points: number }[];
  history: { at: Date; score: number; grade: string | null; cause: string }[];
};

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * Why a contact has its score and grade: every activity that earned (or cost) points with its
 * value now after decay, the activities a cap held back, the fit criteria that matched, and the
 * history of changes. Computed with the pure scoring functions — the same rules the set-based
 * scorer runs in SQL — so the parts add up to the stored score.
 */
export async function explainScore(
  db: Executor,
  input: { workspaceId: string; contactId: string; model: LoadedModel; now: Date },
): Promise<ScoreExplanation> {
  const { workspaceId, contactId, model } = input;
  const now = input.now.getTime();
  const { rows } = await db.execute<{
    email: string | null;
    title: string | null;
    seniority: string | null;
    department: string | null;
    country: string | null;
    source: string | null;
    properties: Record<string, unknown>;
    industry: string | null;
    employees: number | null;
    grade: string | null;
    persona_id: string | null;
    persona_name: string | null;
    persona_description: string | null;
  }>(sql`
    select c.email, c.title, c.seniority, c.department, c.country, c.source, c.properties, co.industry, co.employees,
           s.grade, s.persona_id, p.name as persona_name, p.description as persona_description
      from contacts c
      join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
      left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
      left join personas p on p.workspace_id = s.workspace_id and p.id = s.persona_id
     where c.workspace_id = ${workspaceId} and c.id = ${contactId} and c.merged_into_id is null`);
  const contact = rows[0];
  if (!contact) throw notFound('Contact');

  const profile = fitProfileOf({ ...contact, persona: contact.persona_name });
  const fit = fitGrade(model.criteria, profile, model.gradeBands);

  const activities = await db.execute<{
    id: string;
    type: ScoredActivity['type'];
    occurred_at: Date;
    title: string | null;
    url: string | null;
    campaign_id: string | null;
    properties: Record<string, unknown>;
  }>(sql`
    select id, type, occurred_at, title, url, campaign_id, properties from activities
     where workspace_id = ${workspaceId} and contact_id = ${contactId}
     order by occurred_at, id`);
  const rules = model.rules.filter((rule) => rule.enabled);
  const counters = new Map<string, CapCounter>(rules.map((rule) => [rule.id, newCapCounter()]));
  const capped = new Map<string, number>();
  const engagement: ScoreExplanation['engagement'] = [];
  let total = 0;
  for (const row of activities.rows) {
    const activity: ScoredActivity = {
      id: row.id,
      type: row.type,
      occurredAt: new Date(row.occurred_at).getTime(),
      title: row.title,
      url: row.url,
      campaignId: row.campaign_id,
      properties: row.properties ?? {},
    };
    for (const rule of rules) {
      if (!ruleMatches(rule.match, activity)) continue;
      if (!takeCap(rule.caps, counters.get(rule.id)!, activity.occurredAt)) {
        capped.set(rule.id, (capped.get(rule.id) ?? 0) + 1);
        continue;
      }
      const pointsNow = rule.points * decayFactor(now - activity.occurredAt, model.activeHalfLifeDays);
      total += pointsNow;
      engagement.push({
        ruleId: rule.id,
        label: rule.label,
        activityId: activity.id,
        activityType: activity.type,
        activityTitle: activity.title,
        occurredAt: new Date(activity.occurredAt),
        points: rule.points,
        pointsNow: round1(pointsNow),
      });
    }
  }
  const score = round1(currentScore({ value: total, at: now }, now, model.activeHalfLifeDays));

  const history = await db.execute<{ at: Date; score: number; grade: string | null; cause: string }>(sql`
    select at, score, grade, cause from score_changes
     where workspace_id = ${workspaceId} and contact_id = ${contactId}
     order by at desc limit 200`);

  return {
    score,
    grade: fit.grade,
    fitPoints: fit.points,
    persona: contact.persona_id
      ? { id: contact.persona_id, name: contact.persona_name ?? '', description: contact.persona_description ?? '' }
      : null,
    isMql: atLeast(fit.grade, model.mqlRule.minGrade) && score >= model.mqlRule.minScore,
    mqlRule: model.mqlRule,
    engagement: engagement.reverse(),
    capped: [...capped].map(([ruleId, count]) => ({
      ruleId,
      label: rules.find((rule) => rule.id === ruleId)!.label,
      count,
    })),
    fit: fit.matched,
    history: history.rows.map((row) => ({
      at: new Date(row.at),
      score: round1(Number(row.score)),
      grade: row.grade,
      cause: row.cause,
    })),
  };
}
