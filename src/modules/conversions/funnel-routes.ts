import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { principalOf } from '../auth';
import { conversionFunnel, funnelGroupings, funnelIntervals } from './funnel';
import { conversionSteps } from './schema';

const DAY = 24 * 3600 * 1000;
const counts = z.object(
  Object.fromEntries(conversionSteps.map((step) => [step, z.number()])) as Record<
    (typeof conversionSteps)[number],
    z.ZodNumber
  >,
);
const summary = {
  counts,
  stepRates: z.array(
    z.object({ from: z.enum(conversionSteps), to: z.enum(conversionSteps), rate: z.number().nullable() }),
  ),
  pageConversion: z.number().nullable().describe('Submissions per landing page view'),
};

/** GET /api/conversions/funnel: the conversion path with its rates, in total, per group and over time. */
export function funnelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/conversions/funnel',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['content'],
          summary: 'CTA view → click → landing page view → submission → download: counts and rates per step',
          description:
            'Over [from, to) (default: the last 30 days), per group (`groupBy`) and per UTC day or ISO week (`interval`).',
          querystring: z.object({
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            groupBy: z.enum(funnelGroupings).optional(),
            interval: z.enum(funnelIntervals).default('day'),
          }),
          response: {
            200: z.object({
              from: z.date(),
              to: z.date(),
              interval: z.enum(funnelIntervals),
              groupBy: z.enum(funnelGroupings).nullable(),
              total: z.object(summary),
              groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), ...summary })),
              series: z.array(z.object({ period: z.date(), ...summary })),
            }),
          },
        },
      },
      async (request) => {
        const to = request.query.to ?? new Date(ctx.clock.now().getTime() + 1);
        const from = request.query.from ?? new Date(to.getTime() - 30 * DAY);
        const problem =
          from >= to
            ? 'must be before `to`'
            : to.getTime() - from.getTime() > 731 * DAY
              ? 'at most two years before `to`'
              : null;
        if (problem) {
          throw new AppError('validation_failed', `from: ${problem}`, {
            details: [{ path: 'querystring.from', message: problem }],
          });
        }
        return conversionFunnel(ctx, {
          workspaceId: principalOf(request).workspaceId,
          from,
          to,
          groupBy: request.query.groupBy,
          interval: request.query.interval,
        });
      },
    );
  };
}
