import type { NormalizedRow, RowError } from './normalize-row';
import {
  assignments,
  type ChunkEnv,
  type ChunkOutcome,
  checkRequiredProperties,
  failRows,
  insertRows,
  lookup,
  matchedIds,
  type StageColumn,
  stageCounts,
  stageRows,
} from './staging';

const field = (name: string) => (row: NormalizedRow) => row.fields[name];

const columns: StageColumn[] = [
  ['name', 'text', field('name')],
  ['domain', 'text', field('domain')],
  ['external_id', 'text', field('externalId')],
  ['industry', 'text', field('industry')],
  ['employees', 'int', field('employees')],
  ['country', 'text', field('country')],
  ['region', 'text', field('region')],
  ['owner_id', 'uuid', field('ownerId')],
  ['properties', 'jsonb', (row) => row.properties],
];

/** By external id, then domain, then name (the oldest company of that name); never one with another external id. */
async function resolveCompanies(env: ChunkEnv): Promise<void> {
  const { client, workspaceId } = env;
  await lookup(client, {
    where: 't.target_id is null and t.external_id is not null',
    probe: 'select co.id from companies co where co.workspace_id = $1 and co.external_id = t.external_id',
    set: `target_id = m.id, matched_by = 'external_id'`,
    params: [workspaceId],
  });
  await lookup(client, {
    where: 't.target_id is null and t.domain is not null',
    probe: `select co.id from companies co where co.workspace_id = $1 and co.domain = t.domain
               and (co.external_id is null or t.external_id is null)`,
    set: `target_id = m.id, matched_by = 'domain'`,
    params: [workspaceId],
  });
  await lookup(client, {
    where: 't.target_id is null and t.name is not null',
    probe: `select co.id from companies co where co.workspace_id = $1 and lower(co.name) = lower(t.name)
               and (co.domain is null or t.domain is null) and (co.external_id is null or t.external_id is null)
             order by co.created_at, co.id`,
    set: `target_id = m.id, matched_by = 'name'`,
    params: [workspaceId],
  });
}

/**
 * Companies: upserted by external id, domain or name. A value in the file replaces the stored one;
 * an empty cell leaves it; a domain another company has is a row error.
 */
export async function writeCompanies(env: ChunkEnv, rows: NormalizedRow[]): Promise<ChunkOutcome> {
  const { client, workspaceId, at } = env;
  await stageRows(client, columns, rows, at);
  const errors: RowError[] = [];
  await resolveCompanies(env);
  const domainTaken = async () => {
    await lookup(client, {
      where: 't.target_id is not null and t.domain is not null',
      probe:
        'select o.id, o.name from companies o where o.workspace_id = $1 and o.domain = t.domain and o.id <> t.target_id',
      set: 'other_id = m.id, other_name = m.name',
      params: [workspaceId],
    });
    return failRows(client, {
      where: 's.other_id is not null',
      reason: `'the domain ' || s.domain || ' belongs to another company (' || s.other_name || ')'`,
      value: 's.domain',
      field: 'domain',
      code: 'conflict',
    });
  };
  errors.push(...(await domainTaken()));
  errors.push(...(await checkRequiredProperties(env)));

  const update = assignments(
    [
      ['name', 'coalesce(s.name, co.name)'],
      ['domain', 'coalesce(s.domain, co.domain)'],
      ['external_id', 'coalesce(co.external_id, s.external_id)'],
      ['industry', 'coalesce(s.industry, co.industry)'],
      ['employees', 'coalesce(s.employees, co.employees)'],
      ['country', 'coalesce(s.country, co.country)'],
      ['region', 'coalesce(s.region, co.region)'],
      ['owner_id', 'coalesce(s.owner_id, co.owner_id)'],
      ['properties', 'co.properties || s.properties'],
    ],
    'co',
  );
  const updateExisting = async () => {
    const ids = await matchedIds(client);
    if (ids.length === 0) return;
    await client.query(
      `with changed as (
         update companies co set ${update.set}, updated_at = $2
           from import_stage s
          where co.workspace_id = $1 and co.id = any($3::uuid[]) and co.id = s.target_id
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
         insert into companies (workspace_id, id, name, domain, external_id, industry, employees, country, region,
                                owner_id, properties, created_at, updated_at)
         select $1, s.new_id,
                coalesce(s.name, initcap(split_part(s.domain, '.', 1)), 'Company ' || s.external_id),
                s.domain, s.external_id, s.industry, s.employees, s.country, s.region, s.owner_id, s.properties, $2, $2
           from import_stage s
          where s.target_id is null and not s.failed
          order by s.row_number
         ${onConflict}
         returning id)
       update import_stage s set inserted = true, target_id = s.new_id from created where s.new_id = created.id`,
    [workspaceId, at],
  );
  if (clashed) {
    await resolveCompanies(env);
    errors.push(...(await domainTaken()));
    await updateExisting();
    errors.push(
      ...(await failRows(client, {
        where: 's.target_id is null',
        reason: `'conflicts with another company (same domain or external ID)'`,
        value: 'coalesce(s.domain, s.external_id)',
        field: 'domain',
        code: 'conflict',
      })),
    );
  }
  return { ...(await stageCounts(client)), errors };
}
