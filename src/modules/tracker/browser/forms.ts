import type { Properties } from './types';

/** Fields never read: secrets and payment or identity numbers. */
const SENSITIVE_NAME = /pass|card|cvc|cvv|iban|ssn|secret|token|csrf/i;
const SKIPPED_TYPES = /^(password|hidden|file|submit|button|reset|image)$/;
const MAX_VALUE_LENGTH = 1000;

/** Visitor traits guessed from common field names (lowercased, letters only); the first match wins. */
const TRAIT_PATTERNS: [trait: string, pattern: RegExp][] = [
  ['email', /email/],
  ['firstName', /first|given|forename|^fname$/],
  ['lastName', /last|family|surname|^lname$/],
  ['company', /company|organi[sz]ation|^org$|business|employer/],
  ['phone', /phone|^tel|mobile/],
  ['title', /jobtitle|^title$|position/],
  ['website', /website|^url$|homepage/],
  ['name', /^(full|your|contact)?name$/],
];

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * What a visitor entered in a form: `fields` by name (checkbox groups and multiple selects as
 * arrays) and the `traits` it reveals about them. Passwords, hidden inputs, card-like fields and
 * fields marked `data-baton-ignore` are never read.
 */
export function readForm(form: HTMLFormElement): { fields: Properties; traits: Properties } {
  const fields: Properties = {};
  const traits: Properties = {};
  for (const element of Array.from(form.elements)) {
    if (!isReadable(element)) continue;
    const key = element.name || element.id;
    const value = fieldValue(element);
    if (value === undefined) continue;
    const known = fields[key];
    if (known === undefined || known === false) fields[key] = value;
    else if (value !== false) fields[key] = ([] as unknown[]).concat(known, value);
    const trait = element.type === 'email' ? 'email' : traitOf(key);
    if (trait && typeof value === 'string' && value && traits[trait] === undefined) traits[trait] = value;
  }
  if (typeof traits.email === 'string' && !traits.email.includes('@')) delete traits.email;
  return { fields, traits };
}

function isReadable(element: Element): element is Field {
  if (
    !(
      element instanceof HTMLInputElement ||
      element instanceof HTMLSelectElement ||
      element instanceof HTMLTextAreaElement
    )
  ) {
    return false;
  }
  const key = element.name || element.id;
  return (
    !!key &&
    !element.disabled &&
    !element.hasAttribute('data-baton-ignore') &&
    !SKIPPED_TYPES.test(element.type) &&
    !SENSITIVE_NAME.test(`${key} ${element.id}`) &&
    !(element.getAttribute('autocomplete') ?? '').startsWith('cc-')
  );
}

/** A checkbox is true/false, or its value when it has one; an unchecked radio is not an answer. */
function fieldValue(element: Field): unknown {
  if (element instanceof HTMLInputElement && element.type === 'checkbox') {
    return element.checked && (element.value === 'on' || element.value);
  }
  if (element instanceof HTMLInputElement && element.type === 'radio' && !element.checked) return undefined;
  if (element instanceof HTMLSelectElement && element.multiple) {
    return Array.from(element.options)
      .filter((option) => option.selected)
      .map((option) => option.value);
  }
  return element.value.trim().slice(0, MAX_VALUE_LENGTH);
}

function traitOf(key: string): string | undefined {
  const normalized = key.toLowerCase().replace(/[^a-z]/g, '');
  return TRAIT_PATTERNS.find(([, pattern]) => pattern.test(normalized))?.[0];
}
