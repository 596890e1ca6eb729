import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { ingestRoutes } from './ingest-routes';
import { purgeOldRejections } from './live-ingest';
import { liveRoutes } from './live-routes';
import { segmentBrowserRoutes } from './segment-browser-routes';

export { type NormalizedEvent, normalizeMessage } from './normalize-message';
export { PARTITIONS } from './partition';
export { type EventType, eventTypes } from './schema';

export function ingestModule(ctx: AppContext): BatonModule {
  return {
    name: 'ingest',
    routes: [ingestRoutes(ctx), segmentBrowserRoutes(ctx), liveRoutes(ctx)],
    jobs: [
      {
        name: 'ingest.purge-rejections',
        cron: '23 3 * * *',
        run: async () => {
          const removed = await purgeOldRejections(ctx);
          if (removed > 0) ctx.logger.info({ removed }, 'old ingest rejections removed');
        },
      },
    ],
  };
}
