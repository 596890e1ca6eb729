import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { allWebhookEvents, webhookEventTypeNames, webhookEventTypes } from './event-types';
import {
  createEndpoint,
  deleteEndpoint,
  enableEndpoint,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './manage-endpoints';
import { webhookDeliveryStatuses, webhookFormats } from './schema';
import { listAttempts, listDeliveries, replayDelivery, sendTestEvent } from './webhook-deliveries';

const admins = { access: { roles: ['admin'] as const } };
const idParams = z.object({ id: z.uuid() });

const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    format: z.enum(webhookFormats),
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    consecutiveFailures: z.number(),
    previousSecretExpiresAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    lastDelivery: z.object({ status: z.string(), at: z.date(), lastStatus: z.number().nullable() }).nullable(),
  })
  .meta({ id: 'WebhookEndpoint' });

const deliverySchema = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(webhookDeliveryStatuses),
    attempts: z.number(),
    nextAttemptAt: z.date().nullable(),
    lastAttemptAt: z.date().nullable(),
    lastStatus: z.number().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'WebhookDelivery' });

const attemptSchema = z
  .object({
    id: z.string(),
    attempt: z.number(),
    at: z.date(),
    durationMs: z.number(),
    responseStatus: z.number().nullable(),
    error: z.string().nullable(),
    responseBody: z.string().nullable(),
  })
  .meta({ id: 'WebhookAttempt' });

const endpointFields = {
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .max(2000)
    .describe('Where Baton POSTs events'),
  description: z.string().trim().max(500),
  eventTypes: z
    .array(z.enum([allWebhookEvents, ...webhookEventTypeNames], { error: 'not a Baton event type' }))
    .max(50)
    .describe('Event types to send; `*` for all'),
  format: z.enum(webhookFormats).describe('`baton` (the event as JSON) or `slack` (`{ text }`)'),
};

const withSecret = z.object({
  endpoint: endpointSchema,
  secret: z.string().describe('The signing secret: shown this once'),
});

export function webhookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/webhook-event-types',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'The event types an endpoint can subscribe to',
          response: { 200: z.object({ items: z.array(z.object({ type: z.string(), description: z.string() })) }) },
        },
      },
      async () => ({
        items: Object.entries(webhookEventTypes).map(([type, description]) => ({ type, description })),
      }),
    );

    app.get(
      '/api/webhooks',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Webhook endpoints, with their last delivery',
          response: { 200: z.object({ items: z.array(endpointSchema) }) },
        },
      },
      async (request) => ({ items: await listEndpoints(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/webhooks',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Add an endpoint. The response holds its signing secret: the only time it is shown',
          body: z.object({
            url: endpointFields.url,
            description: endpointFields.description.default(''),
            eventTypes: endpointFields.eventTypes,
            format: endpointFields.format.default('baton'),
          }),
          response: { 201: withSecret },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const created = await createEndpoint(ctx, {
          ...request.body,
          workspaceId: principal.workspaceId,
          actor: principal,
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/webhooks/:id',
      {
        config: admins,
        schema: { tags: ['webhooks'], summary: 'One endpoint', params: idParams, response: { 200: endpointSchema } },
      },
      async (request) => getEndpoint(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.patch(
      '/api/webhooks/:id',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Change an endpoint (`enabled: true` also clears its failure count)',
          params: idParams,
          body: z.object({
            url: endpointFields.url.optional(),
            description: endpointFields.description.optional(),
            eventTypes: endpointFields.eventTypes.optional(),
            format: endpointFields.format.optional(),
            enabled: z.boolean().optional(),
          }),
          response: { 200: endpointSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return updateEndpoint(ctx, {
          ...request.body,
          workspaceId: principal.workspaceId,
          id: request.params.id,
          actor: principal,
        });
      },
    );

    app.delete(
      '/api/webhooks/:id',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Delete an endpoint and its delivery log; pending deliveries stop',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        await deleteEndpoint(ctx, { workspaceId: principal.workspaceId, id: request.params.id, actor: principal });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/webhooks/:id/rotate-secret',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'New signing secret (shown once); the old one also signs for 24 hours',
          params: idParams,
          response: { 200: withSecret },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return rotateSecret(ctx, { workspaceId: principal.workspaceId, id: request.params.id, actor: principal });
      },
    );

    app.post(
      '/api/webhooks/:id/enable',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Re-enable an endpoint (after it was disabled for failing), with a fresh failure count',
          params: idParams,
          response: { 200: endpointSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return enableEndpoint(ctx, { workspaceId: principal.workspaceId, id: request.params.id, actor: principal });
      },
    );

    app.post(
      '/api/webhooks/:id/test',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Send a `webhook.test` event to this endpoint only',
          params: idParams,
          response: { 202: z.object({ eventId: z.string(), deliveryId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(202)
          .send(
            await sendTestEvent(ctx, { workspaceId: principalOf(request).workspaceId, endpointId: request.params.id }),
          ),
    );

    app.get(
      '/api/webhooks/:id/deliveries',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: "An endpoint's deliveries, newest first",
          params: idParams,
          querystring: z.object({
            status: z.enum(webhookDeliveryStatuses).optional(),
            cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: z.object({ items: z.array(deliverySchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) =>
        listDeliveries(ctx, {
          workspaceId: principalOf(request).workspaceId,
          endpointId: request.params.id,
          ...request.query,
        }),
    );

    app.get(
      '/api/webhook-deliveries/:id/attempts',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Every attempt of a delivery: when, how long, the response status or error, the body excerpt',
          params: idParams,
          response: { 200: z.object({ items: z.array(attemptSchema) }) },
        },
      },
      async (request) => ({ items: await listAttempts(ctx, principalOf(request).workspaceId, request.params.id) }),
    );

    app.post(
      '/api/webhook-deliveries/:id/replay',
      {
        config: admins,
        schema: {
          tags: ['webhooks'],
          summary: 'Send a delivery again now, even if it was delivered or gave up',
          params: idParams,
          response: { 202: deliverySchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        return reply
          .status(202)
          .send(
            await replayDelivery(ctx, { workspaceId: principal.workspaceId, id: request.params.id, actor: principal }),
          );
      },
    );
  };
}
