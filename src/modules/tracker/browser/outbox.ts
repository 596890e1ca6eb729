import { load, save } from './storage';
import type { BatonEvent } from './types';

const STORAGE_KEY = 'baton_queue';
/** Unsent events kept while Baton cannot be reached; beyond this the oldest are dropped. */
const MAX_KEPT = 100;
const MAX_BATCH = 20;
/** Events recorded this close together travel in one request (a page view and the clicks after it). */
const BATCH_DELAY_MS = 1000;
const MAX_BACKOFF_MS = 60_000;
/** Browsers cap keepalive bodies at 64 KiB; a bigger body goes without keepalive rather than fail. */
const KEEPALIVE_LIMIT = 60_000;
const PATHS = { page: 'p', track: 't', identify: 'i' } as const;

export type Outbox = {
  add(event: BatonEvent): void;
  /** Starts sending, with any events an earlier page could not deliver. */
  resume(): void;
  /** Stops sending and drops every unsent event, stored ones included. */
  discard(): void;
  /** The page is going away: hand what is queued to sendBeacon, keep the rest for the next page. */
  flushOnExit(): void;
};

/**
 * Sends events to Baton's ingest API: batched, one request at a time, and at least once: an event
 * whose request failed (network error, 429, 5xx) is retried with the same messageId, with backoff,
 * and kept in localStorage meanwhile so a retry survives leaving the page. Baton dedupes by
 * messageId; an event Baton answered (even with a 4xx) is never sent again.
 */
export function createOutbox(origin: string, writeKey: string): Outbox {
  let queue: BatonEvent[] = [];
  let enabled = false;
  let inFlight = false;
  let failures = 0;
  let stored = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const keep = (events: BatonEvent[]) => {
    queue = events.slice(-MAX_KEPT);
  };

  const persist = () => {
    if (queue.length) save('localStorage', STORAGE_KEY, JSON.stringify(queue));
    else if (stored) save('localStorage', STORAGE_KEY, null);
    stored = queue.length > 0;
  };

  const schedule = (delayMs: number) => {
    if (enabled && !inFlight && timer === undefined && queue.length) timer = setTimeout(flush, delayMs);
  };

  const stamp = (batch: BatonEvent[]) => {
    const sentAt = new Date().toISOString();
    for (const event of batch) event.sentAt = sentAt;
    return sentAt;
  };

  function flush() {
    timer = undefined;
    if (!enabled || inFlight || !queue.length) return;
    const batch = queue.splice(0, MAX_BATCH);
    const sentAt = stamp(batch);
    const single = batch.length === 1 ? batch[0] : undefined;
    const body = JSON.stringify(single ?? { writeKey, batch, sentAt });
    inFlight = true;
    // text/plain keeps this a CORS "simple request": no preflight before every event.
    Promise.resolve()
      .then(() =>
        fetch(`${origin}/v1/${single ? PATHS[single.type] : 'b'}`, {
          method: 'POST',
          body,
          keepalive: body.length < KEEPALIVE_LIMIT,
          headers: { 'content-type': 'text/plain' },
        }),
      )
      .then(
        (response) => settle(batch, response.status < 500 && response.status !== 429),
        () => settle(batch, false),
      );
  }

  function settle(batch: BatonEvent[], delivered: boolean) {
    inFlight = false;
    if (!enabled) return;
    if (delivered) {
      failures = 0;
      if (stored) persist();
      schedule(0);
      return;
    }
    failures++;
    keep(batch.concat(queue));
    persist();
    // Jittered so that many visitors do not all come back at once when Baton recovers.
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures) * (0.5 + Math.random() / 2);
    clearTimeout(timer);
    timer = setTimeout(flush, backoff);
  }

  return {
    add(event) {
      keep(queue.concat(event));
      schedule(BATCH_DELAY_MS);
    },

    resume() {
      enabled = true;
      const saved = load('localStorage', STORAGE_KEY);
      if (saved) {
        // Claimed by this page: another tab loading now will not send them as well.
        save('localStorage', STORAGE_KEY, null);
        try {
          const events: unknown = JSON.parse(saved);
          if (Array.isArray(events)) keep(events.concat(queue));
        } catch {
          // Unreadable: nothing worth retrying.
        }
      }
      schedule(BATCH_DELAY_MS);
    },

    discard() {
      enabled = false;
      queue = [];
      clearTimeout(timer);
      timer = undefined;
      save('localStorage', STORAGE_KEY, null);
      stored = false;
    },

    flushOnExit() {
      if (!enabled) return;
      // While Baton is unreachable a beacon would be lost too: the events wait for the next page.
      while (!failures && queue.length) {
        const batch = queue.slice(0, MAX_BATCH);
        const body = JSON.stringify({ writeKey, batch, sentAt: stamp(batch) });
        const handedOver = navigator.sendBeacon?.(`${origin}/v1/b`, new Blob([body], { type: 'text/plain' }));
        if (!handedOver) break;
        queue.splice(0, batch.length);
      }
      persist();
    },
  };
}
