import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from './access';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { apiKeySchema, idParams, roleSchema } from './http-schemas';
import { apiKeyKinds } from './schema';

export function apiKeyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/api-keys',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['api keys'],
          summary: 'API keys of the workspace (never the keys themselves)',
          response: { 200: z.object({ items: z.array(apiKeySchema) }) },
        },
      },
      async (request) => ({ items: await listApiKeys(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/api-keys',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['api keys'],
          summary: 'Create a key. The response holds the key itself: the only time it is shown',
          body: z.object({
            kind: z.enum(apiKeyKinds),
            role: roleSchema.optional().describe('Required for secret keys; write keys take none'),
            name: z.string().trim().max(100).optional(),
          }),
          response: { 201: z.object({ key: z.string(), apiKey: apiKeySchema }) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const created = await createApiKey(ctx, {
          ...request.body,
          workspaceId: principal.workspaceId,
          createdBy: principal,
        });
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/api-keys/:id',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['api keys'],
          summary: 'Revoke a key; it stops working at once',
          params: idParams,
          response: { 200: apiKeySchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return revokeApiKey(ctx, { workspaceId: principal.workspaceId, id: request.params.id, revokedBy: principal });
      },
    );
  };
}
