import type { Contact, PropertyDefinition, PropertyValues } from '../../api/types';
import { missingRequired, propertiesToCreate, propertiesToUpdate } from '../properties/property-values';

const textFields = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'title',
  'companyName',
  'seniority',
  'department',
  'country',
  'city',
] as const;
type TextField = (typeof textFields)[number];

export type ContactFormValues = Record<TextField, string> & {
  source: string | null;
  ownerId: string | null;
  consentStatus: string;
  properties: PropertyValues;
  /** Only a new lead takes its stage from the form; later moves go through the stage menu. */
  stage: string;
};

export function contactFormValues(contact?: Contact): ContactFormValues {
  const text = Object.fromEntries(textFields.map((field) => [field, contact?.[field] ?? ''])) as Record<
    TextField,
    string
  >;
  return {
    ...text,
    source: contact?.source ?? null,
    ownerId: contact?.ownerId ?? null,
    consentStatus: contact?.consentStatus ?? 'unknown',
    properties: { ...(contact?.properties ?? {}) },
    stage: contact?.lifecycleStage ?? 'lead',
  };
}

/** Errors by form path: a lead needs a name or an address, and its required properties. */
export function validateContactForm(values: ContactFormValues, definitions: PropertyDefinition[]) {
  const errors: Record<string, string> = {};
  if (!values.email.trim() && !values.firstName.trim() && !values.lastName.trim()) {
    errors.email = 'Give at least a name or an email address';
  } else if (values.email.trim() && !/^\S+@\S+\.\S+$/.test(values.email.trim())) {
    errors.email = 'Enter an email address';
  }
  for (const [key, message] of Object.entries(missingRequired(definitions, values.properties))) {
    errors[`properties.${key}`] = message;
  }
  return errors;
}

/** The body of POST /api/contacts: only what was filled in. */
export function contactToCreate(values: ContactFormValues) {
  const body: Record<string, unknown> = {};
  for (const field of textFields) if (values[field].trim()) body[field] = values[field].trim();
  if (values.source) body.source = values.source;
  if (values.ownerId) body.ownerId = values.ownerId;
  if (values.consentStatus !== 'unknown') body.consentStatus = values.consentStatus;
  const properties = propertiesToCreate(values.properties);
  if (Object.keys(properties).length) body.properties = properties;
  body.lifecycleStage = values.stage;
  return body;
}

/** The body of PATCH /api/contacts/:id: only what changed, an emptied field as null. */
export function contactToUpdate(before: ContactFormValues, values: ContactFormValues) {
  const body: Record<string, unknown> = {};
  for (const field of textFields) {
    const next = values[field].trim();
    if (next !== before[field].trim()) body[field] = next || null;
  }
  if (values.source !== before.source) body.source = values.source;
  if (values.ownerId !== before.ownerId) body.ownerId = values.ownerId;
  if (values.consentStatus !== before.consentStatus) body.consentStatus = values.consentStatus;
  const properties = propertiesToUpdate(before.properties, values.properties);
  if (properties) body.properties = properties;
  return body;
}
