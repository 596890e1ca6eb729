import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { cacheControlWithAddress, publicBaseUrl } from '../../core/http/public-url';
import { createRateLimiter } from '../../core/http/rate-limit';
import { principalOf } from '../auth';
import { ctaInputSchema, deleteCta, getCta, listCtas, publicCta, saveCta } from './manage-ctas';
import { recordCtaEvent } from './record-cta-event';
import { ctaStyles } from './schema';

const editors = ['admin', 'marketing'] as const;
const idParams = z.object({ id: z.uuid() });

const ctaSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    text: z.string(),
    style: z.enum(ctaStyles),
    backgroundColor: z.string(),
    textColor: z.string(),
    targetPageId: z.string().nullable(),
    targetUrl: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Cta' });

const short = (max: number) => z.string().max(max).optional();
/** Sent by /t.js as text/plain (a beacon, no CORS preflight) or as JSON. */
const eventSchema = z.object({
  step: z.enum(['view', 'click']),
  anonymousId: short(200),
  url: short(2000),
  referrer: short(2000),
  utm: z.object({ source: short(200), medium: short(200), campaign: short(200) }).optional(),
});

function parseEventBody(body: unknown) {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      throw new AppError('bad_request', 'The body is not JSON');
    }
  }
  const parsed = eventSchema.safeParse(value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      path: `body.${issue.path.join('.')}`,
      message: issue.message,
    }));
    throw new AppError('validation_failed', details.map((d) => `${d.path.slice(5)}: ${d.message}`).join('; '), {
      details,
    });
  }
  return parsed.data;
}

/** CTAs: the API that edits them, and the public endpoints /t.js draws and counts them with. */
export function ctaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // A page sends a view and perhaps a click per CTA: 120 a minute per address leaves room for busy
  // offices behind one address and stops a script from inflating the funnel.
  const eventsPerIp = createRateLimiter({ limit: 120, windowMs: 60_000, what: 'CTA events from this address' });
  return async (app) => {
    app.get(
      '/api/ctas',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['content'],
          summary: 'CTAs, newest first',
          response: { 200: z.object({ items: z.array(ctaSchema) }) },
        },
      },
      async (request) => ({ items: await listCtas(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/ctas',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Create a CTA: a button or link to a landing page or a URL',
          body: ctaInputSchema,
          response: { 201: ctaSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await saveCta(ctx, principalOf(request).workspaceId, request.body)),
    );

    app.get(
      '/api/ctas/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['content'], summary: 'One CTA', params: idParams, response: { 200: ctaSchema } },
      },
      async (request) => getCta(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.put(
      '/api/ctas/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Replace a CTA',
          params: idParams,
          body: ctaInputSchema,
          response: { 200: ctaSchema },
        },
      },
      async (request) => saveCta(ctx, principalOf(request).workspaceId, request.body, request.params.id),
    );

    app.delete(
      '/api/ctas/:id',
      {
        config: { access: { roles: editors } },
        schema: { tags: ['content'], summary: 'Delete a CTA', params: idParams },
      },
      async (request, reply) => {
        await deleteCta(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send();
      },
    );

    // Public: any site embedding /t.js reads its CTAs from here (CORS open, cached a minute).
    app.get('/c/:id', { schema: { hide: true, params: idParams } }, async (request, reply) => {
      const baseUrl = publicBaseUrl(ctx.config, request);
      const cta = await publicCta(ctx, request.params.id, baseUrl);
      reply.header('access-control-allow-origin', '*');
      if (!cta) throw notFound('CTA');
      return reply.header('cache-control', cacheControlWithAddress(ctx.config, 60)).send(cta);
    });

    app.options('/c/:id/events', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type')
        .status(204)
        .send(),
    );

    app.post('/c/:id/events', { schema: { hide: true, params: idParams } }, async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      eventsPerIp.consume(request.ip);
      const event = parseEventBody(request.body);
      const recorded = await recordCtaEvent(ctx, {
        ctaId: request.params.id,
        step: event.step === 'view' ? 'cta_view' : 'cta_click',
        anonymousId: event.anonymousId,
        url: event.url,
        referrer: event.referrer,
        utm: event.utm,
      });
      if (!recorded) throw notFound('CTA');
      return reply.status(204).send();
    });
  };
}
