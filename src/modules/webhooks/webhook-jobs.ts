import { z } from 'zod';
import type { AppContext } from '../../core/context';
import type { JobDefinition } from '../../core/jobs/job';
import { deliverWebhook } from './deliver-webhook';
import { deliverJobName } from './publish-event';

const payloadSchema = z.object({ workspaceId: z.uuid(), deliveryId: z.uuid(), attempt: z.number().int().min(1) });

/** `webhooks.deliver`: one attempt of one delivery (see deliver-webhook.ts). */
export function deliverJob(ctx: AppContext): JobDefinition {
  return {
    name: deliverJobName,
    run: async (payload) => {
      await deliverWebhook(ctx, payloadSchema.parse(payload));
    },
  };
}
