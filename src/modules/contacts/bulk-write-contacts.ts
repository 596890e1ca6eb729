import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import type { ContactTraits } from './contact-from-traits';
import { companyDomainOf } from './free-mail-domains';

export type NewContact = { id: string; email: string | null; externalId: string | null; at: Date };

/**
 * Creates contacts met for the first time. Another worker may have created the same person a
 * moment ago (same email or user id): then that record is used instead. Returns planned id →
 * existing id for those, and the ids actually created.
 */
export async function createContacts(
  db: Executor,
  workspaceId: string,
  contacts: NewContact[],
): Promise<{ remap: Map<string, string>; created: string[] }> {
  const remap = new Map<string, string>();
  if (contacts.length === 0) return { remap, created: [] };
  const rows = JSON.stringify(
    contacts.map((contact) => ({
      id: contact.id,
      email: contact.email,
      external_id: contact.externalId,
      at: contact.at,
    })),
  );
  // No conflict target: a clash on either unique key (email, user id) skips the row, never fails.
  const { rows: inserted } = await db.execute<{ id: string }>(sql`
    insert into contacts (workspace_id, id, email, external_id, first_seen_at, stage_changed_at, created_at, updated_at)
    select ${workspaceId}, id, email, external_id, at, at, at, at
      from jsonb_to_recordset(${rows}::jsonb) as r(id uuid, email text, external_id text, at timestamptz)
    on conflict do nothing
    returning id`);
  const created = inserted.map((row) => row.id);
  const createdIds = new Set(created);
  const skipped = contacts.filter((contact) => !createdIds.has(contact.id));
  if (skipped.length > 0) {
    const emails = skipped.flatMap((contact) => (contact.email ? [contact.email.toLowerCase()] : []));
    const userIds = skipped.flatMap((contact) => (contact.externalId ? [contact.externalId] : []));
    const { rows: existing } = await db.execute<{ id: string; email: string | null; external_id: string | null }>(sql`
      select id, lower(email) as email, external_id from contacts
       where workspace_id = ${workspaceId} and merged_into_id is null
         and (lower(email) = any(${sql.param(emails)}::text[]) or external_id = any(${sql.param(userIds)}::text[]))`);
    for (const contact of skipped) {
      const match =
        existing.find((row) => contact.externalId && row.external_id === contact.externalId) ??
        existing.find((row) => contact.email && row.email === contact.email.toLowerCase());
      if (match) remap.set(contact.id, match.id);
    }
  }
  return { remap, created };
}

/**
 * Writes identify traits onto contacts: a value sent replaces the stored one (the latest identify
 * wins, as in Segment); a trait not sent leaves the field alone. Email and user id only fill gaps.
 */
export async function updateContactFields(
  db: Executor,
  workspaceId: string,
  fields: Map<string, ContactTraits & { externalId?: string }>,
  at: Date,
): Promise<void> {
  if (fields.size === 0) return;
  const rows = [...fields].map(([id, value]) => ({
    id,
    email: value.email,
    external_id: value.externalId,
    first_name: value.firstName,
    last_name: value.lastName,
    phone: value.phone,
    title: value.title,
    seniority: value.seniority,
    department: value.department,
    company_name: value.companyName,
    country: value.country,
    city: value.city,
  }));
  await db.execute(sql`
    update contacts c set
      email = coalesce(c.email, u.email),
      external_id = coalesce(c.external_id, u.external_id),
      first_name = coalesce(u.first_name, c.first_name),
      last_name = coalesce(u.last_name, c.last_name),
      phone = coalesce(u.phone, c.phone),
      title = coalesce(u.title, c.title),
      seniority = coalesce(u.seniority, c.seniority),
      department = coalesce(u.department, c.department),
      company_name = coalesce(u.company_name, c.company_name),
      country = coalesce(u.country, c.country),
      city = coalesce(u.city, c.city),
      updated_at = ${at}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as u(
      id uuid, email text, external_id text, first_name text, last_name text, phone text, title text, seniority text,
      department text, company_name text, country text, city text)
    where c.workspace_id = ${workspaceId} and c.id = u.id`);
}

/**
 * Keeps each contact's first-seen and last-activity times, and original source, true to its
 * (possibly just stitched) history. Reads the activity index ends only: cheap at any history size.
 */
export async function refreshContactActivity(db: Executor, workspaceId: string, contactIds: string[]): Promise<void> {
  if (contactIds.length === 0) return;
  await db.execute(sql`
    update contacts c set
      first_seen_at = least(c.first_seen_at,
        (select min(a.occurred_at) from activities a where a.workspace_id = c.workspace_id and a.contact_id = c.id)),
      last_activity_at = greatest(c.last_activity_at,
        (select max(a.occurred_at) from activities a where a.workspace_id = c.workspace_id and a.contact_id = c.id)),
      source = coalesce(c.source,
        (select t.channel from touches t where t.workspace_id = c.workspace_id and t.contact_id = c.id
          order by t.occurred_at limit 1))
    where c.workspace_id = ${workspaceId} and c.id = any(${sql.param(contactIds)}::uuid[])`);
}

/**
 * Companies by domain: a contact with a company email address and no company yet is linked to the
 * company with that domain, created if needed (named from the traits, else from the domain).
 */
export async function linkCompaniesByEmailDomain(
  db: Executor,
  input: {
    workspaceId: string;
    contacts: { id: string; email: string; companyName?: string }[];
    at: Date;
    newId: () => string;
  },
): Promise<void> {
  const rows = input.contacts
    .map((contact) => ({ id: contact.id, domain: companyDomainOf(contact.email), name: contact.companyName }))
    .filter((row): row is { id: string; domain: string; name: string | undefined } => row.domain !== null);
  if (rows.length === 0) return;
  const companies = new Map<string, { id: string; domain: string; name: string }>();
  for (const row of rows) {
    if (companies.has(row.domain)) continue;
    companies.set(row.domain, { id: input.newId(), domain: row.domain, name: row.name ?? nameFromDomain(row.domain) });
  }
  await db.execute(sql`
    insert into companies (workspace_id, id, name, domain, created_at, updated_at)
    select ${input.workspaceId}, id, name, domain, ${input.at}, ${input.at}
      from jsonb_to_recordset(${JSON.stringify([...companies.values()])}::jsonb) as r(id uuid, name text, domain text)
    on conflict (workspace_id, domain) do nothing`);
  await db.execute(sql`
    update contacts c set company_id = co.id
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, domain text)
      join companies co on co.workspace_id = ${input.workspaceId} and co.domain = r.domain
     where c.workspace_id = ${input.workspaceId} and c.id = r.id and c.company_id is null`);
}

/** Companies named by Segment group calls (keyed by groupId), with their members linked. */
export async function upsertGroupCompanies(
  db: Executor,
  input: {
    workspaceId: string;
    groups: { contactId: string; groupId: string; traits: Record<string, unknown> }[];
    at: Date;
    newId: () => string;
  },
): Promise<void> {
  if (input.groups.length === 0) return;
  const rows = new Map<string, Record<string, unknown>>();
  for (const group of input.groups) {
    const traits = group.traits;
    const website = typeof traits.website === 'string' ? traits.website : undefined;
    const domain = website ? domainOfWebsite(website) : null;
    const employees = Number(traits.employees ?? traits.employee_count);
    rows.set(group.groupId, {
      id: input.newId(),
      external_id: group.groupId,
      name: typeof traits.name === 'string' && traits.name ? traits.name.slice(0, 200) : group.groupId,
      domain,
      industry: typeof traits.industry === 'string' ? traits.industry.slice(0, 200) : null,
      employees: Number.isFinite(employees) && employees > 0 ? Math.round(employees) : null,
    });
  }
  // A domain already taken by another company keeps it; the group company is stored without one.
  await db.execute(sql`
    insert into companies (workspace_id, id, external_id, name, domain, industry, employees, created_at, updated_at)
    select ${input.workspaceId}, r.id, r.external_id, r.name,
           case when exists (select 1 from companies d where d.workspace_id = ${input.workspaceId} and d.domain = r.domain
                              and d.external_id is distinct from r.external_id) then null else r.domain end,
           r.industry, r.employees, ${input.at}, ${input.at}
      from jsonb_to_recordset(${JSON.stringify([...rows.values()])}::jsonb)
        as r(id uuid, external_id text, name text, domain text, industry text, employees int)
    on conflict (workspace_id, external_id) where external_id is not null do update set
      name = excluded.name,
      industry = coalesce(excluded.industry, companies.industry),
      employees = coalesce(excluded.employees, companies.employees),
      updated_at = excluded.updated_at`);
  const members = input.groups.map((group) => ({ contact_id: group.contactId, external_id: group.groupId }));
  await db.execute(sql`
    update contacts c set company_id = co.id, company_name = coalesce(c.company_name, co.name)
      from jsonb_to_recordset(${JSON.stringify(members)}::jsonb) as m(contact_id uuid, external_id text)
      join companies co on co.workspace_id = ${input.workspaceId} and co.external_id = m.external_id
     where c.workspace_id = ${input.workspaceId} and c.id = m.contact_id`);
}

function domainOfWebsite(website: string): string | null {
  try {
    return new URL(website.includes('://') ? website : `https://${website}`).hostname
      .replace(/^www\./, '')
      .toLowerCase();
  } catch {
    return null;
  }
}

function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}
