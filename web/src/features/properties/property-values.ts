import { formatDay, formatNumber } from '../../api/format';
import type { PropertyDefinition, PropertyValues } from '../../api/types';

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** A stored value in words: "Yes", "12,500", "3 Jul 2025", "Retail, Logistics". */
export function formatPropertyValue(definition: PropertyDefinition, value: unknown): string | null {
  if (isEmpty(value)) return null;
  if (definition.type === 'boolean') return value ? 'Yes' : 'No';
  if (definition.type === 'number' && typeof value === 'number') return formatNumber(value);
  if (definition.type === 'date' && typeof value === 'string') return formatDay(value.slice(0, 10));
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** The required properties left empty, as form errors by key. */
export function missingRequired(definitions: PropertyDefinition[], values: PropertyValues): Record<string, string> {
  return Object.fromEntries(
    definitions
      .filter((definition) => definition.required && isEmpty(values[definition.key]))
      .map((definition) => [definition.key, `${definition.label} is required`]),
  );
}

/** Values for a new record: empty ones are left out. */
export function propertiesToCreate(values: PropertyValues): PropertyValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !isEmpty(value)));
}

/** What changed against the stored values, with `null` for a cleared one (the server merges properties). */
export function propertiesToUpdate(before: PropertyValues, after: PropertyValues): PropertyValues | undefined {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changes: PropertyValues = {};
  for (const key of keys) {
    const next = isEmpty(after[key]) ? null : after[key];
    const previous = isEmpty(before[key]) ? null : before[key];
    if (JSON.stringify(next) !== JSON.stringify(previous)) changes[key] = next;
  }
  return Object.keys(changes).length ? changes : undefined;
}
