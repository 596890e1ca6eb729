import type { Form, FormField } from './form-definition';

/**
 * Progressive profiling: which fields a visitor is asked. Someone unknown gets the form's regular
 * fields. A known visitor (`knownFields`: the fields whose answers Baton already has) is not asked
 * those again — except the email, shown prefilled so they can correct it — and gets up to
 * `progressiveLimit` next-best questions instead: the progressive fields still unanswered, in order.
 */
export function selectFields(form: Pick<Form, 'fields' | 'progressiveLimit'>, knownFields?: string[]): FormField[] {
  if (!knownFields) return form.fields.filter((field) => !field.progressive);
  const known = new Set(knownFields);
  let progressive = 0;
  return form.fields.filter((field) => {
    if (field.type === 'hidden') return !field.progressive;
    if (!field.progressive) return field.mapTo === 'contact.email' || !known.has(field.name);
    if (known.has(field.name) || progressive >= form.progressiveLimit) return false;
    progressive += 1;
    return true;
  });
}
