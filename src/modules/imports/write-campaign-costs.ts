import type { NormalizedRow, RowError } from './normalize-row';
import {
  type ChunkEnv,
  type ChunkOutcome,
  failRows,
  lookup,
  matchedIds,
  newIds,
  type StageColumn,
  sharedCreationLock,
  stageCounts,
  stageRows,
} from './staging';

const field = (name: string) => (row: NormalizedRow) => row.fields[name];

const columns: StageColumn[] = [
  ['campaign_name', 'text', field('campaign')],
  ['channel', 'text', field('channel')],
  ['period_start', 'date', field('periodStart')],
  ['amount_minor', 'bigint', field('amount')],
  ['currency', 'text', field('currency')],
  ['note', 'text', field('note')],
];

async function resolveCampaigns(env: ChunkEnv): Promise<void> {
  await env.client.query(
    `with names as (select distinct lower(campaign_name) as lname from import_stage where campaign_id is null and not failed),
          m as materialized (
            select names.lname, p.id from names cross join lateral (
              select c.id from campaigns c where c.workspace_id = $1 and lower(c.name) = names.lname
               order by c.created_at, c.id limit 1) p)
     update import_stage s set campaign_id = m.id
       from m where s.campaign_id is null and not s.failed and lower(s.campaign_name) = m.lname`,
    [env.workspaceId],
  );
}

/**
 * Campaign costs: a campaign (by name, created with its channel when missing), a period start,
 * an amount in minor units and its currency. A cost is the same when its campaign, period,
 * currency and note are: re-importing updates the amount.
 */
export async function writeCampaignCosts(env: ChunkEnv, rows: NormalizedRow[]): Promise<ChunkOutcome> {
  const { client, workspaceId, at } = env;
  await stageRows(client, columns, rows, at, ['campaign_id uuid']);
  const errors: RowError[] = [];
  await resolveCampaigns(env);
  const { rows: missing } = await client.query<{ campaign_name: string; channel: string }>(
    `select distinct on (lower(campaign_name)) campaign_name, channel from import_stage
      where campaign_id is null and channel is not null order by lower(campaign_name), row_number`,
  );
  if (missing.length > 0) {
    await env.shared(async (db) => {
      await sharedCreationLock(db, workspaceId);
      const ids = newIds(missing.length, at.getTime());
      await db.query(
        `insert into campaigns (workspace_id, id, name, channel, status, created_at)
         select $1, r.id, r.name, r.channel, 'active', $3
           from jsonb_to_recordset($2::jsonb) as r(id uuid, name text, channel text)
          where not exists (select 1 from campaigns c where c.workspace_id = $1 and lower(c.name) = lower(r.name))`,
        [
          workspaceId,
          JSON.stringify(
            missing.map((row, index) => ({ id: ids[index], name: row.campaign_name, channel: row.channel })),
          ),
          at,
        ],
      );
    });
    await resolveCampaigns(env);
  }
  errors.push(
    ...(await failRows(client, {
      where: 's.campaign_id is null',
      reason: `'no campaign named "' || s.campaign_name || '" (map a Channel column to create it)'`,
      value: 's.campaign_name',
      field: 'campaign',
    })),
  );
  await lookup(client, {
    where: 't.campaign_id is not null',
    probe: `select k.id from campaign_costs k
             where k.workspace_id = $1 and k.campaign_id = t.campaign_id and k.period_start = t.period_start
               and k.currency = t.currency and coalesce(k.note, '') = coalesce(t.note, '')
             order by k.created_at, k.id`,
    set: 'target_id = m.id',
    params: [workspaceId],
  });
  const ids = await matchedIds(client);
  if (ids.length > 0) {
    await client.query(
      `with changed as (
         update campaign_costs k set amount_minor = s.amount_minor
           from import_stage s
          where k.workspace_id = $1 and k.id = any($2::uuid[]) and k.id = s.target_id and not s.failed
            and k.amount_minor <> s.amount_minor
         returning s.row_number)
       update import_stage s set updated = true from changed where s.row_number = changed.row_number`,
      [workspaceId, ids],
    );
  }
  await client.query(
    `with created as (
       insert into campaign_costs (workspace_id, id, campaign_id, period_start, amount_minor, currency, note, created_at)
       select $1, s.new_id, s.campaign_id, s.period_start, s.amount_minor, s.currency, s.note, $2
         from import_stage s
        where s.target_id is null and not s.failed
        order by s.row_number
       returning id)
     update import_stage s set inserted = true, target_id = s.new_id from created where s.new_id = created.id`,
    [workspaceId, at],
  );
  return { ...(await stageCounts(client)), errors };
}
