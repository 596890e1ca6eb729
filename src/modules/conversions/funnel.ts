import type { AppContext } from '../../core/context';
import { countsByKey, emptyCounts, type FunnelSummary, summarizeFunnel } from './funnel-math';
import type { ConversionStep } from './schema';

export const funnelGroupings = ['source', 'campaign', 'page', 'variant', 'cta'] as const;
export type FunnelGrouping = (typeof funnelGroupings)[number];
export const funnelIntervals = ['day', 'week'] as const;
export type FunnelInterval = (typeof funnelIntervals)[number];

export type FunnelQuery = {
  workspaceId: string;
  from: Date;
  to: Date;
  groupBy?: FunnelGrouping;
  interval: FunnelInterval;
};

export type Funnel = {
  from: Date;
  to: Date;
  interval: FunnelInterval;
  groupBy: FunnelGrouping | null;
  total: FunnelSummary;
  groups: (FunnelSummary & { key: string | null; label: string })[];
  series: (FunnelSummary & { period: Date })[];
};

/** The column (as SQL over conversion_events `e`) each grouping counts by. */
const groupColumn: Record<FunnelGrouping, string> = {
  source: 'e.source',
  campaign: 'e.campaign',
  page: 'e.landing_page_id::text',
  variant: `e.landing_page_id::text || ':' || e.variant_id`,
  cta: 'e.cta_id::text',
};

/**
 * The conversion path over [from, to): counts per step in total, per group and per day or ISO
 * week (UTC), each with its step-to-step rates. One indexed range scan of conversion_events.
 */
export async function conversionFunnel(ctx: AppContext, query: FunnelQuery): Promise<Funnel> {
  const key = query.groupBy ? groupColumn[query.groupBy] : 'null::text';
  const { rows } = await ctx.pool.query<{
    grp: string | null;
    period: Date | null;
    step: ConversionStep;
    count: number;
  }>(
    `select ${key} as grp, null::timestamptz as period, e.step, count(*)::int as count
       from conversion_events e where e.workspace_id = $1 and e.at >= $2 and e.at < $3
      group by 1, e.step
     union all
     select null, date_trunc($4, e.at, 'UTC'), e.step, count(*)::int
       from conversion_events e where e.workspace_id = $1 and e.at >= $2 and e.at < $3
      group by 2, e.step
      order by 2 nulls first, 4 desc`,
    [query.workspaceId, query.from, query.to, query.interval],
  );
  const groupRows = rows.filter((row) => row.period === null);
  const periodRows = rows.filter((row) => row.period !== null);
  const total = emptyCounts();
  for (const row of groupRows) total[row.step] += row.count;

  const byGroup = countsByKey(groupRows.map((row) => ({ key: row.grp, step: row.step, count: row.count })));
  const labels = query.groupBy ? await labelsOf(ctx, query.workspaceId, query.groupBy, [...byGroup.keys()]) : new Map();
  const groups = query.groupBy
    ? [...byGroup]
        .map(([groupKey, counts]) => ({
          key: groupKey,
          label: groupKey === null ? '(none)' : (labels.get(groupKey) ?? groupKey),
          ...summarizeFunnel(counts),
        }))
        .sort((a, b) => b.counts.page_view - a.counts.page_view || b.counts.cta_view - a.counts.cta_view)
    : [];
  const byPeriod = countsByKey(
    periodRows.map((row) => ({ key: row.period!.getTime(), step: row.step, count: row.count })),
  );
  const series = [...byPeriod]
    .sort(([a], [b]) => a - b)
    .map(([period, counts]) => ({ period: new Date(period), ...summarizeFunnel(counts) }));
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    groupBy: query.groupBy ?? null,
    total: summarizeFunnel(total),
    groups,
    series,
  };
}

/** Names for page, variant and CTA ids (sources and campaigns are their own labels). */
async function labelsOf(
  ctx: AppContext,
  workspaceId: string,
  grouping: FunnelGrouping,
  keys: (string | null)[],
): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null);
  if (ids.length === 0 || grouping === 'source' || grouping === 'campaign') return new Map();
  if (grouping === 'cta') {
    const { rows } = await ctx.pool.query<{ id: string; name: string }>(
      'select id::text, name from ctas where workspace_id = $1 and id::text = any($2::text[])',
      [workspaceId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
  const { rows } = await ctx.pool.query<{ key: string; label: string }>(
    grouping === 'page'
      ? 'select id::text as key, name as label from landing_pages where workspace_id = $1 and id::text = any($2::text[])'
      : `select p.id::text || ':' || v.id as key, p.name || ' · ' || v.name as label
           from landing_pages p join landing_page_variants v on v.workspace_id = p.workspace_id and v.page_id = p.id
          where p.workspace_id = $1 and p.id::text || ':' || v.id = any($2::text[])`,
    [workspaceId, ids],
  );
  return new Map(rows.map((row) => [row.key, row.label]));
}
