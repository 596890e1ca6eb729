import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid, newId } from '../../core/ids';
import { listProperties, validateProperties } from '../properties';

export type CompanySummary = {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  ownerId: string | null;
  ownerName: string | null;
  contacts: number;
  openDeals: number;
  properties: Record<string, unknown>;
  createdAt: Date;
};

export type CompanyFields = {
  name?: string;
  domain?: string | null;
  industry?: string | null;
  employees?: number | null;
  country?: string | null;
  region?: string | null;
  ownerId?: string | null;
  externalId?: string | null;
  properties?: Record<string, unknown>;
};

const columnOf: Record<Exclude<keyof CompanyFields, 'properties'>, string> = {
  name: 'name',
  domain: 'domain',
  industry: 'industry',
  employees: 'employees',
  country: 'country',
  region: 'region',
  ownerId: 'owner_id',
  externalId: 'external_id',
};

const summaryColumns = sql`
  co.id, co.name, co.domain, co.industry, co.employees, co.country, co.region, co.owner_id, u.name as owner_name,
  co.properties, co.created_at,
  (select count(*)::int from contacts c where c.workspace_id = co.workspace_id and c.company_id = co.id and c.merged_into_id is null) as contacts,
  (select count(*)::int from deals d where d.workspace_id = co.workspace_id and d.company_id = co.id and d.status = 'open') as open_deals`;

type Row = {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  owner_id: string | null;
  owner_name: string | null;
  properties: Record<string, unknown>;
  created_at: Date;
  contacts: number;
  open_deals: number;
};

const toSummary = (row: Row): CompanySummary => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  industry: row.industry,
  employees: row.employees,
  country: row.country,
  region: row.region,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  contacts: row.contacts,
  openDeals: row.open_deals,
  properties: row.properties,
  createdAt: new Date(row.created_at),
});

type Cursor = { name: string; id: string };

/** Companies by name (keyset pagination), searchable by name or domain. */
export async function listCompanies(
  ctx: AppContext,
  input: { workspaceId: string; q?: string; industry?: string; owner?: string; cursor?: string; limit: number },
): Promise<{ items: CompanySummary[]; nextCursor: string | null }> {
  const cursor = input.cursor
    ? decodeCursor<Cursor>(input.cursor, (value) => typeof value.name === 'string' && isUuid(value.id))
    : undefined;
  const conditions: SQL[] = [sql`co.workspace_id = ${input.workspaceId}`];
  if (input.q) {
    const pattern = `%${input.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(sql`(lower(co.name) like ${pattern} or co.domain like ${pattern})`);
  }
  if (input.industry) conditions.push(sql`co.industry = ${input.industry}`);
  if (input.owner === 'none') conditions.push(sql`co.owner_id is null`);
  else if (input.owner) conditions.push(sql`co.owner_id = ${input.owner}`);
  if (cursor) conditions.push(sql`(lower(co.name), co.id) > (${cursor.name}, ${cursor.id}::uuid)`);
  const { rows } = await ctx.db.execute<Row & { sort_name: string }>(sql`
    select ${summaryColumns}, lower(co.name) as sort_name
      from companies co left join users u on u.workspace_id = co.workspace_id and u.id = co.owner_id
     where ${sql.join(conditions, sql` and `)}
     order by lower(co.name), co.id
     limit ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ name: last.sort_name, id: last.id }) : null,
  };
}

export async function getCompany(ctx: AppContext, workspaceId: string, companyId: string): Promise<CompanySummary> {
  const { rows } = await ctx.db.execute<Row>(sql`
    select ${summaryColumns}
      from companies co left join users u on u.workspace_id = co.workspace_id and u.id = co.owner_id
     where co.workspace_id = ${workspaceId} and co.id = ${companyId}`);
  if (!rows[0]) throw notFound('Company');
  return toSummary(rows[0]);
}

function conflict(error: unknown): never {
  if (isUniqueViolation(error, 'companies_domain_key')) {
    throw new AppError('conflict', 'A company with this domain already exists', {
      details: [{ path: 'body.domain', message: 'already taken' }],
    });
  }
  if (isUniqueViolation(error, 'companies_external_id_key')) {
    throw new AppError('conflict', 'A company with this external id already exists', {
      details: [{ path: 'body.externalId', message: 'already taken' }],
    });
  }
  throw error;
}

const normalizeDomain = (domain: string | null | undefined) =>
  domain === undefined || domain === null
    ? domain
    : domain
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/.*$/, '') || null;

export async function createCompany(
  ctx: AppContext,
  input: { workspaceId: string; fields: CompanyFields },
): Promise<string> {
  const fields = { ...input.fields, domain: normalizeDomain(input.fields.domain) };
  const properties = validateProperties(
    await listProperties(ctx.db, input.workspaceId, 'company'),
    fields.properties ?? {},
    { partial: false },
  );
  const id = newId();
  const at = ctx.clock.now();
  const assignments = Object.entries(columnOf).filter(([field]) => fields[field as keyof CompanyFields] !== undefined);
  try {
    await ctx.db.execute(sql`
      insert into companies (workspace_id, id, created_at, updated_at, properties, ${sql.raw(assignments.map(([, column]) => column).join(', '))})
      values (${input.workspaceId}, ${id}, ${at}, ${at}, ${JSON.stringify(properties)}::jsonb,
              ${sql.join(
                assignments.map(([field]) => sql`${fields[field as keyof CompanyFields] as string | number | null}`),
                sql`, `,
              )})`);
  } catch (error) {
    conflict(error);
  }
  return id;
}

export async function updateCompany(
  ctx: AppContext,
  input: { workspaceId: string; companyId: string; fields: CompanyFields },
): Promise<void> {
  const fields = { ...input.fields, domain: normalizeDomain(input.fields.domain) };
  const properties = fields.properties
    ? validateProperties(await listProperties(ctx.db, input.workspaceId, 'company'), fields.properties, {
        partial: true,
      })
    : undefined;
  const assignments = Object.entries(columnOf)
    .filter(([field]) => fields[field as keyof CompanyFields] !== undefined)
    .map(
      ([field, column]) =>
        sql`${sql.identifier(column)} = ${fields[field as keyof CompanyFields] as string | number | null}`,
    );
  if (properties) {
    const removed = Object.keys(properties).filter((key) => properties[key] === null);
    const kept = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null));
    assignments.push(sql`properties = (properties - ${sql.param(removed)}::text[]) || ${JSON.stringify(kept)}::jsonb`);
  }
  assignments.push(sql`updated_at = ${ctx.clock.now()}`);
  try {
    const result = await ctx.db.execute(
      sql`update companies set ${sql.join(assignments, sql`, `)} where workspace_id = ${input.workspaceId} and id = ${input.companyId}`,
    );
    if (!result.rowCount) throw notFound('Company');
  } catch (error) {
    conflict(error);
  }
}

/** Deletes a company; its contacts stay, unlinked (their company name is kept as text). */
export async function deleteCompany(ctx: AppContext, input: { workspaceId: string; companyId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`
      update contacts c set company_name = coalesce(c.company_name, co.name), company_id = null
        from companies co where co.workspace_id = c.workspace_id and co.id = c.company_id
         and c.workspace_id = ${input.workspaceId} and c.company_id = ${input.companyId}`);
    await tx.execute(
      sql`update deals set company_id = null where workspace_id = ${input.workspaceId} and company_id = ${input.companyId}`,
    );
    const result = await tx.execute(
      sql`delete from companies where workspace_id = ${input.workspaceId} and id = ${input.companyId}`,
    );
    if (!result.rowCount) throw notFound('Company');
  });
}
