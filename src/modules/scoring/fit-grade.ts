import { numericLiteral } from './numeric-literal';
/** A profile criterion: a field of the contact or its company, a test, and the points it is worth. */
export type FitCriterion = {
  id: string;
  label: string;
  field: FitField;
  operator: 'contains_any' | 'equals_any' | 'gte' | 'lte' | 'is_set' | 'is_not_set';
  values: string[];
  points: number;
};

/** Fields a criterion can test: contact fields, company fields, derived ones, custom properties (`properties.key`). */
export type FitField =
  | 'title'
  | 'seniority'
  | 'department'
  | 'country'
  | 'industry'
  | 'employees'
  | 'persona'
  | 'emailDomainType'
  | 'emailDomain'
  | 'source'
  | `properties.${string}`;

export type FitProfile = Record<string, string | number | boolean | string[] | null | undefined>;

export type GradeBands = { A: number; B: number; C: number; D: number };

export const defaultGradeBands: GradeBands = { A: 80, B: 60, C: 40, D: 20 };

const asText = (value: unknown): string[] =>
  value === null || value === undefined
    ? []
    : Array.isArray(value)
      ? value.map((item) => String(item).toLowerCase())
      : [String(value).toLowerCase()];

export function criterionMatches(criterion: FitCriterion, profile: FitProfile): boolean {
  const value = profile[criterion.field];
  const texts = asText(value);
  const wanted = criterion.values.map((item) => item.toLowerCase());
  switch (criterion.operator) {
    case 'is_set':
      return texts.some((text) => text !== '');
    case 'is_not_set':
      return texts.every((text) => text === '');
    case 'equals_any':
      return texts.some((text) => wanted.includes(text));
    case 'contains_any':
      return texts.some((text) => wanted.some((word) => word !== '' && text.includes(word)));
    case 'gte':
    case 'lte': {
      const number = asNumber(value);
      const bound = asNumber(criterion.values[0]);
      if (number === null || bound === null) return false;
      return criterion.operator === 'gte' ? number >= bound : number <= bound;
    }
  }
}

/** A number, or a string that is one as SQL reads it (numericLiteral); anything else is none. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && numericLiteral.test(value)) return Number(value);
  return null;
}

export type FitResult = {
  points: number;
  grade: 'A' | 'B' | 'C' | 'D' | 'F';
  matched: { id: string; label: string; points: number }[];
};

/** Fit points from the criteria that match, and the grade their total falls in. */
export function fitGrade(
  criteria: FitCriterion[],
  profile: FitProfile,
  bands: GradeBands = defaultGradeBands,
): FitResult {
  const matched = criteria
    .filter((criterion) => criterionMatches(criterion, profile))
    .map((criterion) => ({ id: criterion.id, label: criterion.label, points: criterion.points }));
  const points = matched.reduce((sum, item) => sum + item.points, 0);
  return { points, grade: gradeFor(points, bands), matched };
}

export function gradeFor(points: number, bands: GradeBands): FitResult['grade'] {
  if (points >= bands.A) return 'A';
  if (points >= bands.B) return 'B';
  if (points >= bands.C) return 'C';
  if (points >= bands.D) return 'D';
  return 'F';
}

/** Grades in order, best first: "grade B or better" means rank ≤ rank of B. */
export const gradeOrder = ['A', 'B', 'C', 'D', 'F'] as const;
/** The grades as good as `minimum` or better, best first ("B" → A, B). */
export const gradesAtLeast = (minimum: string): string[] =>
  gradeOrder.slice(0, gradeOrder.indexOf(minimum as (typeof gradeOrder)[number]) + 1);
export const atLeast = (grade: string | null, minimum: string) =>
  grade !== null &&
  gradeOrder.indexOf(grade as (typeof gradeOrder)[number]) <=
    gradeOrder.indexOf(minimum as (typeof gradeOrder)[number]);
