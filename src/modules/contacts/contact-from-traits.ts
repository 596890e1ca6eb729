import { z } from 'zod';

/** The contact fields Baton keeps, as found in Segment traits (spec names and common variants). */
export type ContactTraits = {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  title?: string;
  seniority?: string;
  department?: string;
  companyName?: string;
  industry?: string;
  employees?: number;
  country?: string;
  city?: string;
  website?: string;
};

const email = z.email().max(254);

const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.trim()
    ? value.trim().slice(0, max)
    : typeof value === 'number'
      ? String(value)
      : undefined;

function pick(traits: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names)
    if (traits[name] !== undefined && traits[name] !== null && traits[name] !== '') return traits[name];
  return undefined;
}

/** A valid, lower-cased email address from a value, or undefined. */
export function cleanEmail(value: unknown): string | undefined {
  const candidate = text(value, 254)?.toLowerCase();
  return candidate && email.safeParse(candidate).success ? candidate : undefined;
}

/**
 * Reads Segment identify traits (`email`, `firstName`/`first_name`, `name`, `company` as a string
 * or object, `address.country` …) into contact fields. Unknown traits are left to the caller.
 */
export function contactFromTraits(traits: Record<string, unknown>): ContactTraits {
  const result: ContactTraits = {};
  const mail = cleanEmail(pick(traits, 'email', 'Email', 'e-mail'));
  if (mail) result.email = mail;
  let firstName = text(pick(traits, 'firstName', 'first_name', 'firstname', 'given_name'));
  let lastName = text(pick(traits, 'lastName', 'last_name', 'lastname', 'family_name', 'surname'));
  const fullName = text(pick(traits, 'name', 'full_name', 'fullName'));
  if (!firstName && !lastName && fullName) {
    const [first, ...rest] = fullName.split(/\s+/);
    firstName = first;
    lastName = rest.join(' ') || undefined;
  }
  if (firstName) result.firstName = firstName;
  if (lastName) result.lastName = lastName;
  const phone = text(pick(traits, 'phone', 'phone_number', 'phoneNumber', 'mobile'), 50);
  if (phone) result.phone = phone;
  const title = text(pick(traits, 'title', 'job_title', 'jobTitle', 'position'));
  if (title) result.title = title;
  const seniority = text(pick(traits, 'seniority'));
  if (seniority) result.seniority = seniority;
  const department = text(pick(traits, 'department'));
  if (department) result.department = department;
  const company = pick(traits, 'company', 'company_name', 'companyName', 'organization');
  if (company && typeof company === 'object' && !Array.isArray(company)) {
    const object = company as Record<string, unknown>;
    const name = text(object.name);
    if (name) result.companyName = name;
    const industry = text(object.industry);
    if (industry) result.industry = industry;
    const employees = Number(object.employee_count ?? object.employees);
    if (Number.isFinite(employees) && employees > 0) result.employees = Math.round(employees);
    const website = text(object.website ?? object.domain, 500);
    if (website) result.website = website;
  } else {
    const name = text(company);
    if (name) result.companyName = name;
  }
  const industry = text(pick(traits, 'industry'));
  if (industry && !result.industry) result.industry = industry;
  const address =
    traits.address && typeof traits.address === 'object' ? (traits.address as Record<string, unknown>) : {};
  const country = text(pick(traits, 'country') ?? address.country, 100);
  if (country) result.country = country;
  const city = text(pick(traits, 'city') ?? address.city, 100);
  if (city) result.city = city;
  return result;
}

/** The email a track or page call carries, for stitching: context.traits, properties, or form fields. */
export function emailInEvent(
  properties: Record<string, unknown>,
  context: Record<string, unknown>,
): string | undefined {
  const contextTraits =
    context.traits && typeof context.traits === 'object' ? (context.traits as Record<string, unknown>) : {};
  const fields =
    properties.fields && typeof properties.fields === 'object' ? (properties.fields as Record<string, unknown>) : {};
  return cleanEmail(contextTraits.email) ?? cleanEmail(properties.email) ?? cleanEmail(fields.email);
}
