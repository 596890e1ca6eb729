import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { createProperty, deleteProperty, listProperties, updateProperty } from './manage-properties';
import { propertyObjects, propertyTypes } from './schema';

const propertySchema = z
  .object({
    id: z.string(),
    object: z.enum(propertyObjects),
    key: z.string(),
    label: z.string(),
    type: z.enum(propertyTypes),
    options: z.array(z.string()),
    required: z.boolean(),
    position: z.number(),
  })
  .meta({ id: 'PropertyDefinition' });
const editors = ['admin', 'marketing'] as const;
const options = z.array(z.string().trim().min(1).max(100)).max(200);

export function propertyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/properties',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['properties'],
          summary: 'Custom properties of contacts, companies and deals',
          querystring: z.object({ object: z.enum(propertyObjects).optional() }),
          response: { 200: z.object({ items: z.array(propertySchema) }) },
        },
      },
      async (request) => ({
        items: await listProperties(ctx.db, principalOf(request).workspaceId, request.query.object),
      }),
    );

    app.post(
      '/api/properties',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['properties'],
          summary: 'Define a custom property',
          body: z.object({
            object: z.enum(propertyObjects),
            key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lower snake case, starting with a letter'),
            label: z.string().trim().min(1).max(100),
            type: z.enum(propertyTypes),
            options: options.default([]),
            required: z.boolean().default(false),
          }),
          response: { 201: propertySchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createProperty(ctx, { workspaceId: principalOf(request).workspaceId, ...request.body })),
    );

    app.patch(
      '/api/properties/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['properties'],
          summary: 'Rename a property, change its options or whether it is required',
          params: z.object({ id: z.uuid() }),
          body: z
            .object({
              label: z.string().trim().min(1).max(100).optional(),
              options: options.optional(),
              required: z.boolean().optional(),
              position: z.number().int().min(0).max(10_000).optional(),
            })
            .strict(),
          response: { 200: propertySchema },
        },
      },
      async (request) =>
        updateProperty(ctx, { workspaceId: principalOf(request).workspaceId, id: request.params.id, ...request.body }),
    );

    app.delete(
      '/api/properties/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['properties'],
          summary: 'Delete a property and its values',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteProperty(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
