import { type SQL, sql } from 'drizzle-orm';
import { freeMailDomains } from '../contacts/free-mail-domains';
import type { ActivityMatch } from './engagement-rules';
import type { FitCriterion, FitField, GradeBands } from './fit-grade';
import type { PersonaRule } from './match-persona';

/**
 * The scoring model as SQL: the same tests as the pure functions in fit-grade.ts,
 * engagement-rules.ts and match-persona.ts, so PostgreSQL can score a million contacts in one pass.
 * Every value a user typed travels as a parameter; only our own integers are inlined.
 *
 * Profile expressions read the row `p` (see scoreContacts: contact fields lower-cased, company
 * industry and size, e-mail domain type, persona name, custom properties).
 */

const standardFields: Record<string, SQL> = {
  title: sql`p.title`,
  seniority: sql`p.seniority`,
  department: sql`p.department`,
  country: sql`p.country`,
  industry: sql`p.industry`,
  employees: sql`p.employees::text`,
  persona: sql`p.persona_name`,
  emailDomainType: sql`p.email_domain_type`,
  emailDomain: sql`p.email_domain`,
  source: sql`p.source`,
};

function propertyKey(field: FitField): string | null {
  return field.startsWith('properties.') ? field.slice('properties.'.length) : null;
}

/** The field's values as a lower-cased text[] (a multi-select property gives several, a missing field none). */
function fieldTexts(field: FitField): SQL {
  const key = propertyKey(field);
  if (key === null) {
    const column = standardFields[field];
    if (!column) throw new Error(`unknown fit field ${field}`);
    return sql`array_remove(array[lower(${column})], null)`;
  }
  return sql`array(select lower(v) from jsonb_array_elements_text(case jsonb_typeof(p.properties -> ${key}) when 'array' then p.properties -> ${key} when 'null' then '[]'::jsonb else coalesce(jsonb_build_array(p.properties -> ${key}), '[]'::jsonb) end) v where v is not null)`;
}

/** The field as a number, or null when it is not one (as Number() would refuse it). */
function fieldNumber(field: FitField): SQL {
  if (field === 'employees') return sql`p.employees::float8`;
  const key = propertyKey(field);
  const text = key === null ? standardFields[field]! : sql`(p.properties ->> ${key})`;
  // The same literal numericLiteral (contract.ts) accepts: short enough never to overflow float8.
  return sql`(case when ${text} ~ '^\\s*-?([0-9]{1,15}(\\.[0-9]{0,15})?|\\.[0-9]{1,15})([eE][-+]?[0-9]{1,2})?\\s*$' then (${text})::float8 end)`;
}

export type Condition = Pick<FitCriterion, 'field' | 'operator' | 'values'>;

/** Whether a profile condition holds for `p` (as criterionMatches). */
export function conditionSql(condition: Condition): SQL {
  // Lower-cased by PostgreSQL, like the columns they meet (JavaScript lower-cases a few letters differently).
  const wanted = sql`array(select lower(w) from unnest(${sql.param(condition.values)}::text[]) w where w <> '')`;
  const column = propertyKey(condition.field) === null ? standardFields[condition.field] : undefined;
  if (column) {
    // A standard field holds one value: plain expressions, no per-row subquery (a rescore tests
    // every criterion on a million contacts).
    const value = sql`lower(${column})`;
    switch (condition.operator) {
      case 'is_set':
        return sql`coalesce(${value} <> '', false)`;
      case 'is_not_set':
        return sql`not coalesce(${value} <> '', false)`;
      case 'equals_any':
        return sql`coalesce(${value} = any(${wanted}), false)`;
      case 'contains_any': {
        const words = condition.values.filter((word) => word !== '');
        if (words.length === 0) return sql`false`;
        return sql`coalesce(${sql.join(
          words.map((word) => sql`strpos(${value}, lower(${word}::text)) > 0`),
          sql` or `,
        )}, false)`;
      }
      default:
        break;
    }
  }
  switch (condition.operator) {
    case 'is_set':
      return sql`exists (select 1 from unnest(${fieldTexts(condition.field)}) f where f <> '')`;
    case 'is_not_set':
      return sql`not exists (select 1 from unnest(${fieldTexts(condition.field)}) f where f <> '')`;
    case 'equals_any':
      return sql`(${fieldTexts(condition.field)} && ${wanted})`;
    case 'contains_any':
      return sql`exists (select 1 from unnest(${fieldTexts(condition.field)}) f, unnest(${wanted}) w where strpos(f, w) > 0)`;
    case 'gte':
    case 'lte': {
      const bound = Number(condition.values[0]);
      if (!Number.isFinite(bound)) return sql`false`;
      const op = condition.operator === 'gte' ? sql.raw('>=') : sql.raw('<=');
      return sql`coalesce(${fieldNumber(condition.field)} ${op} ${bound}::float8, false)`;
    }
  }
}

/** The persona id and name of `p`: the first matching persona in matchPersona's order of preference. */
export function personaSql(personas: PersonaRule[]): { id: SQL; name: SQL } {
  const ordered = personas
    .filter((persona) => persona.conditions.length > 0)
    .sort(
      (a, b) => b.conditions.length - a.conditions.length || b.priority - a.priority || a.name.localeCompare(b.name),
    );
  if (ordered.length === 0) return { id: sql`null::uuid`, name: sql`null::text` };
  const whens = (value: (persona: PersonaRule) => SQL) =>
    sql.join(
      ordered.map(
        (persona) =>
          sql`when ${sql.join(
            persona.conditions.map((condition) => conditionSql(condition)),
            sql` and `,
          )} then ${value(persona)}`,
      ),
      sql` `,
    );
  return {
    id: sql`(case ${whens((persona) => sql`${persona.id}::uuid`)} end)`,
    name: sql`(case ${whens((persona) => sql`${persona.name}::text`)} end)`,
  };
}

/** The grade that fit points fall in (as gradeFor). */
export function gradeSql(fitPoints: SQL, bands: GradeBands): SQL {
  return sql`(case when ${fitPoints} >= ${bands.A}::int then 'A' when ${fitPoints} >= ${bands.B}::int then 'B'
                   when ${fitPoints} >= ${bands.C}::int then 'C' when ${fitPoints} >= ${bands.D}::int then 'D' else 'F' end)`;
}

/** Fit points of `p`: the sum of the points of the criteria that hold. */
export function fitPointsSql(criteria: FitCriterion[]): SQL {
  if (criteria.length === 0) return sql`0`;
  return sql`(${sql.join(
    criteria.map((criterion) => sql`(case when ${conditionSql(criterion)} then ${criterion.points}::int else 0 end)`),
    sql` + `,
  )})`;
}

/** Whether activity `a` matches (as ruleMatches). */
export function activityMatchSql(match: ActivityMatch): SQL {
  const tests: SQL[] = [];
  if (match.types?.length === 1) tests.push(sql`a.type = ${match.types[0]}::text`);
  else if (match.types?.length) tests.push(sql`a.type = any(${sql.param(match.types)}::text[])`);
  if (match.urlContains) tests.push(sql`strpos(lower(coalesce(a.url, '')), lower(${match.urlContains})) > 0`);
  if (match.urlPattern) tests.push(sql`coalesce(a.url, '') ~* ${match.urlPattern}`);
  if (match.titleContains) tests.push(sql`strpos(lower(coalesce(a.title, '')), lower(${match.titleContains})) > 0`);
  if (match.campaignId) tests.push(sql`a.campaign_id = ${match.campaignId}::uuid`);
  if (match.eventName) {
    tests.push(sql`lower(case coalesce(jsonb_typeof(a.properties -> 'event'), 'null')
                              when 'null' then a.title when 'string' then a.properties ->> 'event' end) = lower(${match.eventName})`);
  }
  for (const [key, expected] of Object.entries(match.properties ?? {})) {
    tests.push(
      typeof expected === 'string'
        ? sql`(jsonb_typeof(a.properties -> ${key}) = 'string' and lower(a.properties ->> ${key}) = lower(${expected}))`
        : sql`(a.properties -> ${key}) = ${JSON.stringify(expected)}::jsonb`,
    );
  }
  return tests.length === 0 ? sql`true` : sql.join(tests, sql` and `);
}

/** The e-mail domain type of an address column: personal (free mail), education, or business. */
export function emailDomainTypeSql(email: SQL): SQL {
  return sql`(case when ${email} is null or position('@' in ${email}) = 0 then null
                   when lower(split_part(${email}, '@', 2)) = any(${sql.param([...freeMailDomains])}::text[]) then 'personal'
                   when lower(split_part(${email}, '@', 2)) ~ '(\\.edu|\\.ac\\.[a-z]{2}|\\.edu\\.[a-z]{2})$' then 'education'
                   else 'business' end)`;
}

/** The same classification in JavaScript (for the breakdown). */
export function emailDomainType(email: string | null): string | null {
  if (!email?.includes('@')) return null;
  const domain = email.split('@')[1]!.toLowerCase();
  if (freeMailDomains.has(domain)) return 'personal';
  if (/(\.edu|\.ac\.[a-z]{2}|\.edu\.[a-z]{2})$/.test(domain)) return 'education';
  return 'business';
}
