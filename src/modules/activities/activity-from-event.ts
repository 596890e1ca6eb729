import type { ActivityType } from './schema';

/** The parts of a stored event an activity is made from. */
export type EventForActivity = {
  type: 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias';
  event: string | null;
  name: string | null;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
};

export type ActivityDraft = {
  type: ActivityType;
  title: string | null;
  url: string | null;
  properties: Record<string, unknown>;
};

const str = (value: unknown, max = 500): string | null =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;

/** Track event names, normalised (lower case, words), that mean a typed activity. */
const trackTypes: Record<string, ActivityType> = {
  'content downloaded': 'content_download',
  'content download': 'content_download',
  'file downloaded': 'content_download',
  'asset downloaded': 'content_download',
  'document downloaded': 'content_download',
  'whitepaper downloaded': 'content_download',
  'white paper downloaded': 'content_download',
  'form submitted': 'form_submit',
  'form submit': 'form_submit',
  'form submission': 'form_submit',
  'email sent': 'email_sent',
  'email delivered': 'email_sent',
  'email opened': 'email_open',
  'email open': 'email_open',
  'email link clicked': 'email_click',
  'email clicked': 'email_click',
  'email click': 'email_click',
};

export function normalizeEventName(event: string): string {
  return event
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function pageOf(context: Record<string, unknown>): Record<string, unknown> {
  const page = context.page;
  return page && typeof page === 'object' && !Array.isArray(page) ? (page as Record<string, unknown>) : {};
}

/**
 * What a Segment event means as an activity on a timeline: its type and a human title (the
 * content's title, not its URL — the talk track names what the lead read). Identity calls
 * (identify, group, alias) are not activities.
 */
export function activityFromEvent(event: EventForActivity): ActivityDraft | null {
  const { properties } = event;
  const page = pageOf(event.context);
  if (event.type === 'page' || event.type === 'screen') {
    return {
      type: 'page_view',
      title: str(properties.title) ?? str(page.title) ?? str(event.name),
      url: str(properties.url, 2000) ?? str(page.url, 2000),
      properties: event.type === 'screen' ? { ...properties, screen: true } : properties,
    };
  }
  if (event.type !== 'track' || !event.event) return null;
  const type = trackTypes[normalizeEventName(event.event)] ?? 'custom';
  const title = (() => {
    switch (type) {
      case 'content_download':
        return str(properties.title) ?? str(properties.name) ?? str(properties.asset) ?? str(properties.file_name);
      case 'form_submit':
        return str(properties.form) ?? str(properties.form_name) ?? str(properties.formName) ?? str(properties.name);
      case 'email_sent':
      case 'email_open':
      case 'email_click':
        return str(properties.email_subject) ?? str(properties.subject) ?? str(properties.campaign_name);
      default:
        return event.event;
    }
  })();
  const url =
    type === 'email_click'
      ? (str(properties.link_url, 2000) ?? str(properties.url, 2000))
      : (str(properties.url, 2000) ?? str(properties.href, 2000) ?? str(page.url, 2000));
  return {
    type,
    title: title ?? event.event.slice(0, 500),
    url,
    properties:
      type === 'custom'
        ? { event: event.event, ...properties }
        : type === 'form_submit'
          ? withComments(properties)
          : properties,
  };
}

/** The field names a form's free-text "what do you need?" answer goes by. */
const commentFields = ['comments', 'comment', 'message', 'how_can_we_help', 'questions', 'details'];

/**
 * A form's comments where every reader looks for them (`properties.comments`), also when they came
 * nested in `fields` as the /t.js tracker sends a form: the call brief, the talk track and the queue
 * quote the lead's own words.
 */
function withComments(properties: Record<string, unknown>): Record<string, unknown> {
  if (str(properties.comments)) return properties;
  const fields =
    properties.fields && typeof properties.fields === 'object' ? (properties.fields as Record<string, unknown>) : {};
  for (const source of [properties, fields]) {
    for (const name of commentFields) {
      const comments = str(source[name], 2000);
      if (comments) return { ...properties, comments };
    }
  }
  return properties;
}
