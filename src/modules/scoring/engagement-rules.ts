import type { ActivityType } from '../activities/schema';

/** What an activity must look like for a rule to give (or take) points. Every condition set must hold. */
export type ActivityMatch = {
  types?: ActivityType[];
  urlContains?: string;
  urlPattern?: string;
  titleContains?: string;
  campaignId?: string;
  /** Custom events: the event name (activities of type custom). */
  eventName?: string;
  /** Properties that must equal these values (strings compared case-insensitively). */
  properties?: Record<string, string | number | boolean>;
};

export type Caps = { perDay?: number; perWeek?: number; ever?: number };

export type EngagementRule = {
  id: string;
  label: string;
  match: ActivityMatch;
  /** Negative for signals against a lead (careers page, unsubscribe, bounce). */
  points: number;
  caps?: Caps;
  enabled: boolean;
};

export type ScoredActivity = {
  id: string;
  type: ActivityType;
  occurredAt: number;
  title: string | null;
  url: string | null;
  campaignId: string | null;
  properties: Record<string, unknown>;
};

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

const patterns = new Map<string, RegExp | null>();
function pattern(source: string): RegExp | null {
  if (!patterns.has(source)) {
    try {
      patterns.set(source, new RegExp(source, 'i'));
    } catch {
      patterns.set(source, null);
    }
  }
  return patterns.get(source)!;
}

export function ruleMatches(match: ActivityMatch, activity: ScoredActivity): boolean {
  if (match.types?.length && !match.types.includes(activity.type)) return false;
  const url = activity.url?.toLowerCase() ?? '';
  if (match.urlContains && !url.includes(match.urlContains.toLowerCase())) return false;
  if (match.urlPattern) {
    const regex = pattern(match.urlPattern);
    if (!regex?.test(activity.url ?? '')) return false;
  }
  if (match.titleContains && !(activity.title ?? '').toLowerCase().includes(match.titleContains.toLowerCase()))
    return false;
  if (match.campaignId && activity.campaignId !== match.campaignId) return false;
  if (match.eventName) {
    const event = activity.properties.event ?? activity.title;
    if (typeof event !== 'string' || event.toLowerCase() !== match.eventName.toLowerCase()) return false;
  }
  if (match.properties) {
    for (const [key, expected] of Object.entries(match.properties)) {
      if (lower(activity.properties[key]) !== lower(expected)) return false;
    }
  }
  return true;
}

/** UTC day and ISO week numbers: the periods caps count in. */
export function dayOf(time: number): number {
  return Math.floor(time / 86_400_000);
}

export function weekOf(time: number): number {
  // 1970-01-01 was a Thursday; ISO weeks start on Monday.
  return Math.floor((dayOf(time) + 3) / 7);
}

/** How often a rule already counted for a contact, per period: what caps are checked against. */
export type CapCounter = { days: Map<number, number>; weeks: Map<number, number>; ever: number };

export function newCapCounter(): CapCounter {
  return { days: new Map(), weeks: new Map(), ever: 0 };
}

/** Whether the rule may count once more at `time`; if so, counts it. */
export function takeCap(caps: Caps | undefined, counter: CapCounter, time: number): boolean {
  const day = dayOf(time);
  const week = weekOf(time);
  if (caps?.ever !== undefined && counter.ever >= caps.ever) return false;
  if (caps?.perWeek !== undefined && (counter.weeks.get(week) ?? 0) >= caps.perWeek) return false;
  if (caps?.perDay !== undefined && (counter.days.get(day) ?? 0) >= caps.perDay) return false;
  counter.ever += 1;
  counter.weeks.set(week, (counter.weeks.get(week) ?? 0) + 1);
  counter.days.set(day, (counter.days.get(day) ?? 0) + 1);
  return true;
}
