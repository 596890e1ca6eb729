import { forgetIdentity, identity, saveIdentity } from './identity';
import { createOutbox } from './outbox';
import { forgetCampaign, navigatedFrom, pageInfo, pageUrl, sessionCampaign } from './page';
import { load, save } from './storage';
import type { BatonEvent, EventType, Properties } from './types';
import { uuid } from './uuid';

export type ClientOptions = { origin: string; writeKey: string; consentRequired: boolean };

/** `implied`: no consent asked for; `pending`: asked for, not given yet; `refused`: consent(false). */
type ConsentState = 'implied' | 'pending' | 'granted' | 'refused';

/** Calls made before consent wait in memory, up to this many. */
const MAX_HELD = 100;
/** Remembers consent(false), so that opting out lasts beyond the page until consent(true). */
const OPTED_OUT = 'baton_optout';

export type Client = ReturnType<typeof createClient>;

/** The tracker behind `window.baton`: builds Segment-spec events and hands them to the outbox. */
export function createClient({ origin, writeKey, consentRequired }: ClientOptions) {
  const outbox = createOutbox(origin, writeKey);
  let consent: ConsentState = consentRequired ? 'pending' : load('localStorage', OPTED_OUT) ? 'refused' : 'implied';
  let held: BatonEvent[] = [];
  let lastPageUrl: string | undefined;

  const allowed = () => consent === 'implied' || consent === 'granted';

  function record(type: EventType, fields: Partial<BatonEvent>) {
    if (consent === 'refused') return;
    const page = pageInfo();
    const event: BatonEvent = {
      type,
      messageId: uuid(),
      anonymousId: identity.anonymousId,
      userId: identity.userId,
      properties: {},
      ...fields,
      timestamp: new Date().toISOString(),
      writeKey,
      context: {
        library: { name: 'baton.js', version: '1' },
        page,
        campaign: sessionCampaign(allowed()),
        userAgent: navigator.userAgent,
        locale: navigator.language,
        screen: { width: screen.width, height: screen.height },
      },
    };
    if (consent === 'granted') event.context.consent = { granted: true };
    if (allowed()) outbox.add(event);
    else held = held.concat(event).slice(-MAX_HELD);
  }

  const client = {
    page(name?: unknown, properties?: unknown) {
      if (isObject(name)) [name, properties] = [undefined, name];
      const info = pageInfo();
      lastPageUrl = info.url;
      const pageName = typeof name === 'string' && name ? name : undefined;
      record('page', { name: pageName, properties: { ...info, name: pageName, ...copy(properties) } });
    },

    track(event?: unknown, properties?: unknown) {
      if (typeof event === 'string' && event) record('track', { event, properties: copy(properties) });
    },

    /** `identify(userId, traits)`, or `identify(traits)` to describe the visitor without a user id. */
    identify(userId?: unknown, traits?: unknown) {
      if (isObject(userId)) [userId, traits] = [undefined, userId];
      if ((typeof userId === 'string' && userId) || typeof userId === 'number') {
        identity.userId = String(userId);
        if (allowed()) saveIdentity();
      }
      record('identify', { traits: copy(traits) });
    },

    consent(granted?: unknown) {
      if (granted === true) {
        if (consent === 'granted') return;
        consent = 'granted';
        save('localStorage', OPTED_OUT, null);
        saveIdentity();
        sessionCampaign(true);
        for (const event of held) {
          event.context.consent = { granted: true };
          outbox.add(event);
        }
        held = [];
        outbox.resume();
      } else if (granted === false) {
        consent = 'refused';
        held = [];
        outbox.discard();
        forgetIdentity();
        forgetCampaign();
        save('localStorage', OPTED_OUT, '1');
      }
    },

    /** A new anonymous visitor, e.g. after sign-out on a shared computer. */
    reset() {
      forgetIdentity();
      if (allowed()) saveIdentity();
    },

    /** The automatic page view: on load and after each single-page-app navigation to a new address. */
    autoPage() {
      const url = pageUrl();
      if (url === lastPageUrl) return;
      if (lastPageUrl) navigatedFrom(lastPageUrl);
      client.page();
    },

    flushOnExit: outbox.flushOnExit,

    /** Whether events may be sent now (no consent needed, or given). */
    isTracking: allowed,
  };

  if (allowed()) {
    saveIdentity();
    outbox.resume();
  }
  return client;
}

function isObject(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON copy, taken now: the site may change its object before the event leaves. */
function copy(value: unknown): Properties {
  return isObject(value) ? JSON.parse(JSON.stringify(value)) : {};
}
