import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { queryFlag } from '../../core/http/query-flag';
import { principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import type { BatonModule } from '../module';
import { listQueue, type QueueScope } from './list-queue';

const managers = new Set(['admin', 'sales_manager']);
const MAX_SNOOZE_DAYS = 90;

const queueItemSchema = z.object({
  contactId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  company: z.string().nullable(),
  persona: z.string().nullable(),
  grade: z.string().nullable(),
  score: z.number(),
  stage: z.string(),
  workingStatus: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  handRaiser: z.boolean(),
  reason: z.string(),
  sla: z
    .object({
      clockId: z.string(),
      kind: z.string(),
      startedAt: z.date(),
      dueAt: z.date(),
      urgency: z.enum(['overdue', 'due_soon', 'on_track']),
    })
    .nullable(),
  lastActivityAt: z.date().nullable(),
  warm: z.boolean(),
  lastTouch: z.object({ type: z.string(), outcome: z.string().nullable(), at: z.date() }).nullable(),
  snoozedUntil: z.date().nullable(),
});

function queueRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/queue',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['queue'],
          summary:
            'A rep’s leads to work, most urgent first: your own, or (managers) a rep’s, a team’s, or the unassigned ones',
          querystring: z
            .object({
              userId: z.uuid().optional(),
              teamId: z.uuid().optional(),
              unassigned: queryFlag(),
              snoozed: queryFlag(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              offset: z.coerce.number().int().min(0).max(10_000).default(0),
            })
            .strict()
            .refine(
              (query) => [query.userId, query.teamId, query.unassigned || undefined].filter(Boolean).length <= 1,
              {
                message: 'give at most one of userId, teamId and unassigned',
              },
            ),
          response: {
            200: z.object({
              now: z.date(),
              items: z.array(queueItemSchema),
              total: z.number(),
              overdue: z.number(),
              warm: z.number(),
              snoozed: z.number(),
              resting: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { userId, teamId, unassigned } = request.query;
        const self = principal.kind === 'user' ? principal.userId : null;
        const scope: QueueScope = unassigned
          ? { kind: 'unassigned' }
          : teamId
            ? { kind: 'team', teamId }
            : userId && userId !== self
              ? { kind: 'user', userId }
              : { kind: 'mine' };
        if (scope.kind !== 'mine' && !managers.has(principal.role)) {
          throw new AppError('forbidden', 'Only sales managers and admins see other people’s queues');
        }
        return listQueue(ctx, ctx.pool, principal, {
          scope,
          snoozed: request.query.snoozed,
          limit: request.query.limit,
          offset: request.query.offset,
        });
      },
    );

    app.put(
      '/api/contacts/:id/snooze',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['queue'],
          summary: 'Take a lead out of your queue until a time (it comes back on its own)',
          params: z.object({ id: z.uuid() }),
          body: z.object({ until: z.coerce.date() }).strict(),
          response: { 200: z.object({ contactId: z.string(), until: z.date() }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (principal.kind !== 'user') throw new AppError('forbidden', 'Only a signed-in user can snooze a lead');
        const { until } = request.body;
        const now = ctx.clock.now();
        if (until.getTime() <= now.getTime()) {
          throw new AppError('validation_failed', 'until must be in the future', {
            details: [{ path: 'until', message: 'must be in the future' }],
          });
        }
        if (until.getTime() > now.getTime() + MAX_SNOOZE_DAYS * 86_400_000) {
          throw new AppError('validation_failed', `until must be within ${MAX_SNOOZE_DAYS} days`, {
            details: [{ path: 'until', message: `must be within ${MAX_SNOOZE_DAYS} days` }],
          });
        }
        await assertContactVisible(ctx, principal, request.params.id);
        await ctx.pool.query(
          `insert into lead_snoozes (workspace_id, user_id, contact_id, until) values ($1, $2, $3, $4)
           on conflict (workspace_id, user_id, contact_id) do update set until = excluded.until, created_at = now()`,
          [principal.workspaceId, principal.userId, request.params.id, until],
        );
        return { contactId: request.params.id, until };
      },
    );

    app.delete(
      '/api/contacts/:id/snooze',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['queue'],
          summary: 'Bring a snoozed lead back to your queue now',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.kind !== 'user') throw new AppError('forbidden', 'Only a signed-in user can snooze a lead');
        await assertContactVisible(ctx, principal, request.params.id);
        await ctx.pool.query('delete from lead_snoozes where workspace_id = $1 and user_id = $2 and contact_id = $3', [
          principal.workspaceId,
          principal.userId,
          request.params.id,
        ]);
        return reply.status(204).send(null);
      },
    );
  };
}

/** The sales workspace's queue: what each rep should work next, and managers' views of it. */
export function queueModule(ctx: AppContext): BatonModule {
  return { name: 'queue', routes: [queueRoutes(ctx)] };
}
