import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { startRecoveryLoop } from './recover-lost-deliveries';
import { deliverJob } from './webhook-jobs';
import { webhookRoutes } from './webhook-routes';

export { DeliveryDispatcher } from './delivery-dispatcher';
export { type WebhookEventType, webhookEventTypeNames, webhookEventTypes } from './event-types';
export { type PublishEventInput, publishEvent } from './publish-event';

export function webhooksModule(ctx: AppContext): BatonModule {
  return {
    name: 'webhooks',
    routes: [webhookRoutes(ctx)],
    jobs: [deliverJob(ctx)],
    background: [() => startRecoveryLoop(ctx)],
  };
}
