import { z } from 'zod';

/**
 * Interesting moments (after Marketo's): the few things a lead did that a rep should know before
 * calling, picked from the whole history and said in plain words. Which ones count is the
 * workspace's choice; pure, so the lead record and the tests read the same sentences.
 */

const momentSettingsShape = z.object({
  /** Forms marked hand-raiser, or with the lead's own words in them. */
  handRaiserForms: z.boolean().default(true),
  /** Every other form submission. */
  otherForms: z.boolean().default(true),
  downloads: z.boolean().default(true),
  emailClicks: z.boolean().default(true),
  /** Visits to pages whose address contains one of these, named by their label ("the pricing page"). */
  keyPages: z
    .array(z.object({ contains: z.string().trim().min(1).max(200), label: z.string().trim().min(1).max(60) }).strict())
    .max(20)
    .default([
      { contains: '/pricing', label: 'the pricing page' },
      { contains: '/demo', label: 'the demo page' },
    ]),
  /** A visit after this many days without any activity; null: not a moment. */
  returnAfterDays: z.number().int().min(1).max(365).nullable().default(14),
});
/** As given to the API: unknown keys refused. */
export const momentSettingsSchema = momentSettingsShape.strict();
/** As stored: keys a later version dropped are ignored, missing ones take their defaults. */
export const storedMomentSettingsSchema = momentSettingsShape;
export type MomentSettings = z.infer<typeof momentSettingsShape>;
export const defaultMomentSettings: MomentSettings = momentSettingsShape.parse({});

export type MomentActivity = {
  id: string;
  type: string;
  title: string | null;
  url: string | null;
  occurredAt: Date;
  properties: Record<string, unknown>;
};

export type MomentKind = 'hand_raiser' | 'form' | 'download' | 'key_page' | 'email_click' | 'return_visit';
export type Moment = { kind: MomentKind; at: Date; text: string; activityId: string };

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value);
const DAY = 86_400_000;

/** The interesting moments of a history (oldest first), newest first, at most `limit`. */
export function interestingMoments(activities: MomentActivity[], settings: MomentSettings, limit = 20): Moment[] {
  const moments: Moment[] = [];
  // One key-page moment per page a day: a lead refreshing the pricing page is one moment, not ten.
  const keyPageDays = new Set<string>();
  let previous: Date | null = null;
  for (const activity of activities) {
    const moment = momentOf(activity, settings, previous, keyPageDays);
    if (moment) moments.push(moment);
    previous = activity.occurredAt;
  }
  return moments.reverse().slice(0, limit);
}

function momentOf(
  activity: MomentActivity,
  settings: MomentSettings,
  previous: Date | null,
  keyPageDays: Set<string>,
): Moment | null {
  const at = activity.occurredAt;
  const base = { at, activityId: activity.id };
  const title = text(activity.title);
  switch (activity.type) {
    case 'form_submit': {
      const form = title ?? 'a form';
      const comments = text(activity.properties.comments);
      if (activity.properties.handRaiser === true || comments) {
        if (!settings.handRaiserForms) return null;
        return {
          ...base,
          kind: 'hand_raiser',
          text: comments
            ? `Asked for sales through “${form}”: “${clip(comments, 280)}”`
            : `Asked for sales through “${form}”`,
        };
      }
      return settings.otherForms ? { ...base, kind: 'form', text: `Filled in “${form}”` } : null;
    }
    case 'content_download': {
      if (!settings.downloads || !title) return null;
      const kind = text(activity.properties.assetKind)?.toLowerCase();
      return { ...base, kind: 'download', text: `Downloaded ${kind ? `the ${kind} ` : ''}“${title}”` };
    }
    case 'email_click':
      return settings.emailClicks
        ? {
            ...base,
            kind: 'email_click',
            text: title ? `Clicked through from the email “${title}”` : 'Clicked a link in an email',
          }
        : null;
    case 'page_view': {
      const url = activity.url?.toLowerCase() ?? '';
      const page = settings.keyPages.find((candidate) => url.includes(candidate.contains.toLowerCase()));
      const day = page ? `${page.contains}|${at.toISOString().slice(0, 10)}` : null;
      const firstToday = day !== null && !keyPageDays.has(day);
      if (day) keyPageDays.add(day);
      if (settings.returnAfterDays !== null && previous) {
        const silentDays = Math.floor((at.getTime() - previous.getTime()) / DAY);
        if (silentDays >= settings.returnAfterDays) {
          const where = page ? `, on ${page.label}` : title ? `, on “${title}”` : '';
          return { ...base, kind: 'return_visit', text: `Came back after ${silentDays} days without activity${where}` };
        }
      }
      return page && firstToday ? { ...base, kind: 'key_page', text: `Visited ${page.label}` } : null;
    }
    default:
      return null;
  }
}
