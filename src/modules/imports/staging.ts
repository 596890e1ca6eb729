import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { copyRows } from '../../core/db/copy-rows';
import type { ImportOptions } from './mapping';
import type { NormalizedRow, RowError } from './normalize-row';
import type { ImportErrorCode } from './schema';

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * `count` UUIDv7s at once (time-ordered, so bulk inserts land at the right edge of indexes), from
 * one buffer of random bytes: bulk loads need hundreds of thousands.
 */
export function newIds(count: number, at = Date.now()): string[] {
  const random = randomBytes(count * 8);
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i += 1) {
    const millis = at + Math.floor(i / 4096);
    const sequence = i % 4096;
    const time = millis.toString(16).padStart(12, '0');
    const r = i * 8;
    ids[i] =
      `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex[sequence >> 8]![1]}${hex[sequence & 0xff]}-` +
      `${hex[(random[r]! & 0x3f) | 0x80]}${hex[random[r + 1]!]}-` +
      `${hex[random[r + 2]!]}${hex[random[r + 3]!]}${hex[random[r + 4]!]}${hex[random[r + 5]!]}${hex[random[r + 6]!]}${hex[random[r + 7]!]}`;
  }
  return ids;
}

/** What a chunk writer gets: its transaction, who imports, when, and how. */
export type ChunkEnv = {
  client: pg.PoolClient;
  workspaceId: string;
  importId: string;
  dryRun: boolean;
  at: Date;
  /** The user (or API key) who started the import: the actor of recorded stage moves. */
  actorId: string | null;
  options: ImportOptions;
  /** Standard fields the mapping fills. */
  mapped: Set<string>;
  /** Custom properties a new record must have. */
  requiredProperties: string[];
  /** Companies found by name so far by this lane (lower-cased name → id): most rows name a company seen before. */
  companyNames: Map<string, { id: string; domain: string | null }>;
  /**
   * Runs `fn` where what it creates (companies, campaigns, users shared by many rows) is visible to
   * the chunk and to parallel chunks at once: a short committed transaction of its own in a run,
   * the chunk's own (rolled back) transaction in a dry run.
   */
  shared: <T>(fn: (client: pg.ClientBase) => Promise<T>) => Promise<T>;
};

export type ChunkOutcome = { created: number; updated: number; unchanged: number; errors: RowError[] };

export type StageColumn = [name: string, type: string, value: (row: NormalizedRow, index: number) => unknown];

/**
 * A temporary table of the chunk's rows (dropped at commit), loaded with COPY, with the
 * bookkeeping columns every writer uses: the new id, the matched id, and what happened.
 */
export async function stageRows(
  client: pg.ClientBase,
  columns: StageColumn[],
  rows: NormalizedRow[],
  at: Date,
  extra: string[] = [],
): Promise<void> {
  const ids = newIds(rows.length * 3, at.getTime());
  const all: StageColumn[] = [
    ['row_number', 'int', (row) => row.row],
    ['new_id', 'uuid', (_, index) => ids[index * 3]],
    ['event_id', 'uuid', (_, index) => ids[index * 3 + 1]],
    ['event2_id', 'uuid', (_, index) => ids[index * 3 + 2]],
    ...columns,
  ];
  await client.query('drop table if exists import_stage');
  await client.query(
    `create temp table import_stage (${all.map(([name, type]) => `${name} ${type}`).join(', ')},
       target_id uuid, matched_by text, other_id uuid, other_name text, failed boolean not null default false,
       inserted boolean not null default false, updated boolean not null default false
       ${extra.map((column) => `, ${column}`).join('')}) on commit drop`,
  );
  await copyRows(
    client as pg.PoolClient,
    'import_stage',
    all.map(([name]) => name),
    rows.map((row, index) => all.map(([, , value]) => value(row, index) ?? null)),
  );
  await client.query('create index on import_stage (row_number)');
}

/**
 * Fills stage columns from a lookup into a (large) table, one index probe per staged row: a
 * `lateral … limit 1` the planner cannot turn into a scan of the big table, so plans stay right
 * however stale its statistics are (during a big import they always are). `probe` selects from
 * the table for stage row `t`; `set` assigns from its result `m`.
 */
export async function lookup(
  client: pg.ClientBase,
  input: { where: string; probe: string; set: string; params?: unknown[] },
): Promise<void> {
  await client.query(
    `with m as materialized (
       select t.row_number, p.* from import_stage t cross join lateral (${input.probe} limit 1) p
        where not t.failed and (${input.where}))
     update import_stage s set ${input.set} from m where s.row_number = m.row_number`,
    input.params ?? [],
  );
}

/**
 * The ids of the records staged rows matched, for updates written `id = any($ids)`: the planner
 * then knows how many rows it touches (a join with a stale-statistics table could scan it whole).
 */
export async function matchedIds(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ ids: string[] | null }>(
    'select array_agg(target_id) as ids from import_stage where target_id is not null and not failed and not inserted and not updated',
  );
  return rows[0]!.ids ?? [];
}

/**
 * Runs an insert without a conflict clause (cheaper: no speculative insertion), and again with
 * `on conflict do nothing` only if a unique key clashed — a record created meanwhile by someone else
 * (then the caller finds the rows left out).
 */
export async function insertRows(
  client: pg.ClientBase,
  statement: (onConflict: string) => string,
  params: unknown[],
): Promise<{ clashed: boolean }> {
  await client.query('savepoint import_insert');
  try {
    await client.query(statement(''), params);
    await client.query('release savepoint import_insert');
    return { clashed: false };
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('rollback to savepoint import_insert');
    await client.query('release savepoint import_insert');
    await client.query(statement('on conflict do nothing'), params);
    return { clashed: true };
  }
}

/**
 * Marks staged rows failed by a condition and returns their errors. `reason` is an SQL expression
 * over the stage row `s` (never join a large table here: look it up into the stage first).
 */
export async function failRows(
  client: pg.ClientBase,
  input: {
    where: string;
    reason: string;
    column?: string | null;
    field?: string | null;
    value?: string;
    code?: ImportErrorCode;
    params?: unknown[];
  },
): Promise<RowError[]> {
  const { rows } = await client.query<{ row_number: number; reason: string; value: string | null }>(
    `update import_stage s set failed = true
      where not s.failed and (${input.where})
      returning s.row_number, ${input.reason} as reason, ${input.value ?? 'null'}::text as value`,
    input.params ?? [],
  );
  return rows.map((row) => ({
    row: row.row_number,
    code: input.code ?? 'invalid',
    column: input.column ?? null,
    field: input.field ?? null,
    value: row.value,
    reason: row.reason,
  }));
}

/** Rows that would create a record but lack a required custom property. */
export async function checkRequiredProperties(env: ChunkEnv): Promise<RowError[]> {
  if (env.requiredProperties.length === 0) return [];
  return failRows(env.client, {
    where: 's.target_id is null and not (s.properties ?& $1::text[])',
    reason: `'required custom properties missing: ' || array_to_string(array(select k from unnest($1::text[]) k where not s.properties ? k), ', ')`,
    params: [env.requiredProperties],
  });
}

/** created / updated / unchanged among the staged rows, once a writer is done. */
export async function stageCounts(
  client: pg.ClientBase,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const { rows } = await client.query<{ created: number; updated: number; unchanged: number }>(
    `select count(*) filter (where inserted)::int as created,
            count(*) filter (where updated and not inserted)::int as updated,
            count(*) filter (where not inserted and not updated and not failed)::int as unchanged
       from import_stage`,
  );
  return rows[0]!;
}

/** `SET a = x, …` and the test "would anything change" from one list, so they never disagree. */
export function assignments(pairs: [column: string, expression: string][], target: string) {
  return {
    set: pairs.map(([column, expression]) => `${column} = ${expression}`).join(',\n'),
    changed: `(${pairs.map(([, expression]) => expression).join(', ')}) is distinct from (${pairs
      .map(([column]) => `${target}.${column}`)
      .join(', ')})`,
  };
}

function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** One lock per workspace while records shared by many rows (companies, campaigns) are created. */
export const sharedCreationLock = (client: pg.ClientBase, workspaceId: string) =>
  client.query('select pg_advisory_xact_lock(7311101, hashtext($1))', [workspaceId]);

/** The company a row names, when this lane found it before (rows with a domain are looked up by it instead). */
export function cachedCompany(env: ChunkEnv, name: unknown, domain: unknown): string | null {
  if (typeof name !== 'string' || domain) return null;
  return env.companyNames.get(name.toLowerCase())?.id ?? null;
}

/**
 * Links staged rows to companies (`company_name`, `company_domain` → `company_id`): by domain,
 * then by name (the oldest company of that name). Missing companies are created when allowed —
 * by domain (named from the row or the domain) or by name. Returns errors for rows whose company
 * was not found and may not be created.
 */
export async function linkCompanies(env: ChunkEnv, create: boolean, field = 'companyName'): Promise<RowError[]> {
  const { client, workspaceId } = env;
  const known = new Map<string, { id: string; domain: string | null }>();
  const createdHere = new Set<string>();
  const resolve = async (db: pg.ClientBase) => {
    await lookup(db, {
      where: 't.company_id is null and t.company_domain is not null',
      probe: 'select co.id from companies co where co.workspace_id = $1 and co.domain = t.company_domain',
      set: 'company_id = m.id',
      params: [workspaceId],
    });
    // By name: the oldest company of that name (one without a domain first). Names already seen by
    // this lane come from its cache; the others are probed once per distinct name.
    const { rows: wanted } = await db.query<{ lname: string }>(
      `select distinct lower(company_name) as lname from import_stage
        where company_id is null and company_name is not null and not failed`,
    );
    const unknown = wanted.map((row) => row.lname).filter((name) => !env.companyNames.has(name));
    if (unknown.length > 0) {
      const { rows: found } = await db.query<{ lname: string; id: string; domain: string | null }>(
        `select names.lname, p.id, p.domain from unnest($2::text[]) as names(lname) cross join lateral (
           select co.id, co.domain from companies co where co.workspace_id = $1 and lower(co.name) = names.lname
            order by (co.domain is null) desc, co.created_at, co.id limit 1) p`,
        [workspaceId, unknown],
      );
      // A company created inside a dry run is rolled back with it: only lasting ones are remembered.
      for (const row of found) if (!env.dryRun || !createdHere.has(row.id)) env.companyNames.set(row.lname, row);
      for (const row of found) known.set(row.lname, row);
    }
    const matches = wanted.flatMap((row) => {
      const match = known.get(row.lname) ?? env.companyNames.get(row.lname);
      return match ? [{ lname: row.lname, id: match.id, domain: match.domain }] : [];
    });
    if (matches.length === 0) return;
    await db.query(
      `update import_stage s set company_id = m.id
         from jsonb_to_recordset($1::jsonb) as m(lname text, id uuid, domain text)
        where s.company_id is null and not s.failed and s.company_name is not null and lower(s.company_name) = m.lname
          and (s.company_domain is null or m.domain is null)`,
      [JSON.stringify(matches)],
    );
  };
  await resolve(client);
  const { rows: missing } = await client.query<{ company_domain: string | null; company_name: string | null }>(
    `select distinct on (coalesce(company_domain, lower(company_name))) company_domain, company_name
       from import_stage
      where company_id is null and not failed and (company_domain is not null or company_name is not null)
      order by coalesce(company_domain, lower(company_name)), row_number`,
  );
  if (missing.length > 0 && create) {
    await env.shared(async (db) => {
      await sharedCreationLock(db, workspaceId);
      const ids = newIds(missing.length, env.at.getTime());
      for (const id of ids) createdHere.add(id);
      const companies = missing.map((row, index) => ({
        id: ids[index],
        name: row.company_name ?? nameFromDomain(row.company_domain!),
        domain: row.company_domain,
        lname: (row.company_name ?? '').toLowerCase(),
      }));
      // Skips those created meanwhile (by domain: the unique key; by name: checked under the lock).
      await db.query(
        `insert into companies (workspace_id, id, name, domain, created_at, updated_at)
         select $1, r.id, r.name, r.domain, $3, $3
           from jsonb_to_recordset($2::jsonb) as r(id uuid, name text, domain text, lname text)
          where r.domain is not null
             or not exists (select 1 from companies co where co.workspace_id = $1 and lower(co.name) = r.lname)
         on conflict do nothing`,
        [workspaceId, JSON.stringify(companies), env.at],
      );
    });
    await resolve(client);
  }
  return failRows(client, {
    where: 's.company_id is null and (s.company_domain is not null or s.company_name is not null)',
    reason: `'no company ' || coalesce('with the domain ' || s.company_domain, 'named "' || s.company_name || '"')`,
    value: 'coalesce(s.company_name, s.company_domain)',
    field,
  });
}

/** Contacts by email (`contact_email`) or external id (`contact_external_id`) → `contact_id`; errors for those not found. */
export async function linkContacts(env: ChunkEnv): Promise<RowError[]> {
  const { client, workspaceId } = env;
  if (env.mapped.has('contactEmail')) {
    await lookup(client, {
      where: 't.contact_email is not null',
      probe: `select c.id from contacts c where c.workspace_id = $1 and lower(c.email) = t.contact_email
                 and c.email is not null and c.merged_into_id is null`,
      set: 'contact_id = m.id',
      params: [workspaceId],
    });
  }
  if (env.mapped.has('contactExternalId')) {
    await lookup(client, {
      where: 't.contact_id is null and t.contact_external_id is not null',
      probe: `select c.id from contacts c where c.workspace_id = $1 and c.external_id = t.contact_external_id
                 and c.merged_into_id is null`,
      set: 'contact_id = m.id',
      params: [workspaceId],
    });
  }
  return failRows(client, {
    where: `s.contact_id is null and (s.contact_email is not null ${env.mapped.has('contactExternalId') ? 'or s.contact_external_id is not null' : ''})`,
    reason: `'no contact with ' || coalesce('the email ' || s.contact_email, 'the external ID ' || s.contact_external_id)`,
    value: `coalesce(s.contact_email, ${env.mapped.has('contactExternalId') ? 's.contact_external_id' : 'null'})`,
    field: 'contactEmail',
  });
}
