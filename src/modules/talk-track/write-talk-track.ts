/**
 * The talk track a rep reads before calling: written from the lead's own history, persona and
 * form comments, in plain sentences. Deterministic — the same history gives the same words — and
 * it states only what is recorded: a lead with no history gets an honest opener, not invented facts.
 */

export type TalkTrackActivity = {
  type: string;
  title: string | null;
  occurredAt: Date;
  properties: Record<string, unknown>;
};

export type TalkTrackInput = {
  firstName: string | null;
  /** Full name or email, for when there is no first name. */
  displayName: string;
  company: string | null;
  persona: { name: string; pains: string[]; discoveryQuestions: string[]; objections: string[] } | null;
  /** Newest first. */
  activities: TalkTrackActivity[];
  /** Content offers of the workspace, most downloaded first: what to offer next. */
  catalog: { title: string; assetKind: string | null }[];
};

export type TalkTrack = {
  opener: string;
  /** What their actions suggest they care about. */
  interest: string | null;
  questions: string[];
  nextContent: string | null;
  objections: string[];
  /** The facts the opener rests on, oldest first. */
  basis: string[];
  text: string;
};

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** A time frame in their own words ("by the end of next month", "before Q3", "within 6 weeks"). */
export function timeframeIn(comment: string): string | null {
  const match =
    /\b(by the end of (?:this|next) (?:week|month|quarter|year)|by (?:the end of )?(?:january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|next week|next month|next quarter|next year|friday|monday)|before (?:q[1-4]|the end of (?:this|next) (?:week|month|quarter|year)|next (?:week|month|quarter|year))|within (?:\d+|a|two|three|four|six) (?:days?|weeks?|months?)|this (?:week|month|quarter)|next (?:week|month|quarter|year))\b/i.exec(
      comment,
    );
  return match ? match[1]!.replace(/\s+/g, ' ') : null;
}

const kindOf = (activity: TalkTrackActivity) => text(activity.properties.assetKind)?.toLowerCase() ?? null;

/** "our white paper “10 Tips…”", or "“10 Tips…”" when the kind is unknown. */
const named = (title: string, kind: string | null) => (kind ? `our ${kind} “${title}”` : `“${title}”`);

const joinAnd = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

export function writeTalkTrack(input: TalkTrackInput): TalkTrack {
  const hello = `Hi ${input.firstName?.trim() || input.displayName}`;
  const oldestFirst = [...input.activities].reverse();
  const downloads = uniqueBy(
    oldestFirst.filter((activity) => activity.type === 'content_download' && text(activity.title)),
    (activity) => activity.title!,
  );
  const handRaise = input.activities.find(
    (activity) =>
      activity.type === 'form_submit' &&
      (activity.properties.handRaiser === true || text(activity.properties.comments)),
  );
  const comment = handRaise ? (text(handRaise.properties.comments) ?? text(handRaise.properties.message)) : null;
  const pages = uniqueBy(
    oldestFirst.filter((activity) => activity.type === 'page_view' && text(activity.title)),
    (activity) => activity.title!,
  );
  const clicks = uniqueBy(
    oldestFirst.filter((activity) => activity.type === 'email_click' && text(activity.title)),
    (activity) => activity.title!,
  );

  const basis: string[] = [];
  let opener: string;
  if (handRaise) {
    const form = text(handRaise.title) ?? text(handRaise.properties.form) ?? 'contact';
    basis.push(`filled in the “${form}” form`);
    if (comment) {
      const timeframe = timeframeIn(comment);
      basis.push(`wrote: “${comment}”`);
      opener = `${hello} — thanks for reaching out through our “${form}” form. You wrote: “${comment}”${
        timeframe ? ` — so you are looking to move ${timeframe}` : ''
      }. Can you tell me more?`;
    } else {
      opener = `${hello} — thanks for reaching out through our “${form}” form. What prompted you to get in touch?`;
    }
  } else if (downloads.length > 0) {
    const titles = downloads.slice(-2).map((activity) => named(activity.title!, kindOf(activity)));
    for (const activity of downloads) basis.push(`downloaded “${activity.title}”`);
    opener = `${hello} — I saw you downloaded ${joinAnd(titles)}; was that helpful?`;
  } else if (clicks.length > 0 || pages.length > 0) {
    const seen = [...clicks, ...pages].slice(0, 2).map((activity) => `“${activity.title}”`);
    for (const activity of [...clicks, ...pages].slice(0, 2)) {
      basis.push(`${activity.type === 'email_click' ? 'clicked through from' : 'read'} “${activity.title}”`);
    }
    opener = `${hello} — I noticed you were reading ${joinAnd(seen)}. What are you looking into?`;
  } else {
    opener = `${hello} — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us${
      input.company ? ` at ${input.company}` : ''
    }?`;
  }

  const read = [...downloads, ...clicks, ...pages].map((activity) => activity.title!);
  const pains = input.persona?.pains ?? [];
  const interest =
    read.length === 0
      ? null
      : `What they read (${joinAnd(read.slice(0, 3).map((title) => `“${title}”`))}) suggests they care about ${
          pains.length > 0 ? pains[0]!.charAt(0).toLowerCase() + pains[0]!.slice(1) : 'the topics of those titles'
        }.`;

  const questions = (input.persona?.discoveryQuestions ?? []).slice(0, 4);
  const fallbackQuestions = [
    'What are you using today, and what made you start looking?',
    'Who else is involved in deciding?',
    'What would a good outcome look like, and by when?',
  ];
  const asked = questions.length >= 2 ? questions : [...questions, ...fallbackQuestions].slice(0, 3);
  const had = new Set(downloads.map((activity) => activity.title!.toLowerCase()));
  const next = input.catalog.find((item) => !had.has(item.title.toLowerCase()));
  const nextContent = next ? named(next.title, next.assetKind?.toLowerCase() ?? null) : null;
  const objections = (input.persona?.objections ?? []).slice(0, 3);

  const lines = [
    `Opener: ${opener}`,
    ...(interest ? [interest] : []),
    `Ask: ${asked.map((question, index) => `${index + 1}. ${question}`).join(' ')}`,
    ...(nextContent ? [`Offer next: ${nextContent}.`] : []),
    ...(objections.length > 0 ? [`Expect: ${objections.join('; ')}.`] : []),
  ];
  return { opener, interest, questions: asked, nextContent, objections, basis, text: lines.join('\n') };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const value = key(item).toLowerCase();
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}
