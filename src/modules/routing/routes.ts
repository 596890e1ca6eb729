import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { sqlClientOf } from '../../core/db/sql-client';
import { AppError } from '../../core/errors';
import { principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import {
  addTimeOff,
  getSlaGoals,
  getSlaPolicies,
  listRepAvailability,
  listRules,
  removeTimeOff,
  saveRepAvailability,
  saveRules,
  saveSlaGoals,
  saveSlaPolicies,
  simulateRouting,
} from './manage-routing';
import { listNotifications, markNotificationsRead, type NotificationHub } from './notification-hub';
import { lockRouting } from './route-handoffs';
import { handoffKinds } from './schema';
import { assignmentHistory, slaBoard } from './sla-board';
import { reassign } from './sla-clocks';
import { isTimeZone } from './working-time';

const managers = ['admin', 'sales_manager'] as const;
/** A date PostgreSQL can store and a person means: 1970 to 9999. */
const plausibleDate = z.coerce
  .date()
  .min(new Date('1970-01-01T00:00:00Z'), 'from 1970 on')
  .max(new Date('9999-12-31T00:00:00Z'), 'before the year 10000');
const everyone = 'any' as const;

const routingFields = [
  'title',
  'seniority',
  'department',
  'country',
  'region',
  'industry',
  'employees',
  'persona',
  'grade',
  'score',
  'source',
  'handRaiser',
  'kind',
  'company',
  'emailDomain',
  'emailDomainType',
] as const;

const conditionSchema = z
  .object({
    field: z.union([
      z.enum(routingFields),
      z.string().regex(/^properties\.[a-z][a-z0-9_]{0,62}$/, 'a lead field or properties.<key> of a custom property'),
    ]),
    operator: z.enum(['contains_any', 'equals_any', 'gte', 'lte', 'is_set', 'is_not_set']),
    values: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .superRefine((condition, issues) => {
    if (['contains_any', 'equals_any'].includes(condition.operator) && condition.values.length === 0) {
      issues.addIssue({ code: 'custom', path: ['values'], message: 'at least one value' });
    }
    if (['gte', 'lte'].includes(condition.operator) && !/^-?\d+(\.\d+)?$/.test(condition.values[0] ?? '')) {
      issues.addIssue({ code: 'custom', path: ['values'], message: 'a number to compare with' });
    }
  });

const targetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.uuid() }),
  z.object({ type: z.literal('team'), teamId: z.uuid() }),
  z.object({ type: z.literal('account_owner') }),
]);

const ruleIn = z.object({
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  conditions: z.array(conditionSchema).max(20).default([]),
  target: targetSchema,
  workingHoursOnly: z.boolean().default(false),
});
const ruleOut = ruleIn.extend({ id: z.string() }).meta({ id: 'RoutingRule' });

const minute = z.number().int().min(0).max(1440);
const hoursSchema = z
  .array(z.tuple([minute, minute]).nullable())
  .length(7)
  .superRefine((days, issues) => {
    days.forEach((day, index) => {
      if (day && day[1] <= day[0])
        issues.addIssue({ code: 'custom', path: [index], message: 'the day must end after it starts' });
    });
  });

const stepSchema = z.object({
  percent: z.number().int().min(1).max(1000),
  action: z.enum(['remind', 'alert_manager', 'reassign']),
});
const policySchema = z.object({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  businessHours: z.boolean(),
  steps: z
    .array(stepSchema)
    .max(10)
    .refine((steps) => steps.every((step, index) => index === 0 || step.percent > steps[index - 1]!.percent), {
      message: 'steps must be in increasing order of percent',
    }),
});

export function routingRoutes(ctx: AppContext, hub: NotificationHub): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('preClose', async () => hub.close());

    app.get(
      '/api/routing/rules',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'The routing rules, in order',
          response: { 200: z.object({ items: z.array(ruleOut) }) },
        },
      },
      async (request) => ({ items: await listRules(ctx, principalOf(request).workspaceId) }),
    );

    app.put(
      '/api/routing/rules',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Replace the routing rules (the first rule that matches and finds an available rep wins)',
          body: z.object({ rules: z.array(ruleIn).max(100) }),
          response: { 200: z.object({ items: z.array(ruleOut) }) },
        },
      },
      async (request) => ({ items: await saveRules(ctx, principalOf(request).workspaceId, request.body.rules) }),
    );

    app.post(
      '/api/routing/simulate',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Test a lead against the rules: who would get it now, and why (nothing is written)',
          body: z.object({ contactId: z.uuid(), kind: z.enum(handoffKinds).default('mql') }),
        },
      },
      async (request) => simulateRouting(ctx, { workspaceId: principalOf(request).workspaceId, ...request.body }),
    );

    app.get(
      '/api/routing/reps',
      {
        config: { access: { roles: managers } },
        schema: { tags: ['routing'], summary: 'Reps with working hours, time zone, cap, pause and time off' },
      },
      async (request) => ({ items: await listRepAvailability(ctx, principalOf(request).workspaceId) }),
    );

    app.put(
      '/api/routing/reps/:userId',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Set a rep’s working hours, time zone, cap of untouched leads, and pause',
          params: z.object({ userId: z.uuid() }),
          body: z.object({
            timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin'),
            hours: hoursSchema,
            maxOpenUntouched: z.number().int().min(1).max(10_000).nullable().default(null),
            paused: z.boolean().default(false),
            pausedReason: z.string().trim().max(200).nullable().default(null),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await saveRepAvailability(ctx, {
          workspaceId: principalOf(request).workspaceId,
          userId: request.params.userId,
          ...request.body,
        });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/routing/reps/:userId/time-off',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Add an out-of-office period',
          params: z.object({ userId: z.uuid() }),
          body: z.object({
            startsAt: plausibleDate,
            endsAt: plausibleDate,
            note: z.string().trim().max(200).nullable().default(null),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send({
          id: await addTimeOff(ctx, {
            workspaceId: principalOf(request).workspaceId,
            userId: request.params.userId,
            ...request.body,
          }),
        }),
    );

    app.delete(
      '/api/routing/time-off/:id',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Remove an out-of-office period',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeTimeOff(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/sla/policies',
      { config: { access: { roles: everyone } }, schema: { tags: ['sla'], summary: 'SLA policies per kind of lead' } },
      async (request) => getSlaPolicies(ctx, principalOf(request).workspaceId),
    );

    app.put(
      '/api/sla/policies',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['sla'],
          summary: 'Set the SLA policies (minutes to first touch, business hours or wall clock, escalation ladder)',
          body: z.object({ hand_raiser: policySchema, mql: policySchema }),
        },
      },
      async (request) => saveSlaPolicies(ctx, principalOf(request).workspaceId, request.body),
    );

    app.get(
      '/api/sla/goals',
      { config: { access: { roles: everyone } }, schema: { tags: ['sla'], summary: 'Marketing’s side of the SLA' } },
      async (request) => getSlaGoals(ctx, principalOf(request).workspaceId),
    );

    app.put(
      '/api/sla/goals',
      {
        config: { access: { roles: ['admin', 'sales_manager', 'marketing'] } },
        schema: {
          tags: ['sla'],
          summary: 'Set the monthly MQL goal and the acceptance rate marketing commits to',
          body: z.object({
            monthlyMqls: z.number().int().min(0).max(10_000_000),
            acceptanceRatePercent: z.number().int().min(0).max(100),
          }),
        },
      },
      async (request) => saveSlaGoals(ctx, principalOf(request).workspaceId, request.body),
    );

    app.get(
      '/api/sla/board',
      {
        config: { access: { roles: ['admin', 'sales_manager', 'marketing'] } },
        schema: {
          tags: ['sla'],
          summary:
            'Open SLA clocks, breaches, the fallback queue, response times per rep, system delay, marketing’s side',
          querystring: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
        },
      },
      async (request) => slaBoard(ctx, principalOf(request).workspaceId, request.query.days),
    );

    app.get(
      '/api/contacts/:id/assignments',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['routing'],
          summary: 'A lead’s assignments, newest first',
          params: z.object({ id: z.uuid() }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return { items: await assignmentHistory(ctx, principal.workspaceId, request.params.id) };
      },
    );

    app.post(
      '/api/contacts/reassign',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['routing'],
          summary: 'Reassign leads to a rep, or route them again by the rules (userId null)',
          body: z.object({ contactIds: z.array(z.uuid()).min(1).max(500), userId: z.uuid().nullable().default(null) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const actorId = principal.kind === 'user' ? principal.userId : null;
        const results = [];
        for (const contactId of request.body.contactIds) {
          results.push(
            await ctx.db.transaction(async (tx) => {
              const db = sqlClientOf(tx);
              // The routing lock before the contact's row: the order routing and the SLA sweep use.
              await lockRouting(db, principal.workspaceId);
              const { rows } = await db.query<{ owner_id: string | null }>(
                'select owner_id from contacts where workspace_id = $1 and id = $2 and merged_into_id is null for update',
                [principal.workspaceId, contactId],
              );
              if (!rows[0]) throw new AppError('not_found', `Contact ${contactId} not found`);
              return {
                contactId,
                ...(await reassign(db, {
                  workspaceId: principal.workspaceId,
                  contactId,
                  fromUserId: rows[0].owner_id,
                  toUserId: request.body.userId,
                  kind: 'manual',
                  actorId,
                  why: 'Reassigned by a manager',
                  at: ctx.clock.now(),
                  email: ctx.config.smtpUrl !== undefined,
                })),
              };
            }),
          );
        }
        return { items: results };
      },
    );

    app.get(
      '/api/notifications',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['notifications'],
          summary: 'My latest notifications',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (principal.kind !== 'user') return { items: [] };
        return { items: await listNotifications(ctx, principal.workspaceId, principal.userId, request.query.limit) };
      },
    );

    app.post(
      '/api/notifications/read',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['notifications'],
          summary: 'Mark notifications read (all when no ids are given)',
          body: z.object({ ids: z.array(z.uuid()).max(500).optional() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.kind === 'user') {
          await markNotificationsRead(ctx, principal.workspaceId, principal.userId, request.body.ids ?? 'all');
        }
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/notifications/stream',
      {
        config: { access: { roles: everyone } },
        schema: { tags: ['notifications'], summary: 'Live notifications as server-sent events (signed-in users)' },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.kind !== 'user') throw new AppError('forbidden', 'The live stream is for signed-in users');
        reply.hijack();
        const response = reply.raw;
        response.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        response.write('retry: 3000\n\n');
        try {
          await hub.subscribe({ workspaceId: principal.workspaceId, userId: principal.userId, response });
        } catch (error) {
          // The stream is already open (hijacked): end it; the browser retries in 3 s.
          request.log.warn({ error }, 'live notifications stream failed to start');
          response.end();
        }
      },
    );
  };
}
