import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { actorOf, principalOf } from '../auth';
import { lifecycleStages, workingStatuses } from '../contacts/schema';
import { assertContactVisible } from '../contacts/visibility';
import { type Actor, changeStage, changeWorkingStatus } from './change-stage';
import { archiveRejectionReason, listRejectionReasons, saveRejectionReason } from './rejection-reasons';
import { acceptLead, rejectLead } from './sales-verdict';
import { rejectionOutcomes } from './schema';
import { stageHistory } from './stage-history';

const idParams = z.object({ id: z.uuid() });
const everyone = 'any' as const;
const managers = ['admin', 'sales_manager'] as const;
const reasonSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    defaultOutcome: z.enum(rejectionOutcomes),
    position: z.number(),
    archived: z.boolean(),
  })
  .meta({ id: 'RejectionReason' });

function actorFor(request: Parameters<typeof principalOf>[0]): Actor {
  const { actorType, actorId } = actorOf(principalOf(request));
  return { type: actorType, id: actorId };
}

export function lifecycleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/contacts/:id/stage',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Move a contact to any lifecycle stage (forward, backward or off the path), with a reason',
          params: idParams,
          body: z.object({ stage: z.enum(lifecycleStages), reason: z.string().trim().max(1000).optional() }),
          response: { 200: z.object({ from: z.enum(lifecycleStages).nullable(), to: z.enum(lifecycleStages) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        const from = await ctx.db.transaction((tx) =>
          changeStage(tx, {
            workspaceId: principal.workspaceId,
            contactId: request.params.id,
            to: request.body.stage,
            actor: actorFor(request),
            at: ctx.clock.now(),
            reason: request.body.reason ?? null,
          }),
        );
        return { from: from ?? null, to: request.body.stage };
      },
    );

    app.post(
      '/api/contacts/:id/status',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Set the sales working status (new, attempting, connected, qualified, unqualified)',
          params: idParams,
          body: z.object({ status: z.enum(workingStatuses), reason: z.string().trim().max(1000).optional() }),
          response: { 200: z.object({ status: z.enum(workingStatuses) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        await ctx.db.transaction((tx) =>
          changeWorkingStatus(tx, {
            workspaceId: principal.workspaceId,
            contactId: request.params.id,
            to: request.body.status,
            actor: actorFor(request),
            at: ctx.clock.now(),
            reason: request.body.reason ?? null,
          }),
        );
        return { status: request.body.status };
      },
    );

    app.post(
      '/api/contacts/:id/accept',
      {
        config: { access: { roles: ['admin', 'sales_manager', 'sales_rep'] } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Sales accepts an MQL (→ SAL)',
          params: idParams,
          body: z.object({ note: z.string().trim().max(2000).optional() }).default({}),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        await acceptLead(ctx, {
          workspaceId: principal.workspaceId,
          contactId: request.params.id,
          actor: actorFor(request),
          note: request.body.note,
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/contacts/:id/reject',
      {
        config: { access: { roles: ['admin', 'sales_manager', 'sales_rep'] } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Sales rejects a lead with a reason: recycled to nurture or disqualified',
          params: idParams,
          body: z.object({
            reason: z.string().min(1).max(100).describe('A code from /api/rejection-reasons'),
            note: z.string().trim().max(2000).optional(),
            outcome: z.enum(rejectionOutcomes).optional().describe('Default: the reason’s usual outcome'),
          }),
          response: { 200: z.object({ outcome: z.enum(rejectionOutcomes) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return rejectLead(ctx, {
          workspaceId: principal.workspaceId,
          contactId: request.params.id,
          actor: actorFor(request),
          ...request.body,
        });
      },
    );

    app.get(
      '/api/contacts/:id/stages',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Stage history with who moved it and why, and the time spent in each stage',
          params: idParams,
          response: {
            200: z.object({
              transitions: z.array(
                z.object({
                  id: z.string(),
                  from: z.enum(lifecycleStages).nullable(),
                  to: z.enum(lifecycleStages),
                  at: z.date(),
                  actorType: z.string(),
                  actorId: z.string().nullable(),
                  actorName: z.string().nullable(),
                  rule: z.string().nullable(),
                  reason: z.string().nullable(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
              periods: z.array(
                z.object({
                  stage: z.enum(lifecycleStages),
                  enteredAt: z.date(),
                  leftAt: z.date().nullable(),
                  seconds: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return stageHistory(ctx, principal.workspaceId, request.params.id);
      },
    );

    app.get(
      '/api/rejection-reasons',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['lifecycle'],
          summary: 'The rejection reason taxonomy',
          response: { 200: z.object({ items: z.array(reasonSchema) }) },
        },
      },
      async (request) => ({ items: await listRejectionReasons(ctx.db, principalOf(request).workspaceId) }),
    );

    app.put(
      '/api/rejection-reasons/:code',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Add or edit a rejection reason',
          params: z.object({
            code: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/, 'lower snake case, up to 50 characters'),
          }),
          body: z.object({
            label: z.string().trim().min(1).max(100),
            defaultOutcome: z.enum(rejectionOutcomes),
            archived: z.boolean().optional(),
          }),
          response: { 200: reasonSchema },
        },
      },
      async (request) =>
        saveRejectionReason(ctx, {
          workspaceId: principalOf(request).workspaceId,
          code: request.params.code,
          ...request.body,
        }),
    );

    app.delete(
      '/api/rejection-reasons/:code',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['lifecycle'],
          summary: 'Archive a rejection reason (past rejections keep it)',
          params: z.object({ code: z.string().max(50) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await archiveRejectionReason(ctx, principalOf(request).workspaceId, request.params.code);
        return reply.status(204).send(null);
      },
    );
  };
}
