import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { queryFlag } from '../../core/http/query-flag';
import { actorOf, principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import {
  completeTask,
  deleteSalesActivity,
  logSalesActivity,
  openTasks,
  salesActivityOwner,
} from './log-sales-activity';
import { salesActivityTypes } from './schema';

const sellers = ['admin', 'sales_manager', 'sales_rep', 'marketing'] as const;

export function salesActivityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/sales-activities',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['sales activities'],
          summary: 'Log a call (with outcome and duration), email, meeting, note or task',
          body: z.object({
            type: z.enum(salesActivityTypes),
            contactId: z.uuid().optional(),
            dealId: z.uuid().optional(),
            companyId: z.uuid().optional(),
            occurredAt: z.coerce.date().optional().describe('Default: now'),
            outcome: z
              .string()
              .max(50)
              .optional()
              .describe(
                'call: connected, voicemail, no_answer, wrong_number; meeting: booked, held, no_show, cancelled',
              ),
            durationSeconds: z.number().int().min(0).max(86_400).optional(),
            subject: z.string().trim().max(500).optional(),
            body: z.string().max(20_000).optional(),
            dueAt: z.coerce.date().optional().describe('Tasks: when it is due'),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (request.body.contactId) await assertContactVisible(ctx, principal, request.body.contactId);
        const actor = actorOf(principal);
        const id = await logSalesActivity(
          ctx,
          {
            ...request.body,
            workspaceId: principal.workspaceId,
            userId: principal.kind === 'user' ? principal.userId : null,
          },
          { type: actor.actorType, id: actor.actorId },
        );
        return reply.status(201).send({ id });
      },
    );

    app.post(
      '/api/sales-activities/:id/complete',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['sales activities'],
          summary: 'Mark a task done (or not done)',
          params: z.object({ id: z.uuid() }),
          body: z.object({ done: z.boolean().default(true) }).default({ done: true }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await completeTask(ctx, {
          workspaceId: principalOf(request).workspaceId,
          id: request.params.id,
          done: request.body.done,
        });
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/sales-activities/:id',
      {
        config: { access: { roles: sellers } },
        schema: {
          tags: ['sales activities'],
          summary: 'Delete a logged activity',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { userId, contactId } = await salesActivityOwner(ctx, principal.workspaceId, request.params.id);
        if (contactId) await assertContactVisible(ctx, principal, contactId);
        // A rep deletes only what they logged; managers and admins correct anyone's log.
        const own = principal.kind === 'user' && principal.userId === userId;
        if (!own && (principal.role === 'sales_rep' || principal.role === 'marketing')) {
          throw new AppError('forbidden', 'Only the person who logged it, a sales manager or an admin can delete it');
        }
        await deleteSalesActivity(ctx, { workspaceId: principal.workspaceId, id: request.params.id });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/tasks',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['sales activities'],
          summary: 'Open tasks, soonest due first (yours, or everyone’s with `all=true`)',
          querystring: z.object({
            all: queryFlag(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  subject: z.string().nullable(),
                  dueAt: z.date(),
                  contactId: z.string().nullable(),
                  contactName: z.string().nullable(),
                  userId: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const userId = request.query.all || principal.kind !== 'user' ? undefined : principal.userId;
        return {
          items: await openTasks(ctx, { workspaceId: principal.workspaceId, userId, limit: request.query.limit }),
        };
      },
    );
  };
}
