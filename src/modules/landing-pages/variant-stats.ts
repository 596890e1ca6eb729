import type { AppContext } from '../../core/context';

export type VariantStats = {
  variantId: string;
  views: number;
  submissions: number;
  downloads: number;
  /** Submissions per view; null before the first view. */
  conversionRate: number | null;
};

/** Views, submissions and downloads of each variant of a page, and its conversion rate. */
export async function variantStats(
  ctx: AppContext,
  workspaceId: string,
  pageId: string,
  range: { from?: Date; to?: Date } = {},
): Promise<VariantStats[]> {
  const { rows } = await ctx.pool.query<{ variant_id: string; views: number; submissions: number; downloads: number }>(
    `select variant_id,
            count(*) filter (where step = 'page_view')::int as views,
            count(*) filter (where step = 'submission')::int as submissions,
            count(*) filter (where step = 'download')::int as downloads
       from conversion_events
      where workspace_id = $1 and landing_page_id = $2 and variant_id is not null
        and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
      group by variant_id order by variant_id`,
    [workspaceId, pageId, range.from ?? null, range.to ?? null],
  );
  return rows.map((row) => ({
    variantId: row.variant_id,
    views: row.views,
    submissions: row.submissions,
    downloads: row.downloads,
    conversionRate: row.views > 0 ? row.submissions / row.views : null,
  }));
}
