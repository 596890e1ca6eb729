import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { ingestHistory, liveIngest, retryFailedEvents } from './live-ingest';

const who = ['admin', 'marketing'] as const;
const counts = { accepted: z.number(), duplicates: z.number(), rejected: z.number(), bots: z.number() };

export function liveRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/ingest/live',
      {
        config: { access: { roles: who } },
        schema: {
          tags: ['ingest'],
          summary: 'Events arriving now, refused messages with the reason, and pipeline progress',
          querystring: z.object({
            since: z.coerce.date().optional().describe('Default: the last 15 minutes'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: {
            200: z.object({
              events: z.array(
                z.object({
                  messageId: z.string(),
                  type: z.string(),
                  name: z.string().nullable(),
                  anonymousId: z.string().nullable(),
                  userId: z.string().nullable(),
                  receivedAt: z.date(),
                  status: z.enum(['queued', 'processed', 'failed']),
                  error: z.string().nullable(),
                }),
              ),
              rejections: z.array(
                z.object({
                  at: z.date(),
                  reason: z.string(),
                  field: z.string().nullable(),
                  messageId: z.string().nullable(),
                  excerpt: z.string().nullable(),
                }),
              ),
              today: z.object(counts),
              pipeline: z.object({ queued: z.number(), failures: z.number(), oldestQueuedAt: z.date().nullable() }),
            }),
          },
        },
      },
      async (request) =>
        liveIngest(ctx, {
          workspaceId: principalOf(request).workspaceId,
          since: request.query.since ?? new Date(ctx.clock.now().getTime() - 15 * 60_000),
          limit: request.query.limit,
        }),
    );

    app.get(
      '/api/ingest/history',
      {
        config: { access: { roles: who } },
        schema: {
          tags: ['ingest'],
          summary: 'Accepted, duplicate, refused and bot messages per day',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
          response: { 200: z.object({ days: z.array(z.object({ day: z.string(), ...counts })) }) },
        },
      },
      async (request) => ({
        days: await ingestHistory(ctx, { workspaceId: principalOf(request).workspaceId, days: request.query.days }),
      }),
    );

    app.post(
      '/api/ingest/failures/retry',
      {
        config: { access: { roles: who } },
        schema: {
          tags: ['ingest'],
          summary: 'Put events the pipeline could not apply back on its queue',
          body: z.object({ messageIds: z.array(z.string().max(200)).max(1000).optional() }),
          response: { 200: z.object({ retried: z.number() }) },
        },
      },
      async (request) => ({
        retried: await retryFailedEvents(ctx, {
          workspaceId: principalOf(request).workspaceId,
          messageIds: request.body.messageIds,
        }),
      }),
    );
  };
}
