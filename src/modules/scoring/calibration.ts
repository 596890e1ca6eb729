import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { currentScoreSql } from '../contacts/score-sql';

export type CalibrationOutcome = 'customer' | `property:${string}`;

export type Calibration = {
  outcome: CalibrationOutcome;
  contacts: number;
  positives: number;
  /** Probability that a random converted contact ranks above a random other one (ties count half). */
  auc: number | null;
  byGrade: { grade: string; contacts: number; positives: number; rate: number }[];
  byScoreDecile: {
    decile: number;
    minScore: number;
    maxScore: number;
    contacts: number;
    positives: number;
    rate: number;
  }[];
};

/** Whether contact `c` had the outcome: became a customer, or carries a truthy value in a property. */
function outcomeSql(outcome: CalibrationOutcome): SQL {
  if (outcome === 'customer') {
    return sql`(c.lifecycle_stage = 'customer' or exists (select 1 from stage_transitions st
                 where st.workspace_id = c.workspace_id and st.contact_id = c.id and st.to_stage = 'customer'))`;
  }
  const key = outcome.slice('property:'.length);
  return sql`(lower(c.properties ->> ${key}) in ('1', 'true', 'yes', 'y', 'won', 'converted'))`;
}

/**
 * How well the model ranks: every contact's lead score (fit points plus engagement now) against an
 * outcome, as ROC AUC (Mann–Whitney, ties averaged), conversion by grade and by score decile.
 */
export async function calibrate(
  db: Executor,
  input: { workspaceId: string; outcome: CalibrationOutcome; now: Date },
): Promise<Calibration> {
  const { workspaceId, now } = input;
  const { rows } = await db.execute<{
    contacts: number;
    positives: number;
    auc: number | null;
    by_grade: Calibration['byGrade'] | null;
    by_decile: Calibration['byScoreDecile'] | null;
  }>(sql`
    with scored as (
      select cs.grade, cs.fit_points + ${currentScoreSql('cs', workspaceId, now)} as lead_score,
             ${outcomeSql(input.outcome)} as positive
        from contacts c join contact_scores cs on cs.workspace_id = c.workspace_id and cs.contact_id = c.id
       where c.workspace_id = ${workspaceId} and c.merged_into_id is null),
    ranked as (
      select s.*, rank() over (order by lead_score) + (count(*) over (partition by lead_score) - 1) / 2.0 as average_rank,
             ntile(10) over (order by lead_score desc) as decile
        from scored s),
    totals as (select count(*) as n, count(*) filter (where positive) as p from ranked)
    select t.n::int as contacts, t.p::int as positives,
           case when t.p = 0 or t.p = t.n then null
                else ((select sum(average_rank) from ranked where positive) - t.p * (t.p + 1) / 2.0) / (t.p * (t.n - t.p))::float8 end as auc,
           (select jsonb_agg(jsonb_build_object('grade', grade, 'contacts', n, 'positives', p, 'rate', round(p::numeric / n, 4)) order by grade)
              from (select coalesce(grade, '–') as grade, count(*)::int as n, count(*) filter (where positive)::int as p
                      from ranked group by 1) g) as by_grade,
           (select jsonb_agg(jsonb_build_object('decile', decile, 'minScore', lo, 'maxScore', hi, 'contacts', n, 'positives', p,
                                                'rate', round(p::numeric / n, 4)) order by decile)
              from (select decile, min(lead_score)::int as lo, max(lead_score)::int as hi, count(*)::int as n,
                           count(*) filter (where positive)::int as p from ranked group by decile) d) as by_decile
      from totals t`);
  const row = rows[0]!;
  return {
    outcome: input.outcome,
    contacts: row.contacts,
    positives: row.positives,
    auc: row.auc === null ? null : Math.round(Number(row.auc) * 10_000) / 10_000,
    byGrade: (row.by_grade ?? []).map((item) => ({ ...item, rate: Number(item.rate) })),
    byScoreDecile: (row.by_decile ?? []).map((item) => ({ ...item, rate: Number(item.rate) })),
  };
}
