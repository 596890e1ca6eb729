import type { NormalizedRow, RowError } from './normalize-row';
import {
  assignments,
  type ChunkEnv,
  type ChunkOutcome,
  cachedCompany,
  checkRequiredProperties,
  failRows,
  insertRows,
  linkCompanies,
  linkContacts,
  lookup,
  matchedIds,
  type StageColumn,
  stageCounts,
  stageRows,
} from './staging';

const field = (name: string) => (row: NormalizedRow) => row.fields[name];

const columns = (env: ChunkEnv): StageColumn[] => [
  ['name', 'text', field('name')],
  ['external_id', 'text', field('externalId')],
  ['company_name', 'text', field('company')],
  ['company_domain', 'text', field('companyDomain')],
  ['company_id', 'uuid', (row) => cachedCompany(env, row.fields.company, row.fields.companyDomain)],
  ['owner_id', 'uuid', field('ownerId')],
  ['amount_minor', 'bigint', field('amount')],
  ['currency', 'text', field('currency')],
  ['stage', 'text', field('stage')],
  ['status', 'text', field('status')],
  ['closed_at', 'timestamptz', field('closedAt')],
  ['expected_close_on', 'date', field('expectedCloseDate')],
  ['lost_reason', 'text', field('lostReason')],
  ['contact_email', 'text', field('contactEmail')],
  ['contact_external_id', 'text', () => null],
  ['created_at', 'timestamptz', field('createdAt')],
  ['properties', 'jsonb', (row) => row.properties],
];

/** By external id; rows without one (or not found) by name within their company, among deals without an external id. */
async function resolveDeals(env: ChunkEnv): Promise<void> {
  const { client, workspaceId } = env;
  await lookup(client, {
    where: 't.target_id is null and t.external_id is not null',
    probe: 'select d.id from deals d where d.workspace_id = $1 and d.external_id = t.external_id',
    set: `target_id = m.id, matched_by = 'external_id'`,
    params: [workspaceId],
  });
  // No index on deal names: one pass over the workspace's deals, the names hashed (a constant array).
  const { rows } = await client.query<{ names: string[] | null }>(
    `select array_agg(distinct lower(name)) as names from import_stage where target_id is null and name is not null and not failed`,
  );
  if (!rows[0]!.names) return;
  await client.query(
    `with m as materialized (
       select distinct on (lower(d.name), d.company_id) lower(d.name) as lname, d.company_id, d.id
         from deals d
        where d.workspace_id = $1 and d.external_id is null and lower(d.name) = any($2::text[])
        order by lower(d.name), d.company_id, d.created_at, d.id)
     update import_stage s set target_id = m.id, matched_by = 'name'
       from m
      where s.target_id is null and not s.failed and s.name is not null and lower(s.name) = m.lname
        and s.company_id is not distinct from m.company_id`,
    [workspaceId, rows[0]!.names],
  );
}

/**
 * Deals: upserted by external id (else name and company). Linked to their account by name or
 * domain (created if missing) and to a contact by email; the owner is a user found by email or
 * name. Won and lost deals keep their close date.
 */
export async function writeDeals(env: ChunkEnv, rows: NormalizedRow[]): Promise<ChunkOutcome> {
  const { client, workspaceId, at } = env;
  await stageRows(client, columns(env), rows, at, ['contact_id uuid']);
  const errors: RowError[] = [];
  errors.push(...(await linkCompanies(env, env.options.createMissingCompanies, 'company')));
  errors.push(...(await linkContacts(env)));
  await resolveDeals(env);
  errors.push(...(await checkRequiredProperties(env)));

  const status = 'coalesce(s.status, d.status)';
  const update = assignments(
    [
      ['name', 'coalesce(s.name, d.name)'],
      ['external_id', 'coalesce(d.external_id, s.external_id)'],
      ['company_id', 'coalesce(s.company_id, d.company_id)'],
      ['owner_id', 'coalesce(s.owner_id, d.owner_id)'],
      ['amount_minor', 'coalesce(s.amount_minor, d.amount_minor)'],
      ['currency', 'coalesce(s.currency, d.currency)'],
      ['status', status],
      [
        'stage',
        `case when ${status} = 'open' and coalesce(s.stage, d.stage) like 'closed%' then 'discovery'
              else coalesce(s.stage, d.stage) end`,
      ],
      ['expected_close_on', 'coalesce(s.expected_close_on, d.expected_close_on)'],
      ['closed_at', `case when ${status} = 'open' then null else coalesce(s.closed_at, d.closed_at, $2) end`],
      ['lost_reason', `case when ${status} = 'lost' then coalesce(s.lost_reason, d.lost_reason) end`],
      ['properties', 'd.properties || s.properties'],
    ],
    'd',
  );
  const updateExisting = async () => {
    const ids = await matchedIds(client);
    if (ids.length === 0) return;
    await client.query(
      `with changed as (
         update deals d set ${update.set}, updated_at = $2
           from import_stage s
          where d.workspace_id = $1 and d.id = any($3::uuid[]) and d.id = s.target_id
            and not s.failed and not s.updated and not s.inserted and ${update.changed}
         returning s.row_number)
       update import_stage s set updated = true from changed where s.row_number = changed.row_number`,
      [workspaceId, at, ids],
    );
  };
  await updateExisting();
  const { clashed } = await insertRows(
    client,
    (onConflict) => `with created as (
       insert into deals (workspace_id, id, name, external_id, company_id, owner_id, amount_minor, currency, stage, status,
                          expected_close_on, closed_at, lost_reason, properties, created_at, updated_at)
       select $1, s.new_id, coalesce(s.name, 'Deal from row ' || s.row_number), s.external_id, s.company_id, s.owner_id,
              coalesce(s.amount_minor, 0), coalesce(s.currency, $3), coalesce(s.stage, 'discovery'), coalesce(s.status, 'open'),
              s.expected_close_on,
              case when coalesce(s.status, 'open') <> 'open' then coalesce(s.closed_at, $2) end,
              case when s.status = 'lost' then s.lost_reason end,
              s.properties, coalesce(s.created_at, $2), $2
         from import_stage s
        where s.target_id is null and not s.failed
        order by s.row_number
       ${onConflict}
       returning id)
     update import_stage s set inserted = true, target_id = s.new_id from created where s.new_id = created.id`,
    [workspaceId, at, env.options.defaultCurrency],
  );
  if (clashed) {
    await resolveDeals(env);
    await updateExisting();
    errors.push(
      ...(await failRows(client, {
        where: 's.target_id is null',
        reason: `'conflicts with another deal (same external ID)'`,
        value: 's.external_id',
        field: 'externalId',
        code: 'conflict',
      })),
    );
  }
  if (env.mapped.has('contactEmail')) {
    await client.query(
      `with linked as (
         insert into deal_contacts (workspace_id, deal_id, contact_id)
         select $1, s.target_id, s.contact_id from import_stage s
          where not s.failed and s.target_id is not null and s.contact_id is not null
         on conflict do nothing
         returning deal_id)
       update import_stage s set updated = true from linked where s.target_id = linked.deal_id and not s.inserted`,
      [workspaceId],
    );
  }
  return { ...(await stageCounts(client)), errors };
}
