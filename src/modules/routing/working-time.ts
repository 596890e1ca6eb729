/**
 * Working time in a person's time zone: when a rep works, and deadlines counted in working
 * minutes. Pure: instants in, instants out; time-zone rules come from the runtime's Intl data, so
 * daylight-saving changes fall where they really do.
 */

/** Minutes after local midnight, [start, end) — one window a day; null for a day off. Index 0 is Sunday. */
export type WeeklyHours = ([start: number, end: number] | null)[];

export type Schedule = { timeZone: string; hours: WeeklyHours };

/** Monday to Friday, 9:00 to 17:00. */
export const officeHours: WeeklyHours = [null, [540, 1020], [540, 1020], [540, 1020], [540, 1020], [540, 1020], null];

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export type LocalTime = { year: number; month: number; day: number; minute: number; weekday: number };

/** The wall-clock date and minute of the day of `at` in `timeZone`. */
export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute } = parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  return {
    year,
    month,
    day,
    minute: hour * 60 + minute,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** How far `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const local = localTime(at, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day) + local.minute * MINUTE;
  return wall - Math.floor(at / MINUTE) * MINUTE;
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a spring-forward change
 * moves forward by the gap (02:30 on the night clocks jump from 02:00 to 03:00 reads as 03:30, as
 * calendars do); a time that happens twice in the autumn is its first occurrence.
 */
export function instantOf(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day) + minute * MINUTE;
  // Offsets change at most once a day: the offset a day before and a day after give every reading.
  const before = wall - offsetAt(wall - 86_400_000, timeZone);
  const after = wall - offsetAt(wall + 86_400_000, timeZone);
  const readings = [before, after].filter((instant) => instant + offsetAt(instant, timeZone) === wall);
  // None: the time was skipped; read it with the offset from before the change.
  return readings.length > 0 ? Math.min(...readings) : before;
}

/** The working windows of the local day `offset` days after the local day of `at`, as instants. */
function windowOfDay(at: number, offset: number, schedule: Schedule): [number, number] | null {
  const local = localTime(at, schedule.timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
  const hours = schedule.hours[date.getUTCDay()];
  if (!hours) return null;
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  return [
    instantOf(year, month, day, hours[0], schedule.timeZone),
    instantOf(year, month, day, hours[1], schedule.timeZone),
  ];
}

const hasHours = (schedule: Schedule) => schedule.hours.some((window) => window && window[1] > window[0]);

/** Whether `at` falls inside the schedule's working hours. */
export function isWorkingTime(at: number, schedule: Schedule): boolean {
  const window = windowOfDay(at, 0, schedule);
  return window !== null && at >= window[0] && at < window[1];
}

/**
 * The instant `minutes` working minutes after `start`: time outside the schedule's hours does not
 * count. A schedule without any hours counts wall-clock time.
 */
export function addWorkingMinutes(start: number, minutes: number, schedule: Schedule): number {
  if (!hasHours(schedule)) return start + minutes * MINUTE;
  let remaining = minutes * MINUTE;
  // A year of days is far more than any SLA needs; the bound keeps a malformed schedule from looping.
  for (let offset = 0; offset < 400; offset += 1) {
    const window = windowOfDay(start, offset, schedule);
    if (!window) continue;
    const from = Math.max(window[0], start);
    if (from >= window[1]) continue;
    const available = window[1] - from;
    if (remaining <= available) return from + remaining;
    remaining -= available;
  }
  return start + minutes * MINUTE;
}

/** Working milliseconds between two instants (wall-clock when the schedule has no hours). */
export function workingMillisBetween(start: number, end: number, schedule: Schedule): number {
  if (end <= start) return 0;
  if (!hasHours(schedule)) return end - start;
  let total = 0;
  for (let offset = 0; offset < 400; offset += 1) {
    const window = windowOfDay(start, offset, schedule);
    if (window) {
      if (window[0] >= end) break;
      total += Math.max(0, Math.min(window[1], end) - Math.max(window[0], start));
    } else {
      // A day off: stop once its end is past `end`.
      const local = localTime(start, schedule.timeZone);
      const next = instantOf(local.year, local.month, local.day + offset + 1, 0, schedule.timeZone);
      if (next >= end) break;
    }
  }
  return total;
}
