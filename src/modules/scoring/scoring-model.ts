import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { newId } from '../../core/ids';
import type { ScoringModel } from './contract';
import type { EngagementRule } from './engagement-rules';
import type { FitCriterion } from './fit-grade';
import { defaultGradeBands } from './fit-grade';
import type { PersonaRule } from './match-persona';
import type { DisqualifyRule, RescoreStatus } from './schema';

/** A workspace's scoring model with every part identified: what the scorer and the API work from. */
export type StoredModel = Omit<ScoringModel, 'criteria' | 'rules' | 'disqualify'> & {
  criteria: FitCriterion[];
  rules: EngagementRule[];
  disqualify: DisqualifyRule[];
};

/**
 * `activeHalfLifeDays` is the half-life the stored scores were computed with: a changed half-life
 * takes effect for everyone at once when the rescore it starts commits (score ranks of two
 * half-lives do not compare), so until then scoring and reading keep the old one.
 */
export type LoadedModel = StoredModel & {
  activeHalfLifeDays: number;
  version: number;
  rescore: RescoreStatus;
  personas: PersonaRule[];
};

export const idleRescore: RescoreStatus = { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null };

/**
 * The model a workspace starts with, before anyone edits it: B2B rules in the spirit of the demo
 * company. A visit, a download, an e-mail received, opened and clicked, a return visit and a second
 * download (Jon Doe's seven interactions) take a well-fitting lead past 50 points.
 */
export function defaultModel(workspaceId?: string): StoredModel {
  // Until a workspace saves its model, its default parts keep the same ids from read to read.
  const id = (label: string) => (workspaceId ? stableId(`${workspaceId}:${label}`) : newId());
  const rule = (label: string, match: EngagementRule['match'], points: number, caps: EngagementRule['caps'] = {}) => ({
    id: id(`rule:${label}`),
    label,
    match,
    points,
    caps,
    enabled: true,
  });
  const criterion = (
    label: string,
    field: FitCriterion['field'],
    operator: FitCriterion['operator'],
    values: string[],
    points: number,
  ): FitCriterion => ({ id: id(`criterion:${label}`), label, field, operator, values, points });
  return {
    halfLifeDays: 30,
    gradeBands: { ...defaultGradeBands },
    mqlRule: { minGrade: 'B', minScore: 50 },
    handRaiser: { forms: ['Contact sales', 'Request a demo', 'Talk to sales'], events: ['Demo Requested'] },
    disqualify: [
      {
        id: id('disqualify:students'),
        label: 'Students and job seekers',
        field: 'title',
        operator: 'contains_any',
        values: ['student', 'intern', 'job seeker'],
      },
      {
        id: id('disqualify:student department'),
        label: 'Student department',
        field: 'department',
        operator: 'equals_any',
        values: ['student'],
      },
    ],
    criteria: [
      criterion('Decision maker', 'seniority', 'equals_any', ['executive', 'director', 'vp', 'c-level', 'head'], 40),
      criterion('Manager', 'seniority', 'equals_any', ['manager'], 25),
      criterion('Leadership title', 'title', 'contains_any', ['head of', 'director', 'vp', 'chief', 'founder'], 20),
      criterion('Operations or finance', 'department', 'equals_any', ['operations', 'finance', 'engineering'], 15),
      criterion('Company of 50 or more', 'employees', 'gte', ['50'], 20),
      criterion('Business e-mail', 'emailDomainType', 'equals_any', ['business'], 10),
      criterion('Personal e-mail', 'emailDomainType', 'equals_any', ['personal'], -10),
      criterion('Student', 'title', 'contains_any', ['student'], -50),
    ],
    rules: [
      rule('Pricing page', { types: ['page_view'], urlContains: '/pricing' }, 10, { perDay: 1 }),
      rule('Website visit', { types: ['page_view'] }, 5, { perDay: 2 }),
      rule('Content download', { types: ['content_download'] }, 15),
      rule('E-mail received', { types: ['email_sent'] }, 2, { perWeek: 3 }),
      rule('E-mail opened', { types: ['email_open'] }, 3, { perDay: 1 }),
      rule('E-mail clicked', { types: ['email_click'] }, 8, { perDay: 2 }),
      rule('Form submitted', { types: ['form_submit'] }, 20),
      rule('Careers page', { types: ['page_view'], urlContains: '/careers' }, -15, { ever: 1 }),
      rule('Unsubscribed', { types: ['custom'], eventName: 'Unsubscribed' }, -25, { ever: 1 }),
      rule('E-mail bounced', { types: ['custom'], eventName: 'Email Bounced' }, -10, { ever: 1 }),
    ],
  };
}

/** A UUID-shaped id derived from a name (the same name, the same id). */
function stableId(name: string): string {
  const hex = createHash('md5').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The workspace's model (the default one if it never saved one), with its personas: one snapshot. */
export async function loadModel(db: Executor, workspaceId: string): Promise<LoadedModel> {
  const { rows } = await db.execute<{
    settings: {
      half_life_days: number;
      active_half_life_days: number | null;
      grade_bands: StoredModel['gradeBands'];
      mql_rule: StoredModel['mqlRule'];
      hand_raiser: StoredModel['handRaiser'];
      disqualify: DisqualifyRule[];
      version: number;
      rescore: RescoreStatus;
    } | null;
    criteria: FitCriterion[];
    rules: EngagementRule[];
    personas: PersonaRule[];
  }>(sql`
    select (select to_jsonb(s) from scoring_settings s where s.workspace_id = ${workspaceId}) as settings,
           coalesce((select jsonb_agg(jsonb_build_object('id', id, 'label', label, 'field', field, 'operator', operator,
                                                         'values', values, 'points', points) order by position, created_at)
                       from fit_criteria where workspace_id = ${workspaceId}), '[]') as criteria,
           coalesce((select jsonb_agg(jsonb_build_object('id', id, 'label', label, 'match', match, 'points', points,
                                                         'caps', caps, 'enabled', enabled) order by position, created_at)
                       from engagement_rules where workspace_id = ${workspaceId}), '[]') as rules,
           coalesce((select jsonb_agg(jsonb_build_object('id', id, 'name', name, 'priority', priority,
                                                         'conditions', conditions) order by name)
                       from personas where workspace_id = ${workspaceId}), '[]') as personas`);
  const { settings, criteria, rules, personas } = rows[0]!;
  if (!settings) {
    const model = defaultModel(workspaceId);
    return { ...model, activeHalfLifeDays: model.halfLifeDays, version: 0, rescore: idleRescore, personas };
  }
  return {
    halfLifeDays: Number(settings.half_life_days),
    activeHalfLifeDays: Number(settings.active_half_life_days ?? settings.half_life_days),
    gradeBands: settings.grade_bands,
    mqlRule: settings.mql_rule,
    handRaiser: settings.hand_raiser,
    disqualify: settings.disqualify,
    criteria,
    rules,
    version: settings.version,
    rescore: settings.rescore,
    personas,
  };
}

/** Gives every part of an edited model an id: the one it had, or a new one if it had none or shares it. */
export function identify(model: ScoringModel): StoredModel {
  const seen = new Set<string>();
  const withId = <T extends { id?: string }>(item: T): T & { id: string } => {
    const id = item.id && !seen.has(item.id) ? item.id : newId();
    seen.add(id);
    return { ...item, id };
  };
  return {
    ...model,
    disqualify: model.disqualify.map(withId),
    criteria: model.criteria.map(withId),
    rules: model.rules.map(withId),
  };
}

/** Replaces the workspace's model inside the caller's transaction; returns the new version. */
export async function saveModel(db: Executor, workspaceId: string, model: StoredModel): Promise<number> {
  const { rows } = await db.execute<{ version: number }>(sql`
    insert into scoring_settings (workspace_id, half_life_days, active_half_life_days, grade_bands, mql_rule, hand_raiser,
                                  disqualify, version, rescore, updated_at)
    values (${workspaceId}, ${model.halfLifeDays}, ${defaultModel().halfLifeDays}, ${JSON.stringify(model.gradeBands)}::jsonb,
            ${JSON.stringify(model.mqlRule)}::jsonb, ${JSON.stringify(model.handRaiser)}::jsonb,
            ${JSON.stringify(model.disqualify)}::jsonb, 1, ${JSON.stringify(idleRescore)}::jsonb, now())
    on conflict (workspace_id) do update set
      half_life_days = excluded.half_life_days,
      active_half_life_days = coalesce(scoring_settings.active_half_life_days, scoring_settings.half_life_days),
      grade_bands = excluded.grade_bands, mql_rule = excluded.mql_rule,
      hand_raiser = excluded.hand_raiser, disqualify = excluded.disqualify,
      version = scoring_settings.version + 1, updated_at = now()
    returning version`);
  await db.execute(sql`delete from fit_criteria where workspace_id = ${workspaceId}`);
  await db.execute(sql`delete from engagement_rules where workspace_id = ${workspaceId}`);
  if (model.criteria.length > 0) {
    await db.execute(sql`
      insert into fit_criteria (workspace_id, id, label, field, operator, values, points, position)
      select ${workspaceId}, (c ->> 'id')::uuid, c ->> 'label', c ->> 'field', c ->> 'operator', c -> 'values', (c ->> 'points')::int, n
        from jsonb_array_elements(${JSON.stringify(model.criteria)}::jsonb) with ordinality as t(c, n)`);
  }
  if (model.rules.length > 0) {
    await db.execute(sql`
      insert into engagement_rules (workspace_id, id, label, match, points, caps, enabled, position)
      select ${workspaceId}, (r ->> 'id')::uuid, r ->> 'label', r -> 'match', (r ->> 'points')::int, r -> 'caps', (r ->> 'enabled')::boolean, n
        from jsonb_array_elements(${JSON.stringify(model.rules)}::jsonb) with ordinality as t(r, n)`);
  }
  return rows[0]!.version;
}

/** After a full rescore with the saved half-life: the stored scores now use it. */
export async function activateHalfLife(db: Executor, workspaceId: string, halfLifeDays: number): Promise<void> {
  await db.execute(sql`
    update scoring_settings set active_half_life_days = null
     where workspace_id = ${workspaceId} and half_life_days = ${halfLifeDays}`);
}

/** Records how far the background rescore has come. */
export async function setRescoreStatus(db: Executor, workspaceId: string, status: RescoreStatus): Promise<void> {
  await db.execute(sql`
    update scoring_settings set rescore = ${JSON.stringify(status)}::jsonb where workspace_id = ${workspaceId}`);
}
