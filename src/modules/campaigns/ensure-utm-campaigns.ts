import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import type { Channel } from './schema';

/**
 * The campaign for each `utm_campaign` value, created on first sight (named after the tag, with
 * the channel it arrived through; both editable later). Returns utm value (lower case) → id.
 */
export async function ensureUtmCampaigns(
  db: Executor,
  input: { workspaceId: string; campaigns: Map<string, Channel>; newId: () => string; at: Date },
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (input.campaigns.size === 0) return ids;
  const rows = new Map<string, { id: string; utm: string; channel: Channel }>();
  for (const [utm, channel] of input.campaigns) {
    const key = utm.toLowerCase();
    if (!rows.has(key)) rows.set(key, { id: input.newId(), utm, channel });
  }
  await db.execute(sql`
    insert into campaigns (workspace_id, id, name, channel, utm_campaign, status, created_at)
    select ${input.workspaceId}, id, utm, channel, utm, 'active', ${input.at}
      from jsonb_to_recordset(${JSON.stringify([...rows.values()])}::jsonb) as r(id uuid, utm text, channel text)
    on conflict (workspace_id, lower(utm_campaign)) do nothing`);
  const { rows: found } = await db.execute<{ id: string; utm: string }>(sql`
    select id, lower(utm_campaign) as utm from campaigns
     where workspace_id = ${input.workspaceId} and lower(utm_campaign) = any(${sql.param([...rows.keys()])}::text[])`);
  for (const row of found) ids.set(row.utm, row.id);
  return ids;
}
