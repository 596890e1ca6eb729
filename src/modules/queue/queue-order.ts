/**
 * The pure half of the rep's queue: how urgent a lead's SLA clock is, whether the lead is warm,
 * and the one line that says why it is in the queue. The order itself is SQL (list-queue.ts) so
 * it can stop at a page; these are its words.
 */

/** Fresh activity within this window marks a lead warm: call while they are still thinking about it. */
export const WARM_WINDOW_MS = 4 * 60 * 60_000;

export type SlaUrgency = 'overdue' | 'due_soon' | 'on_track';

/** Overdue past the deadline; due soon in the last quarter of its window (or the last 15 minutes). */
export function slaUrgency(clock: { startedAt: Date; dueAt: Date }, now: Date): SlaUrgency {
  const left = clock.dueAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  const window = clock.dueAt.getTime() - clock.startedAt.getTime();
  return left <= Math.max(window / 4, 15 * 60_000) ? 'due_soon' : 'on_track';
}

export const isWarm = (lastActivityAt: Date | null, now: Date) =>
  lastActivityAt !== null && now.getTime() - lastActivityAt.getTime() <= WARM_WINDOW_MS;

export type QueueFacts = {
  stage: string;
  workingStatus: string | null;
  handoffKind: 'hand_raiser' | 'mql' | null;
  /** The lifecycle rule that handed the lead over ("MQL: grade ≥ B and score ≥ 50"). */
  handoffReason: string | null;
  assignmentKind: string | null;
  assignmentReason: string | null;
  /** The lead's latest activity that matters for a call: a form or a download. */
  keyActivity: { type: string; title: string | null; comments: string | null } | null;
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** What the lead did that matters, in a few words: “Downloaded “10 Tips…”” or “Sent “Contact sales”: “…””. */
function didPhrase(activity: NonNullable<QueueFacts['keyActivity']>): string | null {
  if (!activity.title) return null;
  if (activity.type === 'content_download') return `downloaded “${clip(activity.title, 60)}”`;
  if (activity.type === 'form_submit')
    return `sent the “${clip(activity.title, 40)}” form${activity.comments ? `: “${clip(activity.comments, 90)}”` : ''}`;
  return null;
}

/** Where the rep is with an accepted lead, by its working status. */
const workingWords: Record<string, string> = {
  new: 'not contacted yet',
  attempting: 'trying to reach them',
  connected: 'in conversation',
  qualified: 'qualified',
  unqualified: 'marked unqualified',
};

/** One line: why this lead is in the rep's queue now. */
export function whyHere(facts: QueueFacts): string {
  const did = facts.keyActivity ? didPhrase(facts.keyActivity) : null;
  if (facts.assignmentKind === 'sla' || facts.assignmentKind === 'manual') {
    const why =
      facts.assignmentKind === 'sla' ? 'Reassigned to you: the last owner missed the SLA' : 'Reassigned to you';
    return did ? `${why}; they ${did}` : why;
  }
  if (facts.stage === 'sal') {
    const accepted = `Accepted, ${workingWords[facts.workingStatus ?? 'new'] ?? 'being worked'}`;
    return did ? `${accepted}; they ${did}` : accepted;
  }
  if (facts.handoffKind === 'hand_raiser') return did ? `Asked for sales: ${did}` : 'Asked for sales';
  const rule = facts.handoffReason?.replace(/^MQL:\s*/, '');
  const qualified = rule ? `Marketing-qualified (${rule})` : 'Marketing-qualified';
  return did ? `${qualified}; ${did}` : qualified;
}
