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

/** The story an opener tells, from the strongest signal the lead gave. */
export const openerKinds = ['handRaiser', 'download', 'reading', 'noHistory'] as const;
export type OpenerKind = (typeof openerKinds)[number];

/** Marketing's own opener per kind, with placeholders in braces; a missing kind uses the built-in sentence. */
export type OpenerTemplates = Partial<Record<OpenerKind, string>>;

/** The placeholders each kind of opener can fill: only facts that story records. */
export const openerPlaceholders = {
  handRaiser: ['firstName', 'company', 'form', 'comment', 'timeframe'],
  download: ['firstName', 'company', 'downloads'],
  reading: ['firstName', 'company', 'pages'],
  noHistory: ['firstName', 'company'],
} as const satisfies Record<OpenerKind, readonly string[]>;

export type OpenerPlaceholder = (typeof openerPlaceholders)[OpenerKind][number];

/** What each placeholder is filled with, for the people writing templates. */
export const placeholderMeanings: Record<OpenerPlaceholder, string> = {
  firstName: 'first name, else full name or email',
  company: 'company name',
  form: 'name of the form they filled in',
  comment: 'what they wrote in the form',
  timeframe: 'the time frame in their words, e.g. “by the end of next month”',
  downloads: 'their last two downloads by kind and title, e.g. our white paper “…” and our infographic “…”',
  pages: 'the pages or emails they read, by title',
};

/**
 * The built-in openers, as templates in order of preference: the first whose placeholders all have
 * a value is used, so a sentence never mentions what is not recorded.
 */
export const builtInOpeners: Record<OpenerKind, readonly string[]> = {
  handRaiser: [
    'Hi {firstName} — thanks for reaching out through our “{form}” form. You wrote: “{comment}” — so you are looking to move {timeframe}. Can you tell me more?',
    'Hi {firstName} — thanks for reaching out through our “{form}” form. You wrote: “{comment}”. Can you tell me more?',
    'Hi {firstName} — thanks for reaching out through our “{form}” form. What prompted you to get in touch?',
  ],
  download: ['Hi {firstName} — I saw you downloaded {downloads}; was that helpful?'],
  reading: ['Hi {firstName} — I noticed you were reading {pages}. What are you looking into?'],
  noHistory: [
    'Hi {firstName} — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us at {company}?',
    'Hi {firstName} — we have no record of what you looked at yet, so I would rather ask than guess: what made you get in touch with us?',
  ],
};

export const TEMPLATE_MAX_LENGTH = 500;

const placeholderPattern = /\{([^{}]*)\}/g;

/**
 * What is wrong with a template for this kind of opener, one message per problem (none: it is
 * fine): placeholders this kind cannot fill, braces that open or close no placeholder, length.
 */
export function validateTalkTrackTemplate(kind: OpenerKind, template: string): string[] {
  const allowed: readonly string[] = openerPlaceholders[kind];
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1]!.trim();
    if (!allowed.includes(name)) unknown.add(name);
  }
  for (const name of unknown) {
    problems.push(
      `unknown placeholder {${name}}: this opener can use ${allowed.map((placeholder) => `{${placeholder}}`).join(', ')}`,
    );
  }
  if (/[{}]/.test(template.replace(placeholderPattern, ''))) {
    problems.push('a brace that opens or closes no placeholder: write placeholders as {firstName}');
  }
  if (template.length > TEMPLATE_MAX_LENGTH) problems.push(`longer than ${TEMPLATE_MAX_LENGTH} characters`);
  return problems;
}

/**
 * The template with its placeholders filled, or null when it cannot be said honestly: it is not
 * valid for this kind, or it uses a placeholder this lead has no value for. Filled in one pass, so
 * a value that contains braces is never read as a placeholder.
 */
function fill(kind: OpenerKind, template: string, values: Partial<Record<OpenerPlaceholder, string | null>>) {
  if (!template.trim() || validateTalkTrackTemplate(kind, template).length > 0) return null;
  let missing = false;
  const filled = template.replace(placeholderPattern, (_, name: string) => {
    const value = values[name.trim() as OpenerPlaceholder];
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? null : filled.trim();
}

export type TalkTrackInput = {
  firstName: string | null;
  /** Full name or email, for when there is no first name. */
  displayName: string;
  company: string | null;
  persona: {
    name: string;
    pains: string[];
    discoveryQuestions: string[];
    objections: string[];
    /** Marketing's openers for this persona. */
    templates?: OpenerTemplates;
  } | null;
  /** Newest first. */
  activities: TalkTrackActivity[];
  /** Content offers of the workspace, most downloaded first: what to offer next. */
  catalog: { title: string; assetKind: string | null }[];
};

export type TalkTrack = {
  opener: string;
  /** The story the opener tells. */
  openerKind: OpenerKind;
  /** Whether the persona's own template wrote it (else the built-in sentence did). */
  openerFromTemplate: boolean;
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
  const values: Partial<Record<OpenerPlaceholder, string | null>> = {
    firstName: input.firstName?.trim() || input.displayName.trim() || 'there',
    company: text(input.company),
  };
  let kind: OpenerKind;
  if (handRaise) {
    kind = 'handRaiser';
    const form = text(handRaise.title) ?? text(handRaise.properties.form) ?? 'contact';
    basis.push(`filled in the “${form}” form`);
    if (comment) basis.push(`wrote: “${comment}”`);
    Object.assign(values, { form, comment, timeframe: comment ? timeframeIn(comment) : null });
  } else if (downloads.length > 0) {
    kind = 'download';
    for (const activity of downloads) basis.push(`downloaded “${activity.title}”`);
    values.downloads = joinAnd(downloads.slice(-2).map((activity) => named(activity.title!, kindOf(activity))));
  } else if (clicks.length > 0 || pages.length > 0) {
    kind = 'reading';
    const seen = [...clicks, ...pages].slice(0, 2);
    for (const activity of seen) {
      basis.push(`${activity.type === 'email_click' ? 'clicked through from' : 'read'} “${activity.title}”`);
    }
    values.pages = joinAnd(seen.map((activity) => `“${activity.title}”`));
  } else {
    kind = 'noHistory';
  }
  const own = input.persona?.templates?.[kind];
  const fromTemplate = own ? fill(kind, own, values) : null;
  // The last built-in sentence of each kind needs only what that kind always has.
  const opener =
    fromTemplate ??
    builtInOpeners[kind].map((template) => fill(kind, template, values)).find((sentence) => sentence !== null)!;

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
  return {
    opener,
    openerKind: kind,
    openerFromTemplate: fromTemplate !== null,
    interest,
    questions: asked,
    nextContent,
    objections,
    basis,
    text: lines.join('\n'),
  };
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
