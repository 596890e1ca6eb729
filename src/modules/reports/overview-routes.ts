import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { countContactsByStage, lifecycleStages } from '../contacts';
import { summarizeDeals } from '../deals';
import { countEntriesInto } from '../lifecycle';

const overviewSchema = z.object({
  contactsByStage: z.record(z.enum(lifecycleStages), z.number()),
  totalContacts: z.number(),
  last30Days: z.object({ mqls: z.number(), customers: z.number() }),
  deals: z.object({
    currency: z.string(),
    open: z.object({ count: z.number(), amountMinor: z.number() }),
    wonSince: z.object({ count: z.number(), amountMinor: z.number() }),
    lostSince: z.object({ count: z.number() }),
  }),
});

export function overviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/overview',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['reports'],
          summary: 'The workspace at a glance: funnel by stage, hand-offs and deals over the last 30 days',
          response: { 200: overviewSchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
        const [byStage, mqls, customers, deals] = await Promise.all([
          countContactsByStage(ctx, workspaceId),
          countEntriesInto(ctx, { workspaceId, stage: 'mql', since }),
          countEntriesInto(ctx, { workspaceId, stage: 'customer', since }),
          summarizeDeals(ctx, { workspaceId, since }),
        ]);
        const contactsByStage = Object.fromEntries(
          lifecycleStages.map((stage) => [stage, byStage[stage] ?? 0]),
        ) as Record<(typeof lifecycleStages)[number], number>;
        return {
          contactsByStage,
          totalContacts: Object.values(contactsByStage).reduce((sum, value) => sum + value, 0),
          last30Days: { mqls, customers },
          deals,
        };
      },
    );
  };
}
