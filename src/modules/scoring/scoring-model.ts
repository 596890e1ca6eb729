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

export type LoadedModel = StoredModel & { version: number; rescore: RescoreStatus; personas: PersonaRule[] };

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

/** The workspace's model (the default one if it never saved one), with its personas. */
export async function loadModel(db: Executor, workspaceId: string): Promise<LoadedModel> {
  // One after another: inside a transaction they share one connection.
  const settings = await db.execute<{
    half_life_days: number;
    grade_bands: StoredModel['gradeBands'];
    mql_rule: StoredModel['mqlRule'];
    hand_raiser: StoredModel['handRaiser'];
    disqualify: DisqualifyRule[];
    version: number;
    rescore: RescoreStatus;
  }>(sql`select half_life_days, grade_bands, mql_rule, hand_raiser, disqualify, version, rescore
             from scoring_settings where workspace_id = ${workspaceId}`);
  const criteria = await db.execute<FitCriterion>(sql`
      select id, label, field, operator, values, points from fit_criteria
       where workspace_id = ${workspaceId} order by position, created_at`);
  const rules = await db.execute<EngagementRule>(sql`
      select id, label, match, points, caps, enabled from engagement_rules
       where workspace_id = ${workspaceId} order by position, created_at`);
  const personas = await db.execute<PersonaRule>(sql`
      select id, name, priority, conditions from personas where workspace_id = ${workspaceId} order by name`);
  const row = settings.rows[0];
  if (!row) return { ...defaultModel(workspaceId), version: 0, rescore: idleRescore, personas: personas.rows };
  return {
    halfLifeDays: Number(row.half_life_days),
    gradeBands: row.grade_bands,
    mqlRule: row.mql_rule,
    handRaiser: row.hand_raiser,
    disqualify: row.disqualify,
    criteria: criteria.rows,
    rules: rules.rows,
    version: row.version,
    rescore: row.rescore,
    personas: personas.rows,
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
    insert into scoring_settings (workspace_id, half_life_days, grade_bands, mql_rule, hand_raiser, disqualify, version, rescore, updated_at)
    values (${workspaceId}, ${model.halfLifeDays}, ${JSON.stringify(model.gradeBands)}::jsonb, ${JSON.stringify(model.mqlRule)}::jsonb,
            ${JSON.stringify(model.handRaiser)}::jsonb, ${JSON.stringify(model.disqualify)}::jsonb, 1, ${JSON.stringify(idleRescore)}::jsonb, now())
    on conflict (workspace_id) do update set
      half_life_days = excluded.half_life_days, grade_bands = excluded.grade_bands, mql_rule = excluded.mql_rule,
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

/** Records how far the background rescore has come. */
export async function setRescoreStatus(db: Executor, workspaceId: string, status: RescoreStatus): Promise<void> {
  await db.execute(sql`
    update scoring_settings set rescore = ${JSON.stringify(status)}::jsonb where workspace_id = ${workspaceId}`);
}
