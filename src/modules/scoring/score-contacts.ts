import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { orderedIdsSql } from '../../core/db/ordered-ids';
import { decaySql } from '../contacts/score-sql';
import { gradesAtLeast } from './fit-grade';
import { DAY_MS } from './score-math';
import type { LoadedModel } from './scoring-model';
import { activityMatchSql, conditionSql, emailDomainTypeSql, fitPointsSql, gradeSql, personaSql } from './scoring-sql';

export type ScoreCause = 'activity' | 'profile' | 'rescore' | 'merge';

export type ScoreRun = {
  /** Which contacts: these ids, every contact of the workspace, or the ids in [from, to) (null: unbounded). */
  contactIds: string[] | 'all' | { from: string | null; to: string | null };
  /** The moment the scores are computed for (decay runs up to it). */
  at: Date;
  cause: ScoreCause;
  causeId?: string | null;
  /**
   * When set, hand-raising activities recorded at or after this moment fast-track their contact to
   * MQL (the pipeline passes its batch's start; a rescore passes nothing: old hand-raises were
   * already acted on, and sales may have answered them since).
   */
  handRaisersSince?: Date;
  /** The half-life to decay and rank with: the model's active one unless a full rescore brings in a new one. */
  halfLifeDays?: number;
  /** False to set scores only, moving no one (a seeded demo whose stories already have their stages). */
  moveStages?: boolean;
};

export type ScoreRunResult = { scored: number; changed: number; history: number; transitions: number };

/** Stages a rule may move to MQL, and the ones a disqualifying profile may move to disqualified. */
const openStages = ['subscriber', 'lead'];
const disqualifiable = ['subscriber', 'lead', 'recycled', 'mql'];

/**
 * Scores contacts in one set-based statement: persona, fit points and grade from the profile;
 * engagement from every activity with each rule's caps per UTC day, ISO week and ever, decayed
 * exactly to `at`; then the lifecycle rules — disqualifying profiles, hand-raisers, and the MQL
 * threshold — move the contacts they apply to, with the rule and the score and grade of that moment
 * on the transition. Writes only what changed, and a score history row when the rounded score or
 * the grade moved. Runs in the caller's transaction: scores and moves commit together.
 */
export async function scoreContacts(
  db: Executor,
  workspaceId: string,
  model: LoadedModel,
  run: ScoreRun,
): Promise<ScoreRunResult> {
  if (Array.isArray(run.contactIds) && run.contactIds.length === 0)
    return { scored: 0, changed: 0, history: 0, transitions: 0 };
  const { rows } = await db.execute<ScoreRunResult>(sql`
    with ${decisionCtes(workspaceId, model, run, { lock: true })},
    ${applyDecisionsCtes(workspaceId, 'decided', { ...run, halfLifeSeconds: runHalfLifeSeconds(model, run) })}
    select (select count(*)::int from decided) as scored, ${appliedCountsSql}`);
  return rows[0]!;
}

/** The half-life a run decays and ranks with, in seconds. */
export function runHalfLifeSeconds(model: LoadedModel, run: Pick<ScoreRun, 'halfLifeDays'>): number {
  return ((run.halfLifeDays ?? model.activeHalfLifeDays) * DAY_MS) / 1000;
}

/**
 * CTEs ending in `decided`: each contact in scope with its new persona, fit points, grade and
 * engagement value, what it had (`old_*`, the old value decayed to `at`), the stage it would move
 * to and by which rule, whether its score row must be written (`changed`), and the row versions
 * (`c_xmin`, `s_xmin`) it was read at. With `lock`, the contacts and their score rows are locked,
 * in one order, so two scorers of one contact take turns and the second decides on what the first
 * wrote.
 */
export function decisionCtes(workspaceId: string, model: LoadedModel, run: ScoreRun, options: { lock: boolean }): SQL {
  const at = run.at;
  const halfLifeSeconds = runHalfLifeSeconds(model, run);
  const scope = run.contactIds;
  const inScope = (column: SQL) => {
    if (scope === 'all') return sql`${column} is not null`;
    if (Array.isArray(scope)) return sql`${column} = any(${sql.param(scope)}::uuid[])`;
    const bounds = [sql`${column} is not null`];
    if (scope.from) bounds.push(sql`${column} >= ${scope.from}::uuid`);
    if (scope.to) bounds.push(sql`${column} < ${scope.to}::uuid`);
    return sql.join(bounds, sql` and `);
  };
  const grades = gradesAtLeast(model.mqlRule.minGrade);
  const handRaiser = run.handRaisersSince
    ? sql`exists (select 1 from activities a
                   where a.workspace_id = ${workspaceId} and a.contact_id = p.id and a.created_at >= ${run.handRaisersSince}
                     and ${handRaiserActivitySql(model)})`
    : sql`false`;
  // A new half-life re-ranks every scored contact, even one whose value did not move.
  const halfLifeChanged = (run.halfLifeDays ?? model.activeHalfLifeDays) !== model.activeHalfLifeDays;
  return sql`${profileCtes(workspaceId, model, inScope, { handRaiser, disqualifiedBy: disqualifyingRuleSql(model), lock: options.lock })},
    ${countedActivities(workspaceId, model, inScope)},
    engagement as (
      select contact_id,
             greatest(0, sum(points * ${decaySql(secondsBetweenSql(sql`occurred_at`, sql`${at}`), sql`${halfLifeSeconds}`)})) as value
        from counted group by contact_id),
    scored as (
      select f.id, f.c_xmin, f.s_xmin, f.lifecycle_stage, f.persona_id, f.fit_points, f.disqualified_by, f.hand_raised,
             coalesce(e.value, 0) as value,
             ${gradeSql(sql`f.fit_points`, model.gradeBands)} as grade,
             case when f.old_value = 0 then 0::float8
                  else f.old_value * ${decaySql(sql`extract(epoch from (${at}::timestamptz - coalesce(f.old_at, ${at}::timestamptz)))`, sql`${halfLifeSeconds}`)} end as old_now,
             f.old_grade, f.old_fit, f.old_persona
        from fitted f left join engagement e on e.contact_id = f.id),
    decided as (
      select s.*,
             (abs(s.value - s.old_now) > 1e-9 or s.grade is distinct from s.old_grade or s.fit_points <> s.old_fit
              or s.persona_id is distinct from s.old_persona or (${halfLifeChanged}::boolean and s.value > 0)) as changed,
             case when not ${run.moveStages ?? true}::boolean then null
                  when s.disqualified_by is not null and s.lifecycle_stage = any(${sql.param(disqualifiable)}::text[]) then 'disqualified'
                  when s.hand_raised and s.lifecycle_stage = any(${sql.param([...openStages, 'recycled'])}::text[]) then 'mql'
                  when s.grade = any(${sql.param(grades)}::text[]) and s.value >= ${model.mqlRule.minScore}
                       and (s.lifecycle_stage = any(${sql.param(openStages)}::text[])
                            or (${run.cause === 'activity'}::boolean and s.lifecycle_stage = 'recycled' and s.old_now < ${model.mqlRule.minScore}))
                    then 'mql' end as to_stage,
             case when s.disqualified_by is not null and s.lifecycle_stage = any(${sql.param(disqualifiable)}::text[]) then 'Disqualify: ' || s.disqualified_by
                  when s.hand_raised and s.lifecycle_stage = any(${sql.param([...openStages, 'recycled'])}::text[]) then 'Hand-raiser: fast-track to sales'
                  else ${`MQL: grade ${model.mqlRule.minGrade} or better and score ≥ ${model.mqlRule.minScore}`} end as rule
        from scored s)`;
}

/**
 * CTEs writing the decisions in relation `decisions` (shaped like decisionCtes' `decided`): the
 * changed score rows (`updated`), the stage moves (`moved`, only from the stage the decision saw),
 * a history row per visible score or grade change, and a transition per move.
 */
export function applyDecisionsCtes(
  workspaceId: string,
  decisions: string,
  run: Pick<ScoreRun, 'at' | 'cause' | 'causeId'> & { halfLifeSeconds: number },
): SQL {
  const { at, halfLifeSeconds } = run;
  const d = sql.identifier(decisions);
  return sql`updated as (
      update contact_scores cs set
        score_value = d.value,
        score_at = ${at},
        score_rank = case when d.value > 0 then ln(d.value) / ln(2) + extract(epoch from ${at}::timestamptz) / ${halfLifeSeconds}::float8 end,
        fit_points = d.fit_points, grade = d.grade, persona_id = d.persona_id
        from ${d} d
       where cs.workspace_id = ${workspaceId} and cs.contact_id = d.id and d.changed
      returning d.id, d.value, d.grade, d.fit_points, d.old_now, d.old_grade),
    moved as (
      update contacts c set lifecycle_stage = d.to_stage, stage_changed_at = ${at}
        from ${d} d
       where c.workspace_id = ${workspaceId} and c.id = d.id and c.merged_into_id is null
         and d.to_stage is not null and c.lifecycle_stage = d.lifecycle_stage and d.to_stage <> d.lifecycle_stage
      returning d.id, d.value, d.grade, d.fit_points, d.lifecycle_stage as from_stage, d.to_stage, d.rule, d.hand_raised),
    history as (
      insert into score_changes (workspace_id, id, contact_id, at, score, grade, fit_points, cause, cause_id)
      select ${workspaceId}, ${orderedIdsSql(sql`row_number() over ()`)}, u.id, ${at}, u.value, u.grade, u.fit_points, ${run.cause}, ${run.causeId ?? null}
        from updated u
       where round(u.value) <> round(u.old_now) or u.grade is distinct from u.old_grade
      returning 1),
    transitions as (
      insert into stage_transitions (workspace_id, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule, reason, details)
      select ${workspaceId}, ${orderedIdsSql(sql`row_number() over ()`)}, m.id, m.from_stage, m.to_stage, ${at}, 'rule', null, m.rule, null,
             jsonb_build_object('score', round(m.value::numeric, 1), 'grade', m.grade, 'fitPoints', m.fit_points,
                                'handRaiser', m.hand_raised, 'cause', ${run.cause}::text)
        from moved m
      returning 1)`;
}

/** The counts of applyDecisionsCtes, as select-list items. */
export const appliedCountsSql = sql`(select count(*)::int from (select id from updated union select id from moved) c) as changed,
           (select count(*)::int from history) as history, (select count(*)::int from transitions) as transitions`;

/**
 * CTEs ending in `counted (contact_id, occurred_at, points)`: every activity of the contacts in
 * scope that a rule gives points for, each rule's caps applied in order — per UTC day, then per
 * ISO week (from Monday), then ever — exactly as takeCap counts them (an activity a cap refuses
 * never counts toward another cap, and a refusal by week or ever holds for the rest of that
 * period).
 *
 * Built for a million contacts: activities are read once, each tested against every rule in one
 * expression; and the three cap windows share one sort order — (contact, rule, week, day, time),
 * of which each window's partition is a prefix — so PostgreSQL sorts once, not three times. A
 * window no rule needs is left out.
 */
export function countedActivities(workspaceId: string, model: LoadedModel, inScope: (column: SQL) => SQL): SQL {
  const rules = model.rules.filter((rule) => rule.enabled);
  if (rules.length === 0) {
    return sql`counted as (select null::uuid as contact_id, null::timestamptz as occurred_at, 0::float8 as points where false)`;
  }
  // A rule's constant by its index, as an inline CASE (null where the rule has none).
  const byRule = (value: (rule: (typeof rules)[number]) => number | undefined, type: 'int' | 'float8') => {
    const whens = rules.flatMap((rule, index) => {
      const constant = value(rule);
      return constant === undefined ? [] : [sql`when ${sql.raw(String(index))} then ${constant}::${sql.raw(type)}`];
    });
    return whens.length === 0 ? sql`null::${sql.raw(type)}` : sql`(case rule ${sql.join(whens, sql` `)} end)`;
  };
  const perDay = byRule((rule) => rule.caps?.perDay, 'int');
  const perWeek = byRule((rule) => rule.caps?.perWeek, 'int');
  const ever = byRule((rule) => rule.caps?.ever, 'int');
  const has = (cap: 'perDay' | 'perWeek' | 'ever') => rules.some((rule) => rule.caps?.[cap] !== undefined);
  const matches = sql`
    matches as (
      select * from (
        select a.contact_id, a.id, a.occurred_at, (a.occurred_at at time zone 'UTC')::date as day,
               date_trunc('week', a.occurred_at at time zone 'UTC')::date as week,
               unnest(array_remove(array[${sql.join(
                 rules.map(
                   (rule, index) => sql`case when ${activityMatchSql(rule.match)} then ${sql.raw(String(index))} end`,
                 ),
                 sql`, `,
               )}]::int[], null)) as rule
          from activities a
         where a.workspace_id = ${workspaceId} and ${inScope(sql`a.contact_id`)}) m
       where m.rule is not null)`;
  const layers: SQL[] = [matches];
  let previous = 'matches';
  // Every window orders by the rest of (week, day, time, id), so all three read one sort order.
  const windows = {
    perDay: sql`partition by m.contact_id, m.rule, m.week, m.day order by m.occurred_at, m.id`,
    perWeek: sql`partition by m.contact_id, m.rule, m.week order by m.day, m.occurred_at, m.id`,
    ever: sql`partition by m.contact_id, m.rule order by m.week, m.day, m.occurred_at, m.id`,
  };
  const caps = { perDay, perWeek, ever };
  const used = (['perDay', 'perWeek', 'ever'] as const).filter(has);
  const combined = rules.some((rule) => used.filter((cap) => rule.caps?.[cap] !== undefined).length > 1);
  if (combined) {
    // A rule with several caps: each period counts only what the shorter one let through.
    for (const cap of used) {
      layers.push(sql`
    ${sql.identifier(`within_${cap}`)} as (
      select * from (select m.*, row_number() over (${windows[cap]}) as ${sql.identifier(`n_${cap}`)}
                       from ${sql.identifier(previous)} m) numbered
       where ${caps[cap]} is null or ${sql.identifier(`n_${cap}`)} <= ${caps[cap]})`);
      previous = `within_${cap}`;
    }
  } else if (used.length > 0) {
    // Each rule has one cap at most: its count runs over all its activities, so one pass numbers
    // them for every period at once.
    layers.push(sql`
    within_caps as (
      select * from (select m.*, ${sql.join(
        used.map((cap) => sql`row_number() over (${windows[cap]}) as ${sql.identifier(`n_${cap}`)}`),
        sql`, `,
      )} from matches m) numbered
       where ${sql.join(
         used.map((cap) => sql`(${caps[cap]} is null or ${sql.identifier(`n_${cap}`)} <= ${caps[cap]})`),
         sql` and `,
       )})`);
    previous = 'within_caps';
  }
  return sql`${sql.join(layers, sql`,`)},
    counted as (select contact_id, occurred_at, ${byRule((rule) => rule.points, 'float8')} as points from ${sql.identifier(previous)})`;
}

/** Seconds from `from` to `to` as float8 (extract gives numeric, far slower over millions of rows). */
export function secondsBetweenSql(from: SQL, to: SQL): SQL {
  return sql`(date_part('epoch', ${to}::timestamptz) - date_part('epoch', ${from}::timestamptz))`;
}

/**
 * CTEs ending in `fitted`: each contact in scope with its profile (lower-cased), persona, fit
 * points, the disqualifying rule its profile meets (if any) and whether it raised its hand. With
 * `lock`, their contact rows and then their score rows are locked in id order (see decisionCtes):
 * contacts first, as every other writer of both does, so scorers never deadlock with them.
 */
export function profileCtes(
  workspaceId: string,
  model: LoadedModel,
  inScope: (column: SQL) => SQL,
  options: { handRaiser?: SQL; disqualifiedBy?: SQL; lock: boolean },
): SQL {
  const persona = personaSql(model.personas);
  return sql`profiles as (
      select c.id, c.xmin as c_xmin, s.xmin as s_xmin, c.lifecycle_stage, s.score_value as old_value, s.score_at as old_at,
             s.grade as old_grade, s.fit_points as old_fit, s.persona_id as old_persona,
             lower(c.title) as title, lower(c.seniority) as seniority, lower(c.department) as department,
             lower(c.country) as country, lower(co.industry) as industry, co.employees, lower(c.source) as source,
             ${emailDomainTypeSql(sql`c.email`)} as email_domain_type,
             lower(nullif(split_part(c.email, '@', 2), '')) as email_domain, c.properties
        from contacts c
        join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
        left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
       where c.workspace_id = ${workspaceId} and c.merged_into_id is null and ${inScope(sql`c.id`)}
       ${options.lock ? sql`order by c.id for update of c, s` : sql``}),
    with_persona as (select p.*, ${persona.id} as persona_id, ${persona.name} as persona_name from profiles p),
    -- Materialized: later steps read fit_points several times, and inlined each would recompute it.
    fitted as materialized (
      select p.*, ${fitPointsSql(model.criteria)} as fit_points, ${options.disqualifiedBy ?? sql`null::text`} as disqualified_by,
             ${options.handRaiser ?? sql`false`} as hand_raised
        from with_persona p)`;
}

/** Whether activity `a` raises a hand: a form marked "contact sales" (by name or flag), or a hand-raising event. */
export function handRaiserActivitySql(model: LoadedModel): SQL {
  const lowered = (values: string[]) => sql`array(select lower(v) from unnest(${sql.param(values)}::text[]) v)`;
  return sql`((a.type = 'form_submit' and (lower(a.title) = any(${lowered(model.handRaiser.forms)}) or a.properties ->> 'handRaiser' = 'true'))
              or (a.type = 'custom' and lower(a.properties ->> 'event') = any(${lowered(model.handRaiser.events)})))`;
}

/** The label of the first disqualifying rule profile `p` meets, or null. */
export function disqualifyingRuleSql(model: LoadedModel): SQL {
  if (model.disqualify.length === 0) return sql`null::text`;
  return sql`(case ${sql.join(
    model.disqualify.map((rule) => sql`when ${conditionSql(rule)} then ${rule.label}::text`),
    sql` `,
  )} end)`;
}

/**
 * Scoring writers of a workspace take this lock before any row lock: shared for the pipeline and
 * edits (they run side by side), exclusive for a full rescore — so a rescore never deadlocks with
 * a batch that locked contacts it is about to rewrite; the batch waits for it instead.
 */
export async function lockScoring(db: Executor, workspaceId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  await db.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(7311200, hashtext(${workspaceId}))`
      : sql`select pg_advisory_xact_lock(7311200, hashtext(${workspaceId}))`,
  );
}
