/**
 * Engagement score with exact exponential decay. A contact's score is stored as the pair
 * (value, at): the decayed sum at the moment `at`. The score at any later moment is
 * value × 2^-(elapsed / half-life) — computed when read, never by a nightly pass.
 *
 * Because every contact decays by the same factor, ordering contacts by current score is ordering
 * them by `rank = log2(value) + at / half-life`: a number that does not change with time, which
 * PostgreSQL can index. "score ≥ X now" is "rank ≥ log2(X) + now / half-life".
 */
export const DAY_MS = 86_400_000;

export type ScoreState = { value: number; at: number };

export function decayFactor(elapsedMs: number, halfLifeDays: number): number {
  return 2 ** (-Math.max(0, elapsedMs) / (halfLifeDays * DAY_MS));
}

/** The score now, never below zero (negative signals can cancel engagement, not go under it). */
export function currentScore(state: ScoreState, now: number, halfLifeDays: number): number {
  return Math.max(0, state.value * decayFactor(now - state.at, halfLifeDays));
}

/**
 * Adds `points` earned at `time`. Points from the past (a late event) are decayed to the state's
 * moment; otherwise the state moves forward to `time`.
 */
export function addPoints(state: ScoreState, points: number, time: number, halfLifeDays: number): ScoreState {
  if (time >= state.at) {
    return { value: state.value * decayFactor(time - state.at, halfLifeDays) + points, at: time };
  }
  return { value: state.value + points * decayFactor(state.at - time, halfLifeDays), at: state.at };
}

/** The time-independent sort key of a score (null when the score is zero or below: last). */
export function scoreRank(state: ScoreState, halfLifeDays: number): number | null {
  if (state.value <= 0) return null;
  return Math.log2(state.value) + state.at / (halfLifeDays * DAY_MS);
}

/** The rank a score of `score` has at `now`: the bound for "score ≥ score" filters. */
export function rankAt(score: number, now: number, halfLifeDays: number): number {
  return Math.log2(score) + now / (halfLifeDays * DAY_MS);
}
