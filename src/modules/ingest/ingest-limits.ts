import type { AppContext } from '../../core/context';
import { createRateLimiter, type RateLimiter } from '../../core/http/rate-limit';

/** Per write key and per client address, in events per second (bursts up to one second's worth). */
const limiters = new WeakMap<AppContext, { perKey: RateLimiter; perIp: RateLimiter }>();

export function ingestLimitersFor(ctx: AppContext) {
  let found = limiters.get(ctx);
  if (!found) {
    found = {
      perKey: createRateLimiter({
        limit: ctx.config.ingestEventsPerSecondPerKey,
        windowMs: 1000,
        what: 'events for this write key',
      }),
      perIp: createRateLimiter({
        limit: ctx.config.ingestEventsPerSecondPerIp,
        windowMs: 1000,
        what: 'events from this address',
      }),
    };
    limiters.set(ctx, found);
  }
  return found;
}
