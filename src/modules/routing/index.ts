import { z } from 'zod';
import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { contentCatalog } from '../talk-track/content-catalog';
import { DeliveryDispatcher } from '../webhooks/delivery-dispatcher';
import { EMAIL_JOB } from './assign-lead';
import { notificationMailer } from './notification-email';
import { NotificationHub } from './notification-hub';
import { routePendingHandoffs } from './route-handoffs';
import { routingRoutes } from './routes';
import { sweepSlaClocks } from './sla-clocks';

export { routePendingHandoffs } from './route-handoffs';
export { recordFirstTouch, sweepSlaClocks } from './sla-clocks';

const workspacePayload = z.object({ workspaceId: z.uuid() });

export function routingModule(ctx: AppContext): BatonModule {
  const hub = new NotificationHub(ctx);
  const dispatcher = new DeliveryDispatcher(ctx);
  const catalogOf = contentCatalog(ctx);
  return {
    name: 'routing',
    // Webhooks of routed leads are sent as soon as their routing commits; shutdown lets them finish.
    background: [() => ({ stop: () => dispatcher.drain() })],
    routes: [routingRoutes(ctx, hub)],
    jobs: [
      {
        name: 'routing.route',
        run: async (payload) => {
          await routePendingHandoffs(ctx, workspacePayload.parse(payload).workspaceId, dispatcher, catalogOf);
        },
      },
      { name: EMAIL_JOB, run: notificationMailer(ctx) },
      {
        name: 'routing.sla',
        run: async (payload) => {
          await sweepSlaClocks(ctx, workspacePayload.parse(payload).workspaceId);
        },
      },
    ],
  };
}
