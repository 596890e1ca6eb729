import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { deals } from './schema';

export type DealSummary = {
  currency: string;
  open: { count: number; amountMinor: number };
  wonSince: { count: number; amountMinor: number };
  lostSince: { count: number };
};

/** Open pipeline, and deals won and lost since a moment, in the workspace's main currency. */
export async function summarizeDeals(
  ctx: AppContext,
  input: { workspaceId: string; since: Date },
): Promise<DealSummary> {
  const { rows } = await ctx.db.execute<{
    currency: string | null;
    open_count: number;
    open_amount: number;
    won_count: number;
    won_amount: number;
    lost_count: number;
  }>(sql`
    select mode() within group (order by ${deals.currency}) as currency,
           count(*) filter (where ${deals.status} = 'open')::int as open_count,
           coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'open'), 0)::bigint as open_amount,
           count(*) filter (where ${deals.status} = 'won' and ${deals.closedAt} >= ${input.since})::int as won_count,
           coalesce(sum(${deals.amountMinor}) filter (where ${deals.status} = 'won' and ${deals.closedAt} >= ${input.since}), 0)::bigint as won_amount,
           count(*) filter (where ${deals.status} = 'lost' and ${deals.closedAt} >= ${input.since})::int as lost_count
      from ${deals}
     where ${deals.workspaceId} = ${input.workspaceId}`);
  const row = rows[0]!;
  return {
    currency: row.currency ?? 'USD',
    open: { count: row.open_count, amountMinor: Number(row.open_amount) },
    wonSince: { count: row.won_count, amountMinor: Number(row.won_amount) },
    lostSince: { count: row.lost_count },
  };
}
