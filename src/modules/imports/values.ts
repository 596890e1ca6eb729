import { z } from 'zod';

/** A cell that could not be read as what its column maps to, and why (shown to the user). */
export class Invalid {
  constructor(readonly reason: string) {}
}

export const isInvalid = (value: unknown): value is Invalid => value instanceof Invalid;

/** Lower case, letters and digits only: how headers and enum values are compared ("Closed Won" = "closed_won"). */
export const squash = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '');

const emailPattern = z.regexes.email;

/** The address lower-cased, as Baton stores it (the same pattern as the API's). */
export function parseEmail(raw: string): string | Invalid {
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !emailPattern.test(value)) return new Invalid(`"${raw}" is not a valid email address`);
  return value;
}

export function parseText(raw: string, max: number): string | Invalid {
  const value = raw.trim();
  if (value.length > max) return new Invalid(`longer than ${max} characters`);
  return value;
}

export type DateOrder = 'mdy' | 'dmy';

const isoDate = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])/;
const localDate = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:$|[T ,]+)/;
const timePart = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*(am|pm)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

type DateParts = { year: number; month: number; day: number; rest: string };

function dateParts(raw: string, order: DateOrder): DateParts | Invalid {
  const value = raw.trim();
  const iso = isoDate.exec(value);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!validDay(year, month, day)) return new Invalid(`"${raw}" is not a valid date`);
    return { year, month, day, rest: value.slice(iso[0].length).trim() };
  }
  const local = localDate.exec(value);
  if (local) {
    const [first, second, year] = [Number(local[1]), Number(local[2]), Number(local[3])];
    const [month, day] = order === 'mdy' ? [first, second] : [second, first];
    if (!validDay(year, month, day)) {
      return new Invalid(
        `"${raw}" is not a valid date (read as ${order === 'mdy' ? 'month/day/year' : 'day/month/year'})`,
      );
    }
    return { year, month, day, rest: value.slice(local[0].length).trim() };
  }
  return new Invalid(
    `"${raw}" is not a date (use YYYY-MM-DD or ${order === 'mdy' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}, four-digit years)`,
  );
}

/** A calendar date as `YYYY-MM-DD`; a time after it is allowed and dropped. */
export function parseDate(raw: string, order: DateOrder): string | Invalid {
  const parts = dateParts(raw, order);
  if (isInvalid(parts)) return parts;
  if (parts.rest && !timePart.test(parts.rest)) return new Invalid(`"${raw}" is not a valid date`);
  return `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** A moment as an ISO string; without a time it is midnight UTC, without an offset the time is UTC. */
export function parseDateTime(raw: string, order: DateOrder): string | Invalid {
  const parts = dateParts(raw, order);
  if (isInvalid(parts)) return parts;
  const date = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`;
  if (!parts.rest) return `${date}T00:00:00.000Z`;
  const time = timePart.exec(parts.rest);
  if (!time) return new Invalid(`"${raw}" is not a valid date and time`);
  let hours = Number(time[1]);
  const minutes = Number(time[2]);
  const seconds = Number(time[3] ?? 0);
  const meridiem = time[5]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return new Invalid(`"${raw}" is not a valid time`);
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return new Invalid(`"${raw}" is not a valid time`);
  const fraction = (time[4] ?? '0').padEnd(3, '0').slice(0, 3);
  let zone = (time[6] ?? 'Z').toUpperCase();
  if (zone === 'UTC' || zone === 'GMT') zone = 'Z';
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    zone = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  const parsed = new Date(`${date}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${fraction}${zone}`);
  if (Number.isNaN(parsed.getTime())) return new Invalid(`"${raw}" is not a valid date and time`);
  return parsed.toISOString();
}

const plainNumber = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const commaThousands = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const commaDecimal = /^[+-]?\d+(,\d+)?$/;
const dotThousands = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const spaces = /[\s\u00a0\u202f']/g;

/**
 * A decimal number as a canonical string ("-1234.5"), so money can be converted without float
 * error. Accepts 1,234.56; with `decimalComma` (files from semicolon countries) 1.234,56 and 1234,56.
 */
export function parseDecimal(raw: string, decimalComma: boolean): string | Invalid {
  const value = raw.trim().replace(spaces, '');
  let canonical: string | undefined;
  if (plainNumber.test(value) && !(decimalComma && /^\d{1,3}\.\d{3}$/.test(value))) canonical = value;
  else if (!decimalComma && commaThousands.test(value)) canonical = value.replaceAll(',', '');
  else if (decimalComma && commaDecimal.test(value)) canonical = value.replace(',', '.');
  else if (decimalComma && dotThousands.test(value)) canonical = value.replaceAll('.', '').replace(',', '.');
  if (canonical === undefined) return new Invalid(`"${raw}" is not a number`);
  if (canonical.startsWith('+')) canonical = canonical.slice(1);
  if (canonical.startsWith('.')) canonical = `0${canonical}`;
  if (canonical.startsWith('-.')) canonical = `-0${canonical.slice(1)}`;
  if (canonical.endsWith('.')) canonical = canonical.slice(0, -1);
  return canonical;
}

export function parseNumber(raw: string, decimalComma: boolean): number | Invalid {
  const canonical = parseDecimal(raw, decimalComma);
  if (isInvalid(canonical)) return canonical;
  const value = Number(canonical);
  return Number.isFinite(value) ? value : new Invalid(`"${raw}" is not a number`);
}

export function parseInteger(raw: string, decimalComma: boolean, min: number, max: number): number | Invalid {
  const value = parseNumber(raw, decimalComma);
  if (isInvalid(value)) return value;
  if (!Number.isInteger(value)) return new Invalid(`"${raw}" is not a whole number`);
  if (value < min || value > max) return new Invalid(`${value} is out of range (${min}–${max})`);
  return value;
}

const currencyDigitsCache = new Map<string, number | null>();

/** The decimals of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD), or null for an unknown code. */
export function currencyDigits(currency: string): number | null {
  let digits = currencyDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      if (!/^[A-Z]{3}$/.test(currency)) throw new Error('not a code');
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = null;
    }
    currencyDigitsCache.set(currency, digits);
  }
  return digits;
}

export function parseCurrency(raw: string): string | Invalid {
  const value = raw.trim().toUpperCase();
  return currencyDigits(value) === null
    ? new Invalid(`"${raw}" is not an ISO 4217 currency code (such as USD, EUR)`)
    : value;
}

const symbols = /^(?:[$€£¥₹]|US\$|[A-Z]{3}\s)|(?:[$€£¥₹]|\s[A-Z]{3})$/;

/** An amount in integer minor units (cents): "1,234.5" USD → 123450, rounded half away from zero. */
export function parseMoney(raw: string, currency: string, decimalComma: boolean): number | Invalid {
  const digits = currencyDigits(currency) ?? 2;
  const canonical = parseDecimal(raw.trim().replace(symbols, ''), decimalComma);
  if (isInvalid(canonical)) return new Invalid(`"${raw}" is not an amount`);
  const negative = canonical.startsWith('-');
  const [whole = '0', fraction = ''] = canonical.replace('-', '').split('.');
  const kept = fraction.padEnd(digits, '0').slice(0, digits);
  let minor = Number(whole) * 10 ** digits + Number(kept || '0');
  if (Number(fraction[digits] ?? '0') >= 5) minor += 1;
  if (!Number.isSafeInteger(minor)) return new Invalid(`"${raw}" is too large`);
  return negative ? -minor : minor;
}

const truthy = new Set(['true', 'yes', 'y', '1', 't', 'on', 'checked', 'x', 'ja', 'oui', 'si']);
const falsy = new Set(['false', 'no', 'n', '0', 'f', 'off', 'unchecked', 'nein', 'non']);

export function parseBoolean(raw: string): boolean | Invalid {
  const value = raw.trim().toLowerCase();
  if (truthy.has(value)) return true;
  if (falsy.has(value)) return false;
  return new Invalid(`"${raw}" is not yes/no (true/false, 1/0)`);
}

export const booleanWords = new Set([...truthy, ...falsy]);

/** "1:05:30", "05:30" or a number of seconds. */
export function parseDuration(raw: string, decimalComma: boolean): number | Invalid {
  const value = raw.trim();
  const clock = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(value);
  if (clock) return Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  const seconds = parseNumber(value.replace(/\s*(s|sec|secs|seconds)$/i, ''), decimalComma);
  if (isInvalid(seconds) || seconds < 0 || seconds > 86_400) {
    return new Invalid(`"${raw}" is not a duration (seconds, or mm:ss / hh:mm:ss up to a day)`);
  }
  return Math.round(seconds);
}

/** Reads a value of a closed list through its synonyms ("Marketing Qualified Lead", "MQL" → mql). */
export function enumReader<T extends string>(
  what: string,
  values: readonly T[],
  synonyms: Record<string, T>,
): (raw: string) => T | Invalid {
  const lookup = new Map<string, T>();
  for (const value of values) lookup.set(squash(value), value);
  for (const [synonym, value] of Object.entries(synonyms)) lookup.set(squash(synonym), value);
  return (raw) =>
    lookup.get(squash(raw)) ?? new Invalid(`unknown ${what} "${raw.trim()}" (one of: ${values.join(', ')})`);
}
