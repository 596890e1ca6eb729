import { dealStages } from '../deals';
import type { PropertyType } from '../properties';
import { enumReaders, type FieldSpec, outcomesOf, targetFields } from './import-targets';
import type { ColumnTarget, ImportOptions } from './mapping';
import type { OwnerDirectory } from './owners';
import type { ImportErrorCode, ImportKind } from './schema';
import {
  Invalid,
  isInvalid,
  parseBoolean,
  parseCurrency,
  parseDate,
  parseDateTime,
  parseDuration,
  parseEmail,
  parseInteger,
  parseMoney,
  parseNumber,
  parseText,
} from './values';

export type RowError = {
  row: number;
  code: ImportErrorCode;
  column: string | null;
  field: string | null;
  value: string | null;
  reason: string;
};

/** A row read into a kind's fields (camelCase, typed) and custom properties; `pendingOwner` awaits creation. */
export type NormalizedRow = {
  row: number;
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  pendingOwner?: string;
};

export type PropertyRule = { key: string; type: PropertyType; options: string[] };

/** `https://www.Acme.com/about` → `acme.com`, as companies store domains. */
export function normalizeDomain(raw: string): string | Invalid {
  const domain = raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
    .replace(/:\d+$/, '');
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,63}$/.test(domain)) {
    return new Invalid(`"${raw}" is not a domain or website`);
  }
  return domain;
}

const openStages: readonly string[] = dealStages;
const guarded = /^'[=+\-@\t\r]/;
const clip = (value: string) => (value.length > 500 ? `${value.slice(0, 497)}…` : value);

type Draft = {
  fields: Record<string, unknown>;
  properties: Record<string, unknown>;
  money: Record<string, { raw: string; column: string }>;
  pendingOwner?: string;
  errors: RowError[];
};

type ColumnReader = { index: number; header: string; read: (raw: string, draft: Draft, row: number) => void };

/**
 * Reads a row of cells into a kind's fields, as its mapping says, collecting every problem of the
 * row (each with its column, value and reason) rather than stopping at the first.
 */
export class RowNormalizer {
  private readonly readers: ColumnReader[] = [];
  private readonly headerCount: number;
  private readonly columnOf = new Map<string, string>();

  constructor(
    private readonly kind: ImportKind,
    headers: string[],
    mapping: { columns: ColumnTarget[] },
    private readonly options: ImportOptions,
    properties: PropertyRule[],
    private readonly owners: OwnerDirectory,
  ) {
    this.headerCount = headers.length;
    const specs = new Map(targetFields[kind].map((spec) => [spec.field, spec]));
    const rules = new Map(properties.map((rule) => [rule.key, rule]));
    mapping.columns.forEach((target, index) => {
      const header = headers[index] ?? `Column ${index + 1}`;
      if (target.type === 'field') {
        const spec = specs.get(target.field);
        if (!spec) return;
        this.columnOf.set(spec.field, header);
        this.readers.push({ index, header, read: this.fieldReader(spec, header) });
      } else if (target.type === 'property' || target.type === 'new_property') {
        const rule =
          rules.get(target.key) ??
          (target.type === 'new_property'
            ? { key: target.key, type: target.propertyType, options: target.options ?? [] }
            : undefined);
        if (rule) this.readers.push({ index, header, read: propertyReader(rule, header, options) });
      }
    });
  }

  private fail(
    draft: Draft,
    row: number,
    header: string | null,
    field: string | null,
    raw: string | null,
    reason: string,
  ) {
    draft.errors.push({ row, code: 'invalid', column: header, field, value: raw === null ? null : clip(raw), reason });
  }

  private fieldReader(spec: FieldSpec, header: string): ColumnReader['read'] {
    const { field } = spec;
    const set =
      (parse: (raw: string) => unknown): ColumnReader['read'] =>
      (raw, draft, row) => {
        const value = parse(raw);
        if (isInvalid(value)) this.fail(draft, row, header, field, raw, value.reason);
        else draft.fields[field] = value;
      };
    const { dateOrder, decimalComma } = this.options;
    switch (spec.type) {
      case 'text':
        return set((raw) => parseText(raw, spec.max ?? 200));
      case 'email':
        return set(parseEmail);
      case 'date':
        return set((raw) => parseDate(raw, dateOrder));
      case 'datetime':
        return set((raw) => parseDateTime(raw, dateOrder));
      case 'integer':
        return set((raw) => parseInteger(raw, decimalComma, 0, 10_000_000));
      case 'currency':
        return set(parseCurrency);
      case 'duration':
        return set((raw) => parseDuration(raw, decimalComma));
      case 'enum': {
        const reader = enumReaders[`${this.kind}.${field}`];
        return set((raw) => (reader ? reader(raw) : raw.trim()));
      }
      case 'money':
        return (raw, draft) => {
          draft.money[field] = { raw, column: header };
        };
      case 'owner':
        return (raw, draft, row) => {
          const owner = this.owners.resolve(raw);
          if (isInvalid(owner)) this.fail(draft, row, header, field, raw, owner.reason);
          else if (owner) draft.fields.ownerId = owner;
          else if (this.options.createMissingOwners) draft.pendingOwner = raw.trim().replace(/\s+/g, ' ');
          else {
            this.fail(
              draft,
              row,
              header,
              field,
              raw,
              `no user with the email or name "${raw.trim()}" (add the user, or let the import create missing users)`,
            );
          }
        };
      case 'reference':
        return set((raw) => parseText(raw, 200));
    }
  }

  /** The fields of one row, or every reason it cannot be imported. */
  normalize(row: number, values: string[]): { ok: NormalizedRow } | { errors: RowError[] } {
    const draft: Draft = { fields: {}, properties: {}, money: {}, errors: [] };
    if (values.length > this.headerCount) {
      this.fail(
        draft,
        row,
        null,
        null,
        values.slice(this.headerCount).join(', '),
        `the row has ${values.length} values but the header has ${this.headerCount} columns (a stray delimiter or quote?)`,
      );
    }
    for (const reader of this.readers) {
      let raw = values[reader.index];
      if (raw === undefined || raw.trim() === '') continue;
      // Undo the formula guard of a CSV export ('=…), so exported files import back unchanged.
      if (raw.charCodeAt(0) === 39 && guarded.test(raw)) raw = raw.slice(1);
      reader.read(raw, draft, row);
    }
    this.finish(draft, row);
    if (draft.errors.length > 0) return { errors: draft.errors };
    return {
      ok: { row, fields: draft.fields, properties: draft.properties, pendingOwner: draft.pendingOwner },
    };
  }

  private missing(draft: Draft, row: number, field: string, reason: string) {
    this.fail(draft, row, this.columnOf.get(field) ?? null, field, '', reason);
  }

  private money(draft: Draft, row: number, field: string, currency: string) {
    const entry = draft.money[field];
    if (!entry) return;
    const minor = parseMoney(entry.raw, currency, this.options.decimalComma);
    if (isInvalid(minor)) this.fail(draft, row, entry.column, field, entry.raw, minor.reason);
    else if (minor < 0) this.fail(draft, row, entry.column, field, entry.raw, 'a negative amount');
    else draft.fields[field] = minor;
  }

  /** Rules across fields of a kind: keys present, names split, stage and status agreeing, amounts in the row's currency. */
  private finish(draft: Draft, row: number): void {
    const f = draft.fields;
    const domainField = this.kind === 'companies' ? 'domain' : 'companyDomain';
    if (typeof f[domainField] === 'string') {
      const domain = normalizeDomain(f[domainField] as string);
      if (isInvalid(domain)) {
        this.fail(
          draft,
          row,
          this.columnOf.get(domainField) ?? null,
          domainField,
          f[domainField] as string,
          domain.reason,
        );
        delete f[domainField];
      } else f[domainField] = domain;
    }
    switch (this.kind) {
      case 'contacts': {
        if (typeof f.fullName === 'string' && f.firstName === undefined && f.lastName === undefined) {
          const parts = f.fullName.split(/\s+/);
          if (parts.length === 1) f.firstName = parts[0];
          else {
            f.lastName = parts.pop();
            f.firstName = parts.join(' ');
          }
        }
        delete f.fullName;
        if (f.email === undefined && f.externalId === undefined && !draft.errors.some((e) => e.field === 'email')) {
          this.missing(draft, row, 'email', 'no email and no external ID: nothing to find or create the contact by');
        }
        break;
      }
      case 'companies':
        if (f.name === undefined && f.domain === undefined && f.externalId === undefined && draft.errors.length === 0) {
          this.missing(draft, row, 'name', 'no company name, domain or external ID');
        }
        break;
      case 'deals': {
        // The currency is written only when the file gives it or an amount in it (else the deal keeps its own).
        const currency = (f.currency as string | undefined) ?? this.options.defaultCurrency;
        this.money(draft, row, 'amount', currency);
        if (f.currency !== undefined || f.amount !== undefined) f.currency = currency;
        let stage = f.stage as string | undefined;
        let status = f.status as string | undefined;
        if (stage === 'closed_won' || stage === 'closed_lost') {
          const implied = stage === 'closed_won' ? 'won' : 'lost';
          if (status && status !== implied) {
            this.fail(
              draft,
              row,
              this.columnOf.get('status') ?? null,
              'status',
              status,
              `status ${status} but stage ${stage}`,
            );
          }
          status = implied;
        } else if (status === 'won' || status === 'lost') {
          if (stage) {
            this.fail(
              draft,
              row,
              this.columnOf.get('stage') ?? null,
              'stage',
              stage,
              `stage ${stage} but status ${status}`,
            );
          }
          stage = `closed_${status}`;
        } else if (stage || status === 'open') {
          status = 'open';
        }
        if (stage !== undefined && !openStages.includes(stage) && !stage.startsWith('closed_')) {
          this.fail(draft, row, this.columnOf.get('stage') ?? null, 'stage', stage, `unknown deal stage "${stage}"`);
        }
        f.stage = stage;
        f.status = status;
        if (typeof f.closeDate === 'string') {
          if (status === 'won' || status === 'lost') f.closedAt = f.closeDate;
          else if (f.expectedCloseDate === undefined) f.expectedCloseDate = f.closeDate.slice(0, 10);
        }
        delete f.closeDate;
        if (f.name === undefined) f.name = f.company ?? f.externalId;
        break;
      }
      case 'sales_activities': {
        if (f.type === undefined && !draft.errors.some((e) => e.field === 'type')) {
          this.missing(draft, row, 'type', 'no activity type');
        }
        if (f.occurredAt === undefined && !draft.errors.some((e) => e.field === 'occurredAt')) {
          this.missing(draft, row, 'occurredAt', 'no date');
        }
        const type = f.type as keyof typeof outcomesOf | undefined;
        if (type && typeof f.outcome === 'string' && !outcomesOf[type].includes(f.outcome)) {
          this.fail(
            draft,
            row,
            this.columnOf.get('outcome') ?? null,
            'outcome',
            f.outcome,
            outcomesOf[type].length
              ? `a ${type} has no outcome "${f.outcome}" (one of ${outcomesOf[type].join(', ')})`
              : `a ${type} has no outcome`,
          );
        }
        if (type === 'task' && f.dueAt === undefined) this.missing(draft, row, 'dueAt', 'a task needs a due date');
        if (
          f.contactEmail === undefined &&
          f.contactExternalId === undefined &&
          f.dealExternalId === undefined &&
          f.company === undefined &&
          draft.errors.length === 0
        ) {
          this.missing(draft, row, 'contactEmail', 'say what this is about: a contact, a deal or a company');
        }
        break;
      }
      case 'campaign_costs': {
        const currency = (f.currency as string | undefined) ?? this.options.defaultCurrency;
        f.currency = currency;
        this.money(draft, row, 'amount', currency);
        if (f.campaign === undefined) this.missing(draft, row, 'campaign', 'no campaign name');
        if (f.periodStart === undefined && !draft.errors.some((e) => e.field === 'periodStart')) {
          this.missing(draft, row, 'periodStart', 'no period start date');
        }
        if (f.amount === undefined && !draft.errors.some((e) => e.field === 'amount')) {
          this.missing(draft, row, 'amount', 'no amount');
        }
        break;
      }
    }
  }
}

function propertyReader(rule: PropertyRule, header: string, options: ImportOptions): ColumnReader['read'] {
  const byLower = new Map(rule.options.map((option) => [option.toLowerCase(), option]));
  const listed = rule.options.length > 12 ? `${rule.options.slice(0, 12).join(', ')}, …` : rule.options.join(', ');
  const parse = (raw: string): unknown => {
    switch (rule.type) {
      case 'text':
        return parseText(raw, 10_000);
      case 'number':
        return parseNumber(raw, options.decimalComma);
      case 'date':
        return parseDate(raw, options.dateOrder);
      case 'boolean':
        return parseBoolean(raw);
      case 'single_select':
        return byLower.get(raw.trim().toLowerCase()) ?? new Invalid(`"${raw.trim()}" is not one of: ${listed}`);
      case 'multi_select': {
        const parts = raw
          .split(raw.includes(';') ? ';' : ',')
          .map((part) => part.trim())
          .filter(Boolean);
        const values: string[] = [];
        for (const part of parts) {
          const option = byLower.get(part.toLowerCase());
          if (!option) return new Invalid(`"${part}" is not one of: ${listed}`);
          if (!values.includes(option)) values.push(option);
        }
        return values.length > 100 ? new Invalid('more than 100 values') : values;
      }
    }
  };
  return (raw, draft, row) => {
    const value = parse(raw);
    if (isInvalid(value)) {
      draft.errors.push({
        row,
        code: 'invalid',
        column: header,
        field: rule.key,
        value: clip(raw),
        reason: value.reason,
      });
    } else draft.properties[rule.key] = value;
  };
}
