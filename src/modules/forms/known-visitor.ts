import type { AppContext } from '../../core/context';
import { cleanEmail } from '../contacts';
import type { Form } from './form-definition';

export type KnownVisitor = { knownFields: string[]; values: Record<string, string> };

const contactColumns: Record<string, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  title: 'title',
  seniority: 'seniority',
  department: 'department',
  companyName: 'company_name',
  country: 'country',
  city: 'city',
};
const companyColumns: Record<string, string> = {
  name: 'name',
  website: 'domain',
  industry: 'industry',
  employees: 'employees',
};

/**
 * What Baton already knows about a visitor, for progressive profiling: the visitor is the contact
 * behind the tracker's anonymous id, or behind an email given in the page's query. Returns the
 * fields already answered (and the email, to prefill), or undefined for someone unknown.
 */
export async function knownVisitor(
  ctx: AppContext,
  form: Form,
  who: { anonymousId?: string; email?: string },
): Promise<KnownVisitor | undefined> {
  const email = cleanEmail(who.email);
  if (!email && !who.anonymousId) return undefined;
  const { rows } = await ctx.pool.query<
    Record<string, unknown> & {
      properties: Record<string, unknown>;
      company_properties: Record<string, unknown> | null;
    }
  >(
    `select c.*, co.name as company_name_of, co.domain as company_domain, co.industry as company_industry,
            co.employees as company_employees, co.properties as company_properties
       from contacts c
       left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
      where c.workspace_id = $1 and c.merged_into_id is null
        and ((c.email is not null and lower(c.email) = $2)
          or ($2 is null and c.id = (select contact_id from identities
                                      where workspace_id = $1 and kind = 'anonymous' and value = $3)))
      limit 1`,
    [form.workspaceId, email ?? null, who.anonymousId ?? null],
  );
  const contact = rows[0];
  if (!contact) return undefined;
  const has = (value: unknown) =>
    value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  const knownFields: string[] = [];
  const values: Record<string, string> = {};
  for (const field of form.fields) {
    if (!field.mapTo) continue;
    const [object, key, custom] = field.mapTo.split('.');
    let value: unknown;
    if (object === 'contact' && key === 'custom') value = contact.properties?.[custom!];
    else if (object === 'company' && key === 'custom') value = contact.company_properties?.[custom!];
    else if (object === 'contact') value = contact[contactColumns[key!]!];
    else if (object === 'company')
      value =
        key === 'name' ? (contact.company_name_of ?? contact.company_name) : contact[`company_${companyColumns[key!]}`];
    if (!has(value)) continue;
    knownFields.push(field.name);
    if (field.mapTo === 'contact.email') values[field.name] = String(value);
  }
  return { knownFields, values };
}
