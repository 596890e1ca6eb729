import type { ContactTraits } from '../contacts';
import type { Form, FormField } from './form-definition';
import type { RawValues } from './validate-submission';

export type SubmissionEffects = {
  email: string | null;
  /** The contact's own fields the answers fill. */
  contact: ContactTraits;
  /** Custom contact properties (`properties` jsonb), typed as the field asks. */
  contactProperties: Record<string, unknown>;
  /** The company the lead named: passed as the identify call's `company` trait. */
  company: { name?: string; website?: string; industry?: string; employee_count?: number };
  companyProperties: Record<string, unknown>;
  comments: string | null;
};

function typed(field: FormField, value: string | string[]): unknown {
  if (field.type === 'multi_select') return Array.isArray(value) ? value : [value];
  const one = Array.isArray(value) ? (value[0] ?? '') : value;
  if (field.type === 'number') return Number(one.replace(',', '.'));
  if (field.type === 'checkbox') return one !== '' && one !== 'no';
  return one;
}

/** What a submission's answers mean for the contact and its company. Pure. */
export function submissionEffects(form: Pick<Form, 'fields'>, values: RawValues): SubmissionEffects {
  const effects: SubmissionEffects = {
    email: null,
    contact: {},
    contactProperties: {},
    company: {},
    companyProperties: {},
    comments: null,
  };
  for (const field of form.fields) {
    const raw = values[field.name];
    if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0) || !field.mapTo) continue;
    const value = typed(field, raw);
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const [object, key, custom] = field.mapTo.split('.');
    if (field.mapTo === 'comments') effects.comments = text;
    else if (object === 'contact' && key === 'custom') effects.contactProperties[custom!] = value;
    else if (object === 'company' && key === 'custom') effects.companyProperties[custom!] = value;
    else if (field.mapTo === 'contact.email') effects.email = text.toLowerCase();
    else if (field.mapTo === 'contact.companyName') effects.contact.companyName = text;
    else if (object === 'contact') (effects.contact as Record<string, string>)[key!] = text;
    else if (key === 'employees') {
      const employees = Math.round(Number(value));
      if (Number.isFinite(employees) && employees > 0) effects.company.employee_count = employees;
    } else if (key === 'name' || key === 'website' || key === 'industry') effects.company[key] = text;
  }
  if (effects.email) effects.contact.email = effects.email;
  if (effects.company.name && !effects.contact.companyName) effects.contact.companyName = effects.company.name;
  return effects;
}
