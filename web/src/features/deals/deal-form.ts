import { fromMinor, toMinor } from '../../api/format';
import type { Deal, PropertyDefinition, PropertyValues } from '../../api/types';
import { missingRequired, propertiesToCreate, propertiesToUpdate } from '../properties/property-values';

export type DealFormValues = {
  name: string;
  /** In whole units of the currency, as people type money; the API takes minor units. */
  amount: number | string;
  currency: string;
  stage: string;
  expectedCloseOn: string | null;
  ownerId: string | null;
  companyId: string | null;
  contactIds: string[];
  properties: PropertyValues;
};

export const currencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'SEK', 'NOK', 'DKK', 'JPY', 'INR', 'BRL'];

export function dealFormValues(deal?: Deal, defaults: Partial<DealFormValues> = {}): DealFormValues {
  return {
    name: deal?.name ?? '',
    amount: deal ? fromMinor(deal.amountMinor, deal.currency) : '',
    currency: deal?.currency ?? 'USD',
    stage: deal && deal.status === 'open' ? deal.stage : 'discovery',
    expectedCloseOn: deal?.expectedCloseOn ?? null,
    ownerId: deal?.ownerId ?? null,
    companyId: deal?.companyId ?? null,
    contactIds: deal?.contacts.map((contact) => contact.id) ?? [],
    properties: { ...(deal?.properties ?? {}) },
    ...defaults,
  };
}

export function validateDealForm(values: DealFormValues, definitions: PropertyDefinition[]) {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Give the deal a name';
  if (typeof values.amount === 'number' && values.amount < 0) errors.amount = 'An amount is never negative';
  for (const [key, message] of Object.entries(missingRequired(definitions, values.properties))) {
    errors[`properties.${key}`] = message;
  }
  return errors;
}

const amountMinor = (values: DealFormValues) =>
  typeof values.amount === 'number' ? toMinor(values.amount, values.currency) : 0;

/** The body of POST /api/deals. */
export function dealToCreate(values: DealFormValues) {
  const properties = propertiesToCreate(values.properties);
  return {
    name: values.name.trim(),
    amountMinor: amountMinor(values),
    currency: values.currency,
    stage: values.stage,
    expectedCloseOn: values.expectedCloseOn || undefined,
    ownerId: values.ownerId ?? undefined,
    companyId: values.companyId ?? undefined,
    contactIds: values.contactIds,
    properties: Object.keys(properties).length ? properties : undefined,
  };
}

/** The body of PATCH /api/deals/:id: what changed, with contacts added and removed. */
export function dealToUpdate(deal: Deal, before: DealFormValues, values: DealFormValues) {
  const body: Record<string, unknown> = {};
  if (values.name.trim() !== before.name) body.name = values.name.trim();
  if (amountMinor(values) !== deal.amountMinor || values.currency !== deal.currency) {
    body.amountMinor = amountMinor(values);
    body.currency = values.currency;
  }
  // A closed deal's stage changes only by reopening it.
  if (deal.status === 'open' && values.stage !== before.stage) body.stage = values.stage;
  if (values.expectedCloseOn !== before.expectedCloseOn) body.expectedCloseOn = values.expectedCloseOn;
  if (values.ownerId !== before.ownerId) body.ownerId = values.ownerId;
  if (values.companyId !== before.companyId) body.companyId = values.companyId;
  const added = values.contactIds.filter((id) => !before.contactIds.includes(id));
  const removed = before.contactIds.filter((id) => !values.contactIds.includes(id));
  if (added.length) body.addContactIds = added;
  if (removed.length) body.removeContactIds = removed;
  const properties = propertiesToUpdate(before.properties, values.properties);
  if (properties) body.properties = properties;
  return body;
}
