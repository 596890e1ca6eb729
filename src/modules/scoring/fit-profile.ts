import type { FitProfile } from './fit-grade';
import { emailDomainType } from './scoring-sql';

/** A contact's own fields and its company's, as the fit criteria (and routing conditions) read them. */
export type ProfileFacts = {
  email: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  country: string | null;
  source: string | null;
  industry: string | null;
  employees: number | null;
  persona: string | null;
  properties: Record<string, unknown> | null;
};

/** The profile criteria test: standard fields, the email's domain and its type, custom properties as `properties.<key>`. */
export function fitProfileOf(facts: ProfileFacts): FitProfile {
  const profile: FitProfile = {
    title: facts.title,
    seniority: facts.seniority,
    department: facts.department,
    country: facts.country,
    source: facts.source,
    industry: facts.industry,
    employees: facts.employees,
    persona: facts.persona,
    emailDomainType: emailDomainType(facts.email),
    emailDomain: facts.email?.includes('@') ? facts.email.split('@')[1]!.toLowerCase() : null,
  };
  for (const [key, value] of Object.entries(facts.properties ?? {})) {
    profile[`properties.${key}`] = value as FitProfile[string];
  }
  return profile;
}
