import type { Readable } from 'node:stream';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../core/context';
import type { Principal } from '../auth';
import { type ContactFilters, contactConditions, contactsWithScores, contactVisibility } from '../contacts';
import { currentScoreSql } from '../contacts/score-sql';
import type { DealStatus } from '../deals';
import { listProperties, type PropertyObject } from '../properties';
import { cursorCsv } from './csv-format';
import { currencyDigits } from './values';

const dialect = new PgDialect();

type Column<Row> = [header: string, value: (row: Row) => unknown];

async function propertyColumns<Row extends { properties: Record<string, unknown> }>(
  ctx: AppContext,
  workspaceId: string,
  object: PropertyObject,
): Promise<Column<Row>[]> {
  const definitions = await listProperties(ctx.db, workspaceId, object);
  return definitions.map((definition) => [definition.label, (row) => row.properties?.[definition.key]]);
}

function stream<Row>(ctx: AppContext, query: SQL, columns: Column<Row>[]): Readable {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return cursorCsv<Row>(ctx, {
    header: columns.map(([header]) => header),
    text,
    params,
    row: (row) => columns.map(([, value]) => value(row)),
  });
}

type ContactRow = {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  company: string | null;
  company_domain: string | null;
  country: string | null;
  city: string | null;
  source: string | null;
  source_detail: string | null;
  lifecycle_stage: string;
  working_status: string | null;
  owner_email: string | null;
  owner_name: string | null;
  consent_status: string;
  external_id: string | null;
  score: number;
  grade: string | null;
  created_at: Date;
  last_activity_at: Date | null;
  properties: Record<string, unknown>;
};

/**
 * Contacts matching the same filters as the list (and what a sales rep may see), oldest first:
 * standard fields, owner, company, and each custom property as a column. Headers read back in an
 * import map to the same fields.
 */
export async function exportContacts(
  ctx: AppContext,
  input: { principal: Principal; filters: ContactFilters },
): Promise<Readable> {
  const { principal } = input;
  const conditions = contactConditions({
    workspaceId: principal.workspaceId,
    userId: principal.kind === 'user' ? principal.userId : undefined,
    filters: input.filters,
    now: ctx.clock.now(),
  });
  const visibility = await contactVisibility(ctx, principal);
  if (visibility) conditions.push(visibility);
  const columns: Column<ContactRow>[] = [
    ['Baton ID', (row) => row.id],
    ['Email', (row) => row.email],
    ['First Name', (row) => row.first_name],
    ['Last Name', (row) => row.last_name],
    ['Phone', (row) => row.phone],
    ['Job Title', (row) => row.title],
    ['Seniority', (row) => row.seniority],
    ['Department', (row) => row.department],
    ['Company', (row) => row.company],
    ['Company Domain', (row) => row.company_domain],
    ['Country', (row) => row.country],
    ['City', (row) => row.city],
    ['Original Source', (row) => row.source],
    ['Source Detail', (row) => row.source_detail],
    ['Lifecycle Stage', (row) => row.lifecycle_stage],
    ['Lead Status', (row) => row.working_status],
    ['Owner', (row) => row.owner_email],
    ['Owner Name', (row) => row.owner_name],
    ['Consent', (row) => row.consent_status],
    ['External ID', (row) => row.external_id],
    ['Score', (row) => row.score],
    ['Grade', (row) => row.grade],
    ['Created At', (row) => row.created_at],
    ['Last Activity At', (row) => row.last_activity_at],
    ...(await propertyColumns<ContactRow>(ctx, principal.workspaceId, 'contact')),
  ];
  return stream(
    ctx,
    sql`select c.id, c.email, c.first_name, c.last_name, c.phone, c.title, c.seniority, c.department,
               coalesce(co.name, c.company_name) as company, co.domain as company_domain, c.country, c.city, c.source,
               c.source_detail, c.lifecycle_stage, c.working_status, u.email as owner_email, u.name as owner_name,
               c.consent_status, c.external_id, ${currentScoreSql('s', principal.workspaceId, ctx.clock.now())} as score, s.grade, c.created_at, c.last_activity_at, c.properties
          from ${contactsWithScores}
          left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
          left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
         where ${sql.join(conditions, sql` and `)}
         order by c.created_at, c.id`,
    columns,
  );
}

type CompanyRow = {
  id: string;
  name: string;
  domain: string | null;
  external_id: string | null;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  owner_email: string | null;
  owner_name: string | null;
  contacts: number;
  open_deals: number;
  created_at: Date;
  properties: Record<string, unknown>;
};

/** Companies by the list's filters (search, industry, owner), by name. */
export async function exportCompanies(
  ctx: AppContext,
  input: { workspaceId: string; q?: string; industry?: string; owner?: string },
): Promise<Readable> {
  const conditions: SQL[] = [sql`co.workspace_id = ${input.workspaceId}`];
  if (input.q) {
    const pattern = `%${input.q.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(sql`(lower(co.name) like ${pattern} or co.domain like ${pattern})`);
  }
  if (input.industry) conditions.push(sql`co.industry = ${input.industry}`);
  if (input.owner === 'none') conditions.push(sql`co.owner_id is null`);
  else if (input.owner) conditions.push(sql`co.owner_id = ${input.owner}`);
  const columns: Column<CompanyRow>[] = [
    ['Baton ID', (row) => row.id],
    ['Name', (row) => row.name],
    ['Domain', (row) => row.domain],
    ['External ID', (row) => row.external_id],
    ['Industry', (row) => row.industry],
    ['Employees', (row) => row.employees],
    ['Country', (row) => row.country],
    ['Region', (row) => row.region],
    ['Owner', (row) => row.owner_email],
    ['Owner Name', (row) => row.owner_name],
    ['Contacts', (row) => row.contacts],
    ['Open Deals', (row) => row.open_deals],
    ['Created At', (row) => row.created_at],
    ...(await propertyColumns<CompanyRow>(ctx, input.workspaceId, 'company')),
  ];
  return stream(
    ctx,
    sql`select co.id, co.name, co.domain, co.external_id, co.industry, co.employees, co.country, co.region,
               u.email as owner_email, u.name as owner_name, co.created_at, co.properties,
               (select count(*)::int from contacts c
                 where c.workspace_id = co.workspace_id and c.company_id = co.id and c.merged_into_id is null) as contacts,
               (select count(*)::int from deals d
                 where d.workspace_id = co.workspace_id and d.company_id = co.id and d.status = 'open') as open_deals
          from companies co left join users u on u.workspace_id = co.workspace_id and u.id = co.owner_id
         where ${sql.join(conditions, sql` and `)}
         order by lower(co.name), co.id`,
    columns,
  );
}

type DealRow = {
  id: string;
  name: string;
  external_id: string | null;
  company: string | null;
  company_domain: string | null;
  owner_email: string | null;
  owner_name: string | null;
  amount_minor: number;
  currency: string;
  stage: string;
  status: string;
  expected_close_on: string | null;
  closed_at: Date | null;
  lost_reason: string | null;
  contact_email: string | null;
  created_at: Date;
  properties: Record<string, unknown>;
};

/** "123456" cents → "1234.56": amounts in major units with the currency's decimals. */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  if (digits === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Deals by status, owner, company or contact, newest first, with amounts in major units. */
export async function exportDeals(
  ctx: AppContext,
  input: { workspaceId: string; status?: DealStatus; owner?: string; company?: string; contact?: string },
): Promise<Readable> {
  const conditions: SQL[] = [sql`d.workspace_id = ${input.workspaceId}`];
  if (input.status) conditions.push(sql`d.status = ${input.status}`);
  if (input.owner) conditions.push(sql`d.owner_id = ${input.owner}`);
  if (input.company) conditions.push(sql`d.company_id = ${input.company}`);
  if (input.contact) {
    conditions.push(
      sql`d.id in (select deal_id from deal_contacts where workspace_id = ${input.workspaceId} and contact_id = ${input.contact})`,
    );
  }
  const columns: Column<DealRow>[] = [
    ['Baton ID', (row) => row.id],
    ['Deal Name', (row) => row.name],
    ['External ID', (row) => row.external_id],
    ['Company', (row) => row.company],
    ['Company Domain', (row) => row.company_domain],
    ['Owner', (row) => row.owner_email],
    ['Owner Name', (row) => row.owner_name],
    ['Amount', (row) => formatMinor(row.amount_minor, row.currency)],
    ['Currency', (row) => row.currency],
    ['Stage', (row) => row.stage],
    ['Status', (row) => row.status],
    ['Expected Close Date', (row) => row.expected_close_on],
    ['Closed At', (row) => row.closed_at],
    ['Lost Reason', (row) => row.lost_reason],
    ['Contact Email', (row) => row.contact_email],
    ['Created At', (row) => row.created_at],
    ...(await propertyColumns<DealRow>(ctx, input.workspaceId, 'deal')),
  ];
  return stream(
    ctx,
    sql`select d.id, d.name, d.external_id, co.name as company, co.domain as company_domain, u.email as owner_email,
               u.name as owner_name, d.amount_minor, d.currency, d.stage, d.status, d.expected_close_on::text as expected_close_on,
               d.closed_at, d.lost_reason, d.created_at, d.properties,
               (select c.email from deal_contacts dc join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id
                 where dc.workspace_id = d.workspace_id and dc.deal_id = d.id order by c.created_at limit 1) as contact_email
          from deals d
          left join users u on u.workspace_id = d.workspace_id and u.id = d.owner_id
          left join companies co on co.workspace_id = d.workspace_id and co.id = d.company_id
         where ${sql.join(conditions, sql` and `)}
         order by d.created_at desc, d.id desc`,
    columns,
  );
}
