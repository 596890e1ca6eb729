import type { AppContext } from '../../core/context';
import { deliverWebhook } from './deliver-webhook';
import { enqueueDelivery } from './publish-event';

/** Deliveries being sent at once, at most; beyond it they go to their jobs straight away. */
const MAX_IN_FLIGHT = 32;

/**
 * Sends fresh deliveries right after their publisher commits, without waiting for a worker to
 * pick up their jobs: on a busy machine that queue is where a webhook's time goes. Each delivery
 * still has its job (queued a little later, see `publishEvent`'s `dispatchLater`): if this process
 * dies mid-send, or is too busy, the job sends it. Sending twice is impossible — an attempt locks
 * its delivery row and a settled or attempted delivery is skipped.
 */
export class DeliveryDispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly ctx: AppContext) {}

  /** Starts sending; returns at once. */
  dispatch(workspaceId: string, deliveryIds: string[]): void {
    for (const deliveryId of deliveryIds) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) {
        // Too much at once: let the job run now instead of after its delay.
        this.track(enqueueDelivery(this.ctx.pool, { workspaceId, deliveryId, attempt: 1 }));
        continue;
      }
      this.track(deliverWebhook(this.ctx, { workspaceId, deliveryId, attempt: 1 }).then(() => undefined));
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((error) => this.ctx.logger.warn({ error }, 'immediate webhook delivery failed; its job will retry'))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Waits for the sends under way (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }
}
