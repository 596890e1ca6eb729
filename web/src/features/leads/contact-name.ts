import type { ContactSummary } from '../../api/types';

type Named = Pick<ContactSummary, 'firstName' | 'lastName' | 'email'>;

/** First and last name; the email address when the lead has given no name. */
export function contactName(contact: Named): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  return name || contact.email || 'Unnamed lead';
}

/** Whether the name shown is a real name (then the email goes beneath it). */
export function hasName(contact: Named): boolean {
  return Boolean(contact.firstName || contact.lastName);
}
