import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { metricsRegistry } from '../../core/metrics';

export type ReadinessCheck = () => Promise<string | undefined>;

/**
 * /healthz: the process answers. /readyz: it can do its work (database reachable and every
 * registered check passing) — load balancers route traffic by it. /metrics: Prometheus text.
 */
export function systemRoutes(ctx: AppContext, checks: ReadinessCheck[]): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { tags: ['system'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness: database reachable, migrations applied, roles running',
          response: {
            200: z.object({ status: z.literal('ready') }),
            503: z.object({ status: z.literal('not_ready'), problems: z.array(z.string()) }),
          },
        },
      },
      async (_request, reply) => {
        const problems: string[] = [];
        try {
          await ctx.pool.query('select 1');
        } catch (error) {
          problems.push(`database: ${(error as Error).message}`);
        }
        for (const check of checks) {
          const problem = await check().catch((error: Error) => error.message);
          if (problem) problems.push(problem);
        }
        if (problems.length > 0) return reply.status(503).send({ status: 'not_ready' as const, problems });
        return { status: 'ready' as const };
      },
    );

    app.get(
      '/metrics',
      { schema: { tags: ['system'], summary: 'Prometheus metrics', hide: true } },
      async (_request, reply) => {
        reply.header('content-type', metricsRegistry.contentType);
        return metricsRegistry.metrics();
      },
    );
  };
}
