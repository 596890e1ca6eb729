import { describe, expect, it } from 'vitest';
import { isRejected, normalizeMessage } from './normalize-message';

const receivedAt = new Date('2026-06-01T12:00:00Z');

describe('normalising one Segment message', () => {
  it('takes ids as trimmed strings, numbers included', () => {
    const result = normalizeMessage({ type: 'identify', userId: 42, anonymousId: ' a1 ', traits: {} }, { receivedAt });
    expect(isRejected(result)).toBe(false);
    expect(result).toMatchObject({ userId: '42', anonymousId: 'a1' });
  });

  it('names the field and the reason when a message is refused', () => {
    expect(normalizeMessage({ type: 'track', userId: 'u', event: '  ' }, { receivedAt })).toMatchObject({
      field: 'event',
    });
    expect(normalizeMessage({ type: 'track', userId: 'u', event: 'E', properties: [] }, { receivedAt })).toMatchObject({
      field: 'properties',
    });
    expect(normalizeMessage({ type: 'track', userId: 'x'.repeat(201), event: 'E' }, { receivedAt })).toMatchObject({
      field: 'userId',
      reason: 'userId: must be at most 200 characters',
    });
    expect(normalizeMessage({ type: 'page', userId: 'u', name: 7 }, { receivedAt })).toMatchObject({ field: 'name' });
  });

  it('corrects clock skew with sentAt, and keeps impossible times as the reception time', () => {
    const skewed = normalizeMessage(
      { type: 'track', userId: 'u', event: 'E', timestamp: '2026-06-01T13:00:00Z', sentAt: '2026-06-01T13:00:10Z' },
      { receivedAt },
    );
    expect(!isRejected(skewed) && skewed.timestamp.toISOString()).toBe('2026-06-01T11:59:50.000Z');
    const batchSent = normalizeMessage(
      { type: 'track', userId: 'u', event: 'E', timestamp: '2026-06-01T11:00:00Z' },
      { receivedAt, batchSentAt: '2026-06-01T11:00:30Z' },
    );
    expect(!isRejected(batchSent) && batchSent.timestamp.toISOString()).toBe('2026-06-01T11:59:30.000Z');
  });
});
