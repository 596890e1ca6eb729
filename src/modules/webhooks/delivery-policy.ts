import { createHmac } from 'node:crypto';
import { isWebhookEventType, webhookEventTypes } from './event-types';

/**
 * The pure rules of webhook delivery: how a request is signed, whether a failure is retried and
 * when. No I/O here, so every rule is unit-tested without a server or a clock.
 */

export const retryBaseMs = 10_000;
export const retryCapMs = 3_600_000;
/** Baton keeps retrying an event for this long after it happened, then gives up. */
export const retryWindowMs = 72 * 3_600_000;
/** An endpoint that fails this many attempts in a row (across deliveries) is disabled. */
export const disableAfterConsecutiveFailures = 100;
/** How much of a response body the delivery log keeps. */
export const responseExcerptBytes = 1024;

/** `v1` signature: hex HMAC-SHA256 of `<t>.<raw body>` keyed with the endpoint's secret. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `Baton-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`: one `v1` per secret that is valid now. */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}

/** The secrets that sign now: the current one, and the previous one until its overlap ends. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const previousValid =
    endpoint.previousSecret !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base × 2^(attempt−1))),
 * so endpoints that fail together do not all come back at the same moment.
 */
export function backoffDelayMs(failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(retryCapMs, retryBaseMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delay seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month ("Wed, 21 Oct 2026 07:28:00 GMT").
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Whether a response status is worth another attempt: server errors, timeouts (408), conflicts
 * (409) and rate limits (429) are; other 4xx mean the request itself is refused, and a redirect
 * (not followed) means the URL is wrong — neither gets better by asking again.
 */
export function isRetryableStatus(status: number): boolean {
  if (status >= 500) return true;
  return status === 408 || status === 409 || status === 429;
}

export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'network_error'; message: string };

export type NextStep = { kind: 'delivered' } | { kind: 'retry'; at: Date } | { kind: 'give_up'; reason: string };

/** What follows an attempt: done, another attempt at a time, or giving up. */
export function nextStep(input: {
  outcome: AttemptOutcome;
  failedAttempt: number;
  eventAt: Date;
  now: Date;
  random?: () => number;
}): NextStep {
  const { outcome, now } = input;
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) return { kind: 'delivered' };
  if (outcome.kind === 'response' && !isRetryableStatus(outcome.status)) {
    return { kind: 'give_up', reason: `HTTP ${outcome.status} is not retried` };
  }
  const retryAfter = outcome.kind === 'response' ? parseRetryAfter(outcome.retryAfter, now) : undefined;
  // At least a second between attempts, whatever a Retry-After of 0 asks for.
  const delay = Math.max(1000, retryAfter ?? backoffDelayMs(input.failedAttempt, input.random));
  const at = new Date(now.getTime() + delay);
  if (at.getTime() > input.eventAt.getTime() + retryWindowMs) {
    return { kind: 'give_up', reason: 'retried for 72 hours' };
  }
  return { kind: 'retry', at };
}

/** The sentence a Slack-format endpoint gets when an event carries no text of its own. */
export function fallbackText(type: string): string {
  return `Baton: ${isWebhookEventType(type) ? webhookEventTypes[type] : type}`;
}
