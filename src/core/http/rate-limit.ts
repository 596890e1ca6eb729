import { AppError } from '../errors';

/**
 * Token buckets in memory, one per key (an IP, a write key, an email). Per process: with several
 * api processes the effective limit is multiplied by their number, which is acceptable for abuse
 * protection and keeps the hot path free of database round trips.
 */
export type RateLimiter = {
  /** Takes `cost` tokens for `key`; returns 0 when allowed, else the seconds until it would be. */
  take(key: string, cost?: number): number;
  /** Throws a 429 AppError with Retry-After when `key` is over its limit. */
  consume(key: string, cost?: number): void;
  reset(key: string): void;
};

export function createRateLimiter(options: {
  /** Tokens per window. */
  limit: number;
  windowMs: number;
  what?: string;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const refillPerMs = options.limit / options.windowMs;
  const maxKeys = options.maxKeys ?? 100_000;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();

  const take = (key: string, cost = 1): number => {
    const at = now();
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= maxKeys) {
        // Forget the oldest key (Map keeps insertion order); a forgotten key starts full again.
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      bucket = { tokens: options.limit, updatedAt: at };
      buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(options.limit, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
      bucket.updatedAt = at;
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / refillPerMs / 1000));
  };

  return {
    take,
    consume(key, cost = 1) {
      const retryAfter = take(key, cost);
      if (retryAfter > 0) {
        throw new AppError('rate_limited', `Too many ${options.what ?? 'requests'}; retry in ${retryAfter} s`, {
          headers: { 'retry-after': String(retryAfter) },
          details: [{ message: 'rate limit exceeded', retryAfterSeconds: retryAfter }],
        });
      }
    },
    reset(key) {
      buckets.delete(key);
    },
  };
}
