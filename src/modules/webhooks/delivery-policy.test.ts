import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  fallbackText,
  isRetryableStatus,
  nextStep,
  parseRetryAfter,
  retryCapMs,
  signatureHeader,
  signingSecrets,
} from './delivery-policy';
import { renderBody } from './render-body';

const now = new Date('2026-05-01T12:00:00Z');

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', 'whsec_a').update('1700000000.{"a":1}').digest('hex');
    expect(signatureHeader(['whsec_a'], 1_700_000_000, '{"a":1}')).toBe(`t=1700000000,v1=${expected}`);
  });

  it('adds a second v1 for the previous secret until its overlap ends', () => {
    const endpoint = {
      secret: 'new',
      previousSecret: 'old',
      previousSecretExpiresAt: new Date(now.getTime() + 1000),
    };
    expect(signingSecrets(endpoint, now)).toEqual(['new', 'old']);
    expect(signingSecrets(endpoint, new Date(now.getTime() + 1000))).toEqual(['new']);
    expect(signatureHeader(['new', 'old'], 1, 'x').split(',')).toHaveLength(3);
  });
});

describe('retry policy', () => {
  it('doubles the backoff ceiling from 10 s up to an hour, with full jitter', () => {
    expect(backoffDelayMs(1, () => 0.999_999)).toBe(9_999);
    expect(backoffDelayMs(2, () => 0.5)).toBe(10_000);
    expect(backoffDelayMs(4, () => 0.5)).toBe(40_000);
    expect(backoffDelayMs(30, () => 0.999_999)).toBeLessThan(retryCapMs);
    expect(backoffDelayMs(30, () => 0.999_999)).toBeGreaterThan(retryCapMs - 10);
    expect(backoffDelayMs(3, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now.getTime() + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('retries server errors, 408, 409 and 429, and no other 4xx or redirect', () => {
    expect([500, 502, 503, 504, 408, 409, 429].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 410, 422, 301, 302].some(isRetryableStatus)).toBe(false);
  });

  it('decides delivered, retry at a time, or giving up', () => {
    const base = { failedAttempt: 1, eventAt: now, now, random: () => 0.5 };
    expect(nextStep({ ...base, outcome: { kind: 'response', status: 204, retryAfter: null } })).toEqual({
      kind: 'delivered',
    });
    expect(nextStep({ ...base, outcome: { kind: 'response', status: 400, retryAfter: null } }).kind).toBe('give_up');
    expect(nextStep({ ...base, outcome: { kind: 'network_error', message: 'ECONNREFUSED' } })).toEqual({
      kind: 'retry',
      at: new Date(now.getTime() + 5_000),
    });
    expect(nextStep({ ...base, outcome: { kind: 'response', status: 429, retryAfter: '90' } })).toEqual({
      kind: 'retry',
      at: new Date(now.getTime() + 90_000),
    });
  });

  it('gives up when the next attempt would fall more than 72 hours after the event', () => {
    const eventAt = new Date(now.getTime() - 71.9 * 3_600_000);
    const outcome = { kind: 'response', status: 503, retryAfter: '3600' } as const;
    expect(nextStep({ outcome, failedAttempt: 40, eventAt, now }).kind).toBe('give_up');
    expect(nextStep({ outcome, failedAttempt: 40, eventAt: now, now }).kind).toBe('retry');
  });
});

it('writes a Slack sentence from the event type when the event has no text', () => {
  expect(fallbackText('lead.mql')).toBe('Baton: A lead became marketing-qualified (MQL).');
  expect(fallbackText('something.else')).toBe('Baton: something.else');
});

describe('Slack bodies', () => {
  it('keep a visitor’s words as text: no channel pings, no disguised links', () => {
    const body = renderBody('slack', {
      id: 'e',
      type: 'lead.assigned',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      workspaceId: 'w',
      data: {},
      text: 'In their words: “<!channel> see <https://evil.example|Open in Baton> & more”',
    });
    expect(JSON.parse(body)).toEqual({
      text: 'In their words: “&lt;!channel&gt; see &lt;https://evil.example|Open in Baton&gt; &amp; more”',
    });
  });
});
