import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { powerOfTwoSql } from '../contacts/score-sql';
import { gradesAtLeast } from './fit-grade';
import { countedActivities, disqualifyingRuleSql, handRaiserActivitySql, profileCtes } from './score-contacts';
import { DAY_MS } from './score-math';
import type { LoadedModel } from './scoring-model';
import { gradeSql } from './scoring-sql';

export type PreviewOutcome = {
  contactsScored: number;
  mqls: number;
  handRaisers: number;
  accepted: number;
  rejected: number;
  rejectedByReason: { reason: string; label: string; count: number }[];
  won: number;
  wonAmountMinor: number;
};

/**
 * What a model would have done over the last `days` days: replays the engagement of every contact
 * active in that window (score at each of its activities, decayed exactly) with today's profiles,
 * and counts who would have become an MQL (threshold or hand-raise, unless disqualified) — then
 * what sales actually did with those people: accepted, rejected and why, won.
 */
export async function previewModel(
  db: Executor,
  input: { workspaceId: string; model: LoadedModel; days: number; now: Date },
): Promise<PreviewOutcome> {
  const { workspaceId, model, now } = input;
  const from = new Date(now.getTime() - input.days * DAY_MS);
  const halfLifeSeconds = (model.halfLifeDays * DAY_MS) / 1000;
  const inScope = (column: SQL) =>
    sql`${column} in (select distinct contact_id from activities
                       where workspace_id = ${workspaceId} and occurred_at >= ${from} and contact_id is not null)`;
  const grades = gradesAtLeast(model.mqlRule.minGrade);
  const { rows } = await db.execute<{
    contacts_scored: number;
    mqls: number;
    hand_raisers: number;
    accepted: number;
    rejected: number;
    won: number;
    won_amount: string | null;
    reasons: { reason: string; label: string; count: number }[] | null;
  }>(sql`
    with ${profileCtes(workspaceId, model, inScope, { disqualifiedBy: disqualifyingRuleSql(model), lock: false })},
    ${countedActivities(workspaceId, model, inScope)},
    -- The score right after each activity: a running sum, scaled so decay is one multiplication.
    running as (
      select contact_id, occurred_at,
             sum(points * ${powerOfTwoSql(sql`extract(epoch from (occurred_at - ${from}::timestamptz)) / ${halfLifeSeconds}::float8`)})
               over (partition by contact_id order by occurred_at)
             * ${powerOfTwoSql(sql`-extract(epoch from (occurred_at - ${from}::timestamptz)) / ${halfLifeSeconds}::float8`)} as score
        from counted),
    crossed as (
      select contact_id, min(occurred_at) as at from running
       where occurred_at >= ${from} and occurred_at <= ${now} and score >= ${model.mqlRule.minScore}
       group by contact_id),
    raised as (
      select a.contact_id, min(a.occurred_at) as at from activities a
       where a.workspace_id = ${workspaceId} and a.occurred_at >= ${from} and a.occurred_at <= ${now}
         and ${inScope(sql`a.contact_id`)} and ${handRaiserActivitySql(model)}
       group by a.contact_id),
    graded as (
      select f.id, f.disqualified_by,
             ${gradeSql(sql`f.fit_points`, model.gradeBands)} as grade
        from fitted f),
    would as (
      select g.id, r.at is not null as hand_raised,
             least(r.at, case when g.grade = any(${sql.param(grades)}::text[]) then c.at end) as mql_at
        from graded g
        left join crossed c on c.contact_id = g.id
        left join raised r on r.contact_id = g.id
       where g.disqualified_by is null),
    mqls as (select * from would where mql_at is not null),
    verdicts as (
      select m.id,
             exists (select 1 from stage_transitions st where st.workspace_id = ${workspaceId} and st.contact_id = m.id
                        and st.to_stage = 'sal' and st.at >= ${from}) as accepted,
             (select st.details -> 'rejection' from stage_transitions st
               where st.workspace_id = ${workspaceId} and st.contact_id = m.id and st.at >= ${from}
                 and st.details ? 'rejection' order by st.at desc limit 1) as rejection,
             (select coalesce(sum(d.amount_minor), 0) from deals d
                join deal_contacts dc on dc.workspace_id = d.workspace_id and dc.deal_id = d.id
               where d.workspace_id = ${workspaceId} and dc.contact_id = m.id and d.status = 'won') as won_amount,
             exists (select 1 from deals d join deal_contacts dc on dc.workspace_id = d.workspace_id and dc.deal_id = d.id
                      where d.workspace_id = ${workspaceId} and dc.contact_id = m.id and d.status = 'won') as won
        from mqls m)
    select (select count(*)::int from fitted) as contacts_scored,
           (select count(*)::int from mqls) as mqls,
           (select count(*)::int from mqls where hand_raised) as hand_raisers,
           (select count(*)::int from verdicts where accepted) as accepted,
           (select count(*)::int from verdicts where rejection is not null) as rejected,
           (select count(*)::int from verdicts where won) as won,
           (select sum(won_amount)::text from verdicts) as won_amount,
           (select jsonb_agg(jsonb_build_object('reason', reason, 'label', label, 'count', n) order by n desc, reason)
              from (select rejection ->> 'reason' as reason, max(rejection ->> 'label') as label, count(*)::int as n
                      from verdicts where rejection is not null group by 1) r) as reasons`);
  const row = rows[0]!;
  return {
    contactsScored: row.contacts_scored,
    mqls: row.mqls,
    handRaisers: row.hand_raisers,
    accepted: row.accepted,
    rejected: row.rejected,
    rejectedByReason: row.reasons ?? [],
    won: row.won,
    wonAmountMinor: Number(row.won_amount ?? 0),
  };
}
