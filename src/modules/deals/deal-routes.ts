import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { actorOf, principalOf } from '../auth';
import { contactVisibility } from '../contacts/visibility';
import { getDeal, listDeals } from './list-deals';
import { closeDeal, createDeal, deleteDeal, reopenDeal, updateDeal } from './manage-deals';
import { dealStages, dealStatuses } from './schema';

const dealSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    amountMinor: z.number().describe('Amount in minor units (cents)'),
    currency: z.string(),
    stage: z.string(),
    status: z.enum(dealStatuses),
    expectedCloseOn: z.string().nullable(),
    closedAt: z.date().nullable(),
    lostReason: z.string().nullable(),
    ownerId: z.string().nullable(),
    ownerName: z.string().nullable(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable(),
    contacts: z.array(z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() })),
    properties: z.record(z.string(), z.unknown()),
    createdAt: z.date(),
  })
  .meta({ id: 'Deal' });

const dealFields = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .optional(),
  stage: z.enum(dealStages).optional(),
  expectedCloseOn: z.iso.date().nullable().optional(),
  ownerId: z.uuid().nullable().optional(),
  companyId: z.uuid().nullable().optional(),
  externalId: z.string().trim().max(200).nullable().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const sellers = ['admin', 'sales_manager', 'sales_rep'] as const;
const idParams = z.object({ id: z.uuid() });

export function dealRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  /** What a rep with restricted lead visibility may see of deals (undefined: everything). */
  const restriction = async (request: Parameters<typeof principalOf>[0]) => {
    const principal = principalOf(request);
    const visibility = await contactVisibility(ctx, principal);
    return visibility ? { visibility, userId: principal.kind === 'user' ? principal.userId : undefined } : undefined;
  };
  const actor = (request: Parameters<typeof principalOf>[0]) => {
    const { actorType, actorId } = actorOf(principalOf(request));
    return { type: actorType, id: actorId };
  };
  return async (app) => {
    app.get(
      '/api/deals',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['deals'],
          summary: 'Deals, newest first',
          querystring: z.object({
            status: z.enum(dealStatuses).optional(),
            owner: z.uuid().optional(),
            company: z.uuid().optional(),
            contact: z.uuid().optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(dealSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const visibility = await contactVisibility(ctx, principal);
        const userId = principal.kind === 'user' ? principal.userId : undefined;
        return listDeals(ctx, { workspaceId: principal.workspaceId, ...request.query, visibility, userId });
      },
    );

    app.post(
      '/api/deals',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['deals'],
          summary: 'Open a deal; its contacts become opportunities',
          body: dealFields.extend({
            name: z.string().trim().min(1).max(200),
            contactIds: z.array(z.uuid()).max(100).default([]),
          }),
          response: { 201: dealSchema },
        },
      },
      async (request, reply) => {
        const { workspaceId } = principalOf(request);
        const { contactIds, ...fields } = request.body;
        const id = await createDeal(ctx, { workspaceId, fields, contactIds, actor: actor(request) });
        return reply.status(201).send(await getDeal(ctx, workspaceId, id));
      },
    );

    app.get(
      '/api/deals/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['deals'], summary: 'One deal', params: idParams, response: { 200: dealSchema } },
      },
      async (request) => getDeal(ctx, principalOf(request).workspaceId, request.params.id, await restriction(request)),
    );

    app.patch(
      '/api/deals/:id',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['deals'],
          summary: 'Change a deal: stage, amount, close date, owner, contacts',
          params: idParams,
          body: dealFields
            .extend({
              addContactIds: z.array(z.uuid()).max(100).optional(),
              removeContactIds: z.array(z.uuid()).max(100).optional(),
            })
            .strict(),
          response: { 200: dealSchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        const { addContactIds, removeContactIds, ...fields } = request.body;
        await getDeal(ctx, workspaceId, request.params.id, await restriction(request));
        await updateDeal(ctx, {
          workspaceId,
          dealId: request.params.id,
          fields,
          addContactIds,
          removeContactIds,
          actor: actor(request),
        });
        return getDeal(ctx, workspaceId, request.params.id);
      },
    );

    app.post(
      '/api/deals/:id/close',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['deals'],
          summary: 'Close a deal won (contacts become customers) or lost (with the reason)',
          params: idParams,
          body: z.object({
            outcome: z.enum(['won', 'lost']),
            reason: z.string().trim().max(500).optional(),
            amountMinor: z
              .number()
              .int()
              .min(0)
              .max(Number.MAX_SAFE_INTEGER)
              .optional()
              .describe('The final amount, when it changed'),
          }),
          response: { 200: dealSchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await getDeal(ctx, workspaceId, request.params.id, await restriction(request));
        await closeDeal(ctx, { workspaceId, dealId: request.params.id, ...request.body, actor: actor(request) });
        return getDeal(ctx, workspaceId, request.params.id);
      },
    );

    app.post(
      '/api/deals/:id/reopen',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['deals'],
          summary: 'Reopen a closed deal at a pipeline stage',
          params: idParams,
          body: z.object({ stage: z.enum(dealStages).default('discovery') }),
          response: { 200: dealSchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await getDeal(ctx, workspaceId, request.params.id, await restriction(request));
        await reopenDeal(ctx, { workspaceId, dealId: request.params.id, stage: request.body.stage });
        return getDeal(ctx, workspaceId, request.params.id);
      },
    );

    app.delete(
      '/api/deals/:id',
      {
        config: { access: { roles: ['admin', 'sales_manager'] } },
        schema: { tags: ['deals'], summary: 'Delete a deal', params: idParams, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await deleteDeal(ctx, { workspaceId: principalOf(request).workspaceId, dealId: request.params.id });
        return reply.status(204).send(null);
      },
    );
  };
}
