import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { listAuditEvents } from './list-audit-events';

const auditEventSchema = z.object({
  id: z.string(),
  at: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-events',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['audit'],
          summary: 'Who changed access and configuration, newest first',
          querystring: z.object({
            cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => listAuditEvents(ctx, { workspaceId: principalOf(request).workspaceId, ...request.query }),
    );
  };
}
