import type { TalkTrack } from '../talk-track/write-talk-track';
import type { HandoffKind } from './schema';

/** The part of the lead's talk track a hand-off carries: how to open, what to ask, what to offer. */
export type BriefTalkTrack = Pick<TalkTrack, 'opener' | 'questions' | 'nextContent' | 'objections'>;

/** What a rep needs before the first call, from what Baton knows about the lead. */
export type BriefInput = {
  name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  company: { name: string; industry: string | null; employees: number | null } | null;
  persona: string | null;
  grade: string | null;
  score: number;
  kind: HandoffKind;
  /** The rule that made the lead sales-ready. */
  reason: string | null;
  /** The lead's activities, newest first. */
  activities: {
    type: string;
    title: string | null;
    url: string | null;
    occurredAt: Date;
    properties: Record<string, unknown>;
  }[];
  slaDueAt: Date | null;
  /** Written by the talk track's writer from the same activities, the persona and its templates. */
  talkTrack: BriefTalkTrack;
};

export type CallBrief = {
  headline: string;
  who: string;
  why: string;
  keyActivities: string[];
  comments: string[];
  slaDueAt: string | null;
  talkTrack: BriefTalkTrack;
  /** The whole brief as plain text: email bodies, Slack messages. */
  text: string;
};

const keyTypes = new Set(['form_submit', 'content_download', 'email_click', 'custom']);

const describeActivity = (activity: BriefInput['activities'][number]): string | null => {
  const title = activity.title?.trim() || null;
  switch (activity.type) {
    case 'form_submit':
      return `filled in the form “${title ?? (activity.properties.form as string | undefined) ?? 'a form'}”`;
    case 'content_download':
      return `downloaded “${title ?? activity.url ?? 'a content offer'}”`;
    case 'email_click':
      return `clicked a link in the email “${title ?? 'a campaign email'}”`;
    case 'custom':
      return title ? `did “${title}”` : null;
    case 'page_view':
      return title ? `viewed the page “${title}”` : activity.url ? `viewed ${activity.url}` : null;
    default:
      return null;
  }
};

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The call brief every hand-off notification carries: who, what company, which persona, grade and
 * score, why they were handed over, the few activities that matter, their own words from forms,
 * the talk track (opener, questions, content to offer, objections) and the SLA deadline. It states
 * only what is recorded; a lead with no history says so.
 */
export function writeCallBrief(input: BriefInput): CallBrief {
  const name = input.name?.trim() || input.email || 'An unnamed lead';
  const role = [input.title, input.company?.name].filter(Boolean).join(' at ');
  const companyFacts = input.company
    ? [input.company.industry, input.company.employees ? `${input.company.employees} employees` : null].filter(Boolean)
    : [];
  const who = [
    role ? `${name}, ${role}` : name,
    companyFacts.length > 0 ? `(${companyFacts.join(', ')})` : null,
    input.persona ? `— persona ${input.persona}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const standing = `grade ${input.grade ?? '–'}, score ${Math.round(input.score)}`;
  const why =
    input.kind === 'hand_raiser'
      ? `Asked to talk to sales (${input.reason ?? 'hand-raiser'}); ${standing}.`
      : `Became a marketing-qualified lead (${input.reason ?? 'MQL rule'}); ${standing}.`;

  const seen = new Set<string>();
  const keyActivities: string[] = [];
  for (const activity of input.activities) {
    if (keyActivities.length >= 5) break;
    if (!keyTypes.has(activity.type) && !(activity.type === 'page_view' && keyActivities.length < 2)) continue;
    const described = describeActivity(activity);
    if (!described || seen.has(described)) continue;
    seen.add(described);
    keyActivities.push(`${day(activity.occurredAt)}: ${described}`);
  }
  const comments = input.activities
    .filter((activity) => activity.type === 'form_submit')
    .flatMap((activity) => {
      const text = activity.properties.comments ?? activity.properties.message ?? activity.properties.comment;
      return typeof text === 'string' && text.trim() ? [text.trim()] : [];
    })
    .slice(0, 3);

  const { opener, questions, nextContent, objections } = input.talkTrack;
  const talkTrack = { opener, questions, nextContent, objections };
  const headline = input.kind === 'hand_raiser' ? `Hand-raiser: ${name} wants to talk to sales` : `New MQL: ${name}`;
  const lines = [
    headline,
    who,
    why,
    ...(input.phone ? [`Phone: ${input.phone}`] : []),
    ...(keyActivities.length > 0
      ? ['What they did:', ...keyActivities.map((line) => `- ${line}`)]
      : ['No activity is recorded for this lead yet.']),
    ...comments.map((comment) => `In their words: “${comment}”`),
    'Talk track:',
    `- Open with: ${talkTrack.opener}`,
    `- Ask: ${talkTrack.questions.map((question, index) => `${index + 1}. ${question}`).join(' ')}`,
    ...(talkTrack.nextContent ? [`- Offer next: ${talkTrack.nextContent}`] : []),
    ...(talkTrack.objections.length > 0 ? [`- Expect: ${talkTrack.objections.join('; ')}`] : []),
    ...(input.slaDueAt
      ? [`First touch due by ${input.slaDueAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.`]
      : []),
  ];
  return {
    headline,
    who,
    why,
    keyActivities,
    comments,
    slaDueAt: input.slaDueAt?.toISOString() ?? null,
    talkTrack,
    text: lines.join('\n'),
  };
}
