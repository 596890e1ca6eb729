import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { principalOf } from '../auth';
import { contactFiltersSchema } from '../contacts/contact-filters';
import { createSavedView, deleteSavedView, listSavedViews, updateSavedView } from './saved-views';

const lists = ['contacts', 'companies', 'deals'] as const;
const viewSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    list: z.enum(lists),
    name: z.string(),
    query: z.record(z.string(), z.unknown()),
    shared: z.boolean(),
  })
  .meta({ id: 'SavedView' });
/** A view's query is the list's query string as an object of strings (what the list URL holds). */
const query = z
  .record(z.string().max(50), z.string().max(1000))
  .refine((value) => Object.keys(value).length <= 30, 'too many filters');

function checkQuery(list: (typeof lists)[number], value: Record<string, string>) {
  if (list !== 'contacts') return;
  const parsed = contactFiltersSchema.strict().safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('validation_failed', `query.${issue.path.join('.')}: ${issue.message}`, {
      details: parsed.error.issues.map((item) => ({
        path: `body.query.${item.path.join('.')}`,
        message: item.message,
      })),
    });
  }
}

function userIdOf(request: Parameters<typeof principalOf>[0]): string {
  const principal = principalOf(request);
  if (principal.kind !== 'user') throw new AppError('forbidden', 'Saved views belong to people; sign in to save one');
  return principal.userId;
}

export function viewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/views',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['views'],
          summary: 'Your saved views of a list, and the shared ones',
          querystring: z.object({ list: z.enum(lists) }),
          response: { 200: z.object({ items: z.array(viewSchema) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const userId = principal.kind === 'user' ? principal.userId : null;
        return {
          items: await listSavedViews(ctx, { workspaceId: principal.workspaceId, userId, list: request.query.list }),
        };
      },
    );

    app.post(
      '/api/views',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['views'],
          summary: 'Save a view: a list’s filters and sort under a name',
          body: z.object({
            list: z.enum(lists),
            name: z.string().trim().min(1).max(100),
            query,
            shared: z.boolean().default(false),
          }),
          response: { 201: viewSchema },
        },
      },
      async (request, reply) => {
        checkQuery(request.body.list, request.body.query);
        const view = await createSavedView(ctx, {
          ...request.body,
          workspaceId: principalOf(request).workspaceId,
          userId: userIdOf(request),
        });
        return reply.status(201).send(view);
      },
    );

    app.patch(
      '/api/views/:id',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['views'],
          summary: 'Rename, change or share a saved view (its owner only)',
          params: z.object({ id: z.uuid() }),
          body: z
            .object({
              name: z.string().trim().min(1).max(100).optional(),
              query: query.optional(),
              shared: z.boolean().optional(),
            })
            .strict(),
          response: { 200: viewSchema },
        },
      },
      async (request) => {
        const workspaceId = principalOf(request).workspaceId;
        const userId = userIdOf(request);
        if (request.body.query) {
          const existing = (await listSavedViews(ctx, { workspaceId, userId, list: 'contacts' })).find(
            (view) => view.id === request.params.id,
          );
          if (existing) checkQuery('contacts', request.body.query);
        }
        return updateSavedView(ctx, { workspaceId, id: request.params.id, userId, changes: request.body });
      },
    );

    app.delete(
      '/api/views/:id',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['views'],
          summary: 'Delete a saved view (its owner only)',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteSavedView(ctx, {
          workspaceId: principalOf(request).workspaceId,
          id: request.params.id,
          userId: userIdOf(request),
        });
        return reply.status(204).send(null);
      },
    );
  };
}
