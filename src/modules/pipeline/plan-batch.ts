import { type ActivityDraft, activityFromEvent } from '../activities/activity-from-event';
import type { Channel } from '../campaigns';
import { classifySource, type Utm } from '../campaigns/classify-source';
import { type ContactTraits, contactFromTraits, emailInEvent } from '../contacts/contact-from-traits';
import type { EventType } from '../ingest';

/** A stored event, as the pipeline reads it. */
export type PipelineEvent = {
  messageId: string;
  type: EventType;
  anonymousId: string | null;
  userId: string | null;
  event: string | null;
  name: string | null;
  groupId: string | null;
  previousId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  timestamp: Date;
};

/** What the database already knows about the identities in a batch (one workspace). */
export type KnownIdentities = {
  anonymous: Map<string, string>;
  userIds: Map<string, string>;
  emails: Map<string, string>;
  /** Email and user id of every contact found above, to avoid overwriting one person with another. */
  contacts: Map<string, { email: string | null; externalId: string | null }>;
  sessions: Map<string, VisitorSession>;
};

/** A visitor's current session: when it began, the last page view, and the campaign that began it. */
export type VisitorSession = { lastSeenAt: Date; sessionStartedAt: Date; campaign: string | null };

export type PlannedActivity = ActivityDraft & {
  messageId: string;
  contactId: string | null;
  anonymousId: string | null;
  occurredAt: Date;
  campaign: string | null;
};

export type PlannedTouch = {
  contactId: string | null;
  anonymousId: string | null;
  occurredAt: Date;
  channel: Channel;
  campaign: string | null;
  source: string | null;
  medium: string | null;
  referrer: string | null;
  landingUrl: string | null;
};

export type BatchPlan = {
  newContacts: { id: string; email: string | null; externalId: string | null; at: Date }[];
  /** Traits to write onto contacts (later calls win), keyed by contact id. */
  contactFields: Map<string, ContactTraits & { externalId?: string }>;
  anonymousLinks: Map<string, string>;
  userIdLinks: Map<string, string>;
  /** Anonymous ids whose earlier, unattached history now belongs to a contact. */
  stitched: Map<string, string>;
  activities: PlannedActivity[];
  touches: PlannedTouch[];
  sessions: Map<string, VisitorSession>;
  campaigns: Map<string, Channel>;
  merges: { survivorId: string; mergedId: string; reason: string }[];
  groups: { contactId: string; groupId: string; traits: Record<string, unknown> }[];
};

/** A visit after this much quiet starts a new session, and so a new touch. */
export const SESSION_TIMEOUT_MS = 30 * 60_000;

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

function utmOf(event: PipelineEvent, url: string | undefined): Utm {
  const campaign = record(event.context.campaign);
  const utm: Utm = {
    source: text(campaign.source),
    medium: text(campaign.medium),
    campaign: text(campaign.name) ?? text(campaign.campaign),
  };
  if (utm.source || utm.medium || utm.campaign || !url) return utm;
  try {
    const params = new URL(url).searchParams;
    return {
      source: params.get('utm_source') ?? undefined,
      medium: params.get('utm_medium') ?? undefined,
      campaign: params.get('utm_campaign') ?? undefined,
    };
  } catch {
    return utm;
  }
}

/**
 * Decides what a batch of one workspace's events does — which contacts to create, which anonymous
 * histories to stitch, which activities and touches to record — without touching the database.
 * Events are applied in order; activities are attributed to whoever their visitor turned out to be
 * by the end of the batch, exactly as if their history had been stitched afterwards.
 */
export function planBatch(events: PipelineEvent[], known: KnownIdentities, newId: (at: Date) => string): BatchPlan {
  const anonymous = new Map(known.anonymous);
  const userIds = new Map(known.userIds);
  const emails = new Map(known.emails);
  const contacts = new Map(known.contacts);
  const sessions = new Map(known.sessions);
  const plan: BatchPlan = {
    newContacts: [],
    contactFields: new Map(),
    anonymousLinks: new Map(),
    userIdLinks: new Map(),
    stitched: new Map(),
    activities: [],
    touches: [],
    sessions: new Map(),
    campaigns: new Map(),
    merges: [],
    groups: [],
  };

  const setFields = (contactId: string, fields: ContactTraits & { externalId?: string }) => {
    plan.contactFields.set(contactId, { ...plan.contactFields.get(contactId), ...fields });
  };

  const linkAnonymous = (anonymousId: string, contactId: string) => {
    if (anonymous.get(anonymousId) === contactId) return;
    if (!anonymous.has(anonymousId)) plan.stitched.set(anonymousId, contactId);
    anonymous.set(anonymousId, contactId);
    plan.anonymousLinks.set(anonymousId, contactId);
  };

  /** Finds (or creates) the contact an identifying call is about, and links its identifiers. */
  const identifyContact = (event: PipelineEvent, email: string | undefined): string => {
    const { userId, anonymousId } = event;
    let contactId = (userId && userIds.get(userId)) || (email && emails.get(email)) || undefined;
    if (!contactId && anonymousId) {
      const candidate = anonymous.get(anonymousId);
      const existing = candidate ? contacts.get(candidate) : undefined;
      // A shared device: an anonymous id already known as someone else is not proof of identity.
      const sameEmail = !email || !existing?.email || existing.email === email;
      const sameUser = !userId || !existing?.externalId || existing.externalId === userId;
      if (candidate && sameEmail && sameUser) contactId = candidate;
    }
    if (!contactId) {
      contactId = newId(event.timestamp);
      plan.newContacts.push({ id: contactId, email: email ?? null, externalId: userId, at: event.timestamp });
      contacts.set(contactId, { email: email ?? null, externalId: userId });
    } else {
      const existing = contacts.get(contactId) ?? { email: null, externalId: null };
      const fields: ContactTraits & { externalId?: string } = {};
      if (email && !existing.email) fields.email = email;
      if (userId && !existing.externalId) fields.externalId = userId;
      if (Object.keys(fields).length > 0) {
        setFields(contactId, fields);
        contacts.set(contactId, { email: existing.email ?? email ?? null, externalId: existing.externalId ?? userId });
      }
    }
    if (userId) userIds.set(userId, contactId);
    if (email) emails.set(email, contactId);
    if (anonymousId) linkAnonymous(anonymousId, contactId);
    return contactId;
  };

  const pendingActivities: { activity: Omit<PlannedActivity, 'contactId'>; userId: string | null }[] = [];
  const pendingTouches: { touch: Omit<PlannedTouch, 'contactId'>; userId: string | null }[] = [];

  for (const event of events) {
    if (event.type === 'identify') {
      const fields = contactFromTraits({ ...record(record(event.context).traits), ...event.traits });
      const contactId = identifyContact(event, fields.email);
      const { email: _email, ...rest } = fields;
      if (Object.keys(rest).length > 0) setFields(contactId, rest);
      continue;
    }
    if (event.type === 'alias') {
      const previous = event.previousId!;
      const current = event.userId ? userIds.get(event.userId) : undefined;
      const before = userIds.get(previous) ?? anonymous.get(previous);
      if (current && before && current !== before) {
        plan.merges.push({ survivorId: current, mergedId: before, reason: `alias ${previous} → ${event.userId}` });
        for (const [anon, contactId] of anonymous) if (contactId === before) linkAnonymous(anon, current);
      } else if (!current && before && event.userId) {
        userIds.set(event.userId, before);
        const existing = contacts.get(before);
        if (!existing?.externalId) setFields(before, { externalId: event.userId });
        else plan.userIdLinks.set(event.userId, before);
      } else if (current && !before) {
        linkAnonymous(previous, current);
      } else if (!current && !before && event.userId) {
        const contactId = identifyContact({ ...event, anonymousId: previous }, undefined);
        userIds.set(event.userId, contactId);
      }
      continue;
    }
    if (event.type === 'group') {
      const contactId = identifyContact(event, emailInEvent(event.properties, event.context));
      plan.groups.push({ contactId, groupId: event.groupId!, traits: event.traits });
      continue;
    }

    // page, screen, track: an activity, and for page views perhaps a new session (a touch). A call
    // carrying a user id or an email is about a known person, whatever order the calls arrive in.
    const email = emailInEvent(event.properties, event.context);
    if (email || event.userId) identifyContact(event, email);
    const draft = activityFromEvent(event);
    if (!draft) continue;
    const page = record(event.context.page);
    const url = draft.url ?? text(page.url);
    const utm = utmOf(event, url);
    let campaign = utm.campaign ?? null;
    if (event.type === 'page' || event.type === 'screen') {
      const visitor = event.anonymousId ?? `user:${event.userId}`;
      const referrer = text(event.properties.referrer) ?? text(page.referrer);
      const source = classifySource({ utm, referrer, url });
      const session = sessions.get(visitor);
      // As analytics tools count sessions: 30 minutes of quiet, or arriving through another campaign.
      // A referrer alone does not split a session (single-page apps keep the landing referrer).
      const newSession =
        !session ||
        event.timestamp.getTime() - session.lastSeenAt.getTime() > SESSION_TIMEOUT_MS ||
        (source.campaign !== null && source.campaign !== session.campaign);
      if (newSession) {
        pendingTouches.push({
          userId: event.userId,
          touch: {
            anonymousId: event.anonymousId,
            occurredAt: event.timestamp,
            channel: source.channel,
            campaign: source.campaign,
            source: source.source,
            medium: source.medium,
            referrer: referrer ?? null,
            landingUrl: url ?? null,
          },
        });
        if (source.campaign) plan.campaigns.set(source.campaign, source.channel);
      }
      campaign = newSession || !session ? source.campaign : session.campaign;
      const next: VisitorSession = {
        lastSeenAt: session && session.lastSeenAt > event.timestamp ? session.lastSeenAt : event.timestamp,
        sessionStartedAt: newSession || !session ? event.timestamp : session.sessionStartedAt,
        campaign: newSession || !session ? source.campaign : session.campaign,
      };
      sessions.set(visitor, next);
      plan.sessions.set(visitor, next);
    } else if (campaign) {
      plan.campaigns.set(campaign, plan.campaigns.get(campaign) ?? classifySource({ utm, url }).channel);
    }
    pendingActivities.push({
      userId: event.userId,
      activity: {
        ...draft,
        messageId: event.messageId,
        anonymousId: event.anonymousId,
        occurredAt: event.timestamp,
        campaign,
      },
    });
  }

  const ownerOf = (userId: string | null, anonymousId: string | null) =>
    (userId && userIds.get(userId)) || (anonymousId && anonymous.get(anonymousId)) || null;
  plan.activities = pendingActivities.map(({ activity, userId }) => ({
    ...activity,
    contactId: ownerOf(userId, activity.anonymousId),
  }));
  plan.touches = pendingTouches.map(({ touch, userId }) => ({
    ...touch,
    contactId: ownerOf(userId, touch.anonymousId),
  }));
  return plan;
}
