import { type SQL, sql } from 'drizzle-orm';

/**
 * Reading engagement scores. A contact stores its score as (score_value at score_at) and decays
 * exactly from there (scoring/score-math.ts); these expressions give the score at `now` and the
 * bounds on the time-independent `score_rank` that "score ≥ X now" filters use (indexable).
 * The half-life is the workspace's (30 days until it sets one, as the default scoring model).
 */
const halfLifeSeconds = (workspaceId: string) =>
  sql`(coalesce((select coalesce(active_half_life_days, half_life_days) from scoring_settings where workspace_id = ${workspaceId}), 30) * 86400)`;

/**
 * 2^-(elapsed / half-life): the decay factor, never below 2^-1000 (PostgreSQL raises an error on
 * float underflow where JavaScript quietly gives 0; at that depth both are nothing) nor above 1.
 */
export function decaySql(elapsedSeconds: SQL, halfLifeSecondsValue: SQL): SQL {
  return sql`power(2::float8, -least(greatest(0::float8, (${elapsedSeconds})::float8 / (${halfLifeSecondsValue})::float8), 1000))`;
}

/** 2^x for |x| ≤ 1000 (clamped), for sums scaled to a reference moment. */
export function powerOfTwoSql(exponent: SQL): SQL {
  return sql`power(2::float8, greatest(-1000::float8, least(1000::float8, (${exponent})::float8)))`;
}

/** The score of the contact whose contact_scores row is `alias`, at `now`, rounded as everyone sees it. */
export function currentScoreSql(alias: string, workspaceId: string, now: Date): SQL {
  const c = sql.raw(alias);
  return sql`(case when ${c}.score_value <= 0 or ${c}.score_at is null then 0
                   else round(${c}.score_value * ${decaySql(sql`extract(epoch from (${now}::timestamptz - ${c}.score_at))`, halfLifeSeconds(workspaceId))})::int end)`;
}

/** A recorded score (`value` as of `at`) decayed to the moment `when`, rounded: the score a lead had then. */
export function scoreThenSql(value: SQL, at: SQL, when: Date, workspaceId: string): SQL {
  return sql`round(${value} * ${decaySql(sql`extract(epoch from (${when}::timestamptz - ${at}))`, halfLifeSeconds(workspaceId))})::int`;
}

/** The rank a score of `score` has at `now`: contacts with rank ≥ it have at least that score now. */
export function scoreRankAtSql(score: number, workspaceId: string, now: Date): SQL {
  return sql`(ln(${score}::float8) / ln(2) + extract(epoch from ${now}::timestamptz) / ${halfLifeSeconds(workspaceId)})`;
}

/** "Score (as shown, rounded) at least `min`" and "at most `max`" as conditions on `s.score_rank` (contact_scores). */
export function scoreRangeConditions(input: { workspaceId: string; now: Date; min?: number; max?: number }): SQL[] {
  const conditions: SQL[] = [];
  // A shown score of X is a value in [X − 0.5, X + 0.5).
  if (input.min !== undefined && input.min > 0) {
    conditions.push(sql`s.score_rank >= ${scoreRankAtSql(input.min - 0.5, input.workspaceId, input.now)}`);
  }
  if (input.max !== undefined) {
    conditions.push(
      input.max < 0
        ? sql`false`
        : sql`(s.score_rank is null or s.score_rank < ${scoreRankAtSql(input.max + 0.5, input.workspaceId, input.now)})`,
    );
  }
  return conditions;
}
