import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { createRateLimiter } from './rate-limit';

describe('token-bucket rate limiter', () => {
  it('allows the limit, then refuses with the seconds to wait, then refills over time', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([limiter.take('ip'), limiter.take('ip'), limiter.take('ip')]).toEqual([0, 0, 0]);
    expect(limiter.take('ip')).toBe(20); // one token every 20 s
    expect(limiter.take('other')).toBe(0); // keys are independent
    now += 20_000;
    expect(limiter.take('ip')).toBe(0);
    expect(limiter.take('ip')).toBeGreaterThan(0);
  });

  it('throws a 429 AppError with Retry-After', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 10_000, now: () => 0 });
    limiter.consume('k');
    try {
      limiter.consume('k');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(429);
      expect((error as AppError).headers).toEqual({ 'retry-after': '10' });
    }
  });

  it('forgets the oldest keys beyond its memory bound', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('c')).toBeGreaterThan(0);
  });
});
