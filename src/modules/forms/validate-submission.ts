import { cleanEmail } from '../contacts';
import { defaultMaxLength, type Form, type FormField, systemFieldNames } from './form-definition';
import { selectFields } from './select-fields';

export type RawValues = Record<string, string | string[]>;

export type SubmissionCheck =
  /** Fields the form does not have: the whole submission is refused, naming them. */
  | { kind: 'unknown_fields'; names: string[] }
  /** Values longer than a field (or a system field) holds. */
  | { kind: 'too_large'; names: string[] }
  /** Answers that do not satisfy the form, by field name (`consent` for the consent box). */
  | { kind: 'invalid'; errors: Record<string, string>; values: RawValues }
  | { kind: 'valid'; values: RawValues; consentGiven: boolean };

const system = new Set<string>(systemFieldNames);
/** UTM tags, page and referrer, hidden ids: short strings. */
const SYSTEM_MAX = 2000;
const phonePattern = /^[+()0-9\s./x-]{5,40}$/i;

// NUL is the one character PostgreSQL cannot store in text or jsonb: it goes, rather than the submission.
const clean = (value: string) => value.replace(/\0/g, '').replace(/\r\n?/g, '\n').trim();

/**
 * Checks submitted values against a form, without I/O: unknown fields, sizes, then each asked
 * field's rules (required, email, phone, number range, options). `asked` is the fields the visitor
 * was shown (from the render token); without it, the form's regular fields. Values come back trimmed.
 */
export function validateSubmission(
  form: Pick<Form, 'fields' | 'progressiveLimit' | 'consent'>,
  raw: RawValues,
  asked?: string[],
): SubmissionCheck {
  const byName = new Map(form.fields.map((field) => [field.name, field]));
  const unknown = Object.keys(raw).filter((name) => !byName.has(name) && !system.has(name));
  if (unknown.length > 0) return { kind: 'unknown_fields', names: unknown.sort() };

  const tooLarge: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const field = byName.get(name);
    // The visitor cannot see or fix a hidden system field (a long ad-click URL): cut it, never refuse.
    if (!field) continue;
    const max = maxLengthOf(field);
    const list = Array.isArray(value) ? value : [value];
    if (list.length > 200 || list.some((item) => item.length > max)) tooLarge.push(name);
  }
  if (tooLarge.length > 0) return { kind: 'too_large', names: tooLarge.sort() };

  const values: RawValues = {};
  for (const [name, value] of Object.entries(raw)) {
    const cleaned = Array.isArray(value) ? value.map(clean).filter((item) => item !== '') : clean(value);
    values[name] = byName.has(name)
      ? cleaned
      : Array.isArray(cleaned)
        ? cleaned.slice(0, 20).map((item) => item.slice(0, SYSTEM_MAX))
        : cleaned.slice(0, SYSTEM_MAX);
  }
  const askedSet = asked ? new Set(asked) : new Set(selectFields(form).map((field) => field.name));
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    const error = checkField(field, values[field.name], askedSet.has(field.name));
    if (error) errors[field.name] = error;
  }
  const consentGiven = typeof values.consent === 'string' && values.consent !== '' && values.consent !== 'no';
  if (form.consent?.required && !consentGiven) errors.consent = 'Please give your consent to continue';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors, values };
  return { kind: 'valid', values, consentGiven };
}

function maxLengthOf(field: FormField): number {
  if (field.type === 'number') return 50;
  if (field.type === 'select' || field.type === 'multi_select' || field.type === 'checkbox') return 200;
  return field.maxLength ?? defaultMaxLength(field.type);
}

function checkField(field: FormField, value: string | string[] | undefined, asked: boolean): string | null {
  const multi = field.type === 'multi_select';
  if (Array.isArray(value) && !multi && value.length > 1) return 'Takes one value';
  const list = value === undefined ? [] : Array.isArray(value) ? value : value === '' ? [] : [value];
  if (list.length === 0) return field.required && asked ? 'This field is required' : null;
  const one = list[0]!;
  switch (field.type) {
    case 'email':
      return cleanEmail(one) ? null : 'Enter an email address like name@example.com';
    case 'phone':
      return phonePattern.test(one) && (one.match(/\d/g)?.length ?? 0) >= 5 ? null : 'Enter a phone number';
    case 'number': {
      const number = Number(one.replace(',', '.'));
      if (!Number.isFinite(number) || one === '') return 'Enter a number';
      if (field.min !== undefined && number < field.min) return `Must be at least ${field.min}`;
      if (field.max !== undefined && number > field.max) return `Must be at most ${field.max}`;
      return null;
    }
    case 'select':
      return field.options.includes(one) ? null : 'Choose one of the options';
    case 'multi_select': {
      const wrong = list.find((item) => !field.options.includes(item));
      return wrong === undefined ? null : 'Choose among the options';
    }
    default:
      return null;
  }
}
