import { z } from 'zod';
import { AppError, type ErrorDetail } from '../../core/errors';
import { lifecycleStages } from '../contacts';
import { type PropertyType, type PropertyView, propertyTypes } from '../properties';
import type { ColumnStats } from './column-stats';
import { enumReaders, ignoredHeaders, propertyObjectOf, targetFields } from './import-targets';
import type { ImportKind } from './schema';
import { isInvalid, squash } from './values';

export const columnTargetSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ignore') }),
    z.object({ type: z.literal('field'), field: z.string().min(1).max(50) }),
    z.object({ type: z.literal('property'), key: z.string().min(1).max(63) }),
    z.object({
      type: z.literal('new_property'),
      key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower snake case, starting with a letter'),
      label: z.string().trim().min(1).max(100),
      propertyType: z.enum(propertyTypes),
      options: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
    }),
  ])
  .meta({ id: 'ImportColumnTarget' });
export type ColumnTarget = z.infer<typeof columnTargetSchema>;

export const importOptionsSchema = z
  .object({
    createMissingOwners: z
      .boolean()
      .default(false)
      .describe('Owners not found among users are created as sales reps (admins only); otherwise a row error'),
    createMissingCompanies: z.boolean().default(true).describe('Companies named but not found are created'),
    defaultStage: z.enum(lifecycleStages).default('lead').describe('Stage of new contacts without one'),
    defaultCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
    dateOrder: z.enum(['mdy', 'dmy']).default('mdy').describe('How 03/04/2024 reads: March 4 (mdy) or 3 April (dmy)'),
    decimalComma: z.boolean().default(false).describe('Numbers written 1.234,56'),
  })
  .meta({ id: 'ImportOptions' });
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** `Total Time Spent on Website` → `total_time_spent_on_website`: a valid property key. */
export function propertyKeyOf(header: string): string {
  let key = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(key)) key = `p_${key}`;
  return key.slice(0, 63).replace(/_+$/, '') || 'column';
}

/** The property type every value of the column fits, and the options of a select. */
export function inferPropertyType(stats: ColumnStats): { type: PropertyType; options?: string[] } {
  if (stats.allBooleans && (stats.distinct ?? 3) <= 2) return { type: 'boolean' };
  if (stats.allNumbers) return { type: 'number' };
  if (stats.allDates) return { type: 'date' };
  if (
    stats.values &&
    stats.values.length <= 30 &&
    stats.filled >= 2 * stats.values.length &&
    stats.maxLength <= 100 &&
    stats.filled >= 10
  ) {
    return { type: 'single_select', options: stats.values };
  }
  return { type: 'text' };
}

/**
 * Do the column's values read as the enum field, most of them (so a header match is trusted and
 * the few that do not become row errors)? "Status: Hot/Cold" is not a lead status.
 */
function fits(kind: ImportKind, field: string, stats: ColumnStats): boolean {
  const reader = enumReaders[`${kind}.${field}`];
  if (!reader) return true;
  if (!stats.values || stats.values.length === 0) return false;
  const known = stats.values.filter((value) => !isInvalid(reader(value))).length;
  return known / stats.values.length >= 0.8;
}

/**
 * The first guess at a mapping: headers matched to standard fields (HubSpot and Salesforce names
 * included), then to existing custom properties by key or label; other filled columns become new
 * properties of the type their values fit; empty columns are ignored.
 */
export function guessMapping(
  kind: ImportKind,
  columns: ColumnStats[],
  properties: PropertyView[],
): { columns: ColumnTarget[] } {
  const fields = targetFields[kind];
  const object = propertyObjectOf[kind];
  const usedKeys = new Set<string>();
  const targets: ColumnTarget[] = columns.map(() => ({ type: 'ignore' }));
  // Standard fields first, each taking the column whose header comes earliest in its list of names.
  const squashed = columns.map((column) => squash(column.header));
  const taken = new Set<number>();
  for (const spec of fields) {
    for (const name of spec.headers) {
      const index = squashed.findIndex((header, at) => header === name && !taken.has(at));
      if (index < 0) continue;
      const column = columns[index]!;
      if (column.filled === 0) continue;
      if (spec.type === 'enum' && !fits(kind, spec.field, column)) continue;
      if (spec.type === 'email' && !column.allEmails && kind !== 'contacts') continue;
      taken.add(index);
      targets[index] = { type: 'field', field: spec.field };
      break;
    }
  }
  if (!object) return { columns: targets };
  const ofObject = properties.filter((property) => property.object === object);
  columns.forEach((column, index) => {
    if (targets[index]!.type !== 'ignore' || column.filled === 0) return;
    const header = squashed[index]!;
    if (ignoredHeaders.has(header)) return;
    const key = propertyKeyOf(column.header);
    const existing = ofObject.find(
      (property) => !usedKeys.has(property.key) && (property.key === key || squash(property.label) === header),
    );
    if (existing) {
      usedKeys.add(existing.key);
      targets[index] = { type: 'property', key: existing.key };
      return;
    }
    let unique = key;
    for (let n = 2; usedKeys.has(unique) || ofObject.some((property) => property.key === unique); n += 1) {
      unique = `${key.slice(0, 60)}_${n}`;
    }
    usedKeys.add(unique);
    const inferred = inferPropertyType(column);
    targets[index] = {
      type: 'new_property',
      key: unique,
      label: column.header.trim().slice(0, 100) || unique,
      propertyType: inferred.type,
      ...(inferred.options ? { options: inferred.options } : {}),
    };
  });
  return { columns: targets };
}

/** Which standard fields each kind needs mapped (one of each group). */
const requiredGroups: Record<ImportKind, { fields: string[]; message: string }[]> = {
  contacts: [{ fields: ['email', 'externalId'], message: 'Map an Email or External ID column to find contacts' }],
  companies: [
    { fields: ['name', 'domain', 'externalId'], message: 'Map a Company name, Domain or External ID column' },
  ],
  deals: [{ fields: ['name', 'externalId', 'company'], message: 'Map a Deal name, External ID or Company column' }],
  sales_activities: [
    { fields: ['type'], message: 'Map the activity Type column' },
    { fields: ['occurredAt'], message: 'Map the Date and time column' },
  ],
  campaign_costs: [
    { fields: ['campaign'], message: 'Map the Campaign name column' },
    { fields: ['periodStart'], message: 'Map the Period start column' },
    { fields: ['amount'], message: 'Map the Amount column' },
  ],
};

/**
 * Checks a mapping against the kind's fields and the workspace's properties: each field and
 * property at most once, new property keys free, required fields present.
 */
export function checkMapping(
  kind: ImportKind,
  headers: string[],
  mapping: { columns: ColumnTarget[] },
  properties: PropertyView[],
): void {
  const details: ErrorDetail[] = [];
  if (mapping.columns.length !== headers.length) {
    details.push({
      path: 'body.columns',
      message: `expected ${headers.length} columns, got ${mapping.columns.length}`,
    });
  }
  const object = propertyObjectOf[kind];
  const ofObject = properties.filter((property) => property.object === object);
  const fields = new Set<string>();
  const keys = new Set<string>();
  mapping.columns.forEach((target, index) => {
    const path = `body.columns.${index}`;
    if (target.type === 'field') {
      if (!targetFields[kind].some((spec) => spec.field === target.field)) {
        details.push({ path, message: `no field "${target.field}" in a ${kind} import` });
      } else if (fields.has(target.field)) {
        details.push({ path, message: `"${target.field}" is mapped twice` });
      }
      fields.add(target.field);
    } else if (target.type === 'property' || target.type === 'new_property') {
      if (!object) {
        details.push({ path, message: `a ${kind} import has no custom properties` });
        return;
      }
      if (keys.has(target.key)) details.push({ path, message: `property "${target.key}" is mapped twice` });
      keys.add(target.key);
      const existing = ofObject.find((property) => property.key === target.key);
      if (target.type === 'property' && !existing) {
        details.push({ path, message: `no ${object} property "${target.key}"` });
      }
      if (target.type === 'new_property') {
        if (existing && existing.type !== target.propertyType) {
          details.push({ path, message: `property "${target.key}" exists as ${existing.type}; map to it instead` });
        }
        const select = target.propertyType === 'single_select' || target.propertyType === 'multi_select';
        if (select && !existing && !target.options?.length) {
          details.push({ path, message: 'a select needs options' });
        }
        if (target.options && new Set(target.options).size !== target.options.length) {
          details.push({ path, message: 'options repeat' });
        }
      }
    }
  });
  for (const group of requiredGroups[kind]) {
    if (!group.fields.some((field) => fields.has(field)))
      details.push({ path: 'body.columns', message: group.message });
  }
  if (details.length > 0) {
    throw new AppError('validation_failed', `${details[0]!.path}: ${details[0]!.message}`, { details });
  }
}

/** The options guessed from the file: semicolon files write 1.234,56; slash dates reveal day-first. */
export function guessOptions(input: { delimiter: string; dayFirst: number; monthFirst: number }): ImportOptions {
  return importOptionsSchema.parse({
    decimalComma: input.delimiter === ';',
    dateOrder: input.dayFirst > input.monthFirst ? 'dmy' : 'mdy',
  });
}
