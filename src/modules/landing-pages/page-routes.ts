import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { publicBaseUrl } from '../../core/http/public-url';
import { principalOf } from '../auth';
import { messagePage } from './hosted-html';
import { deletePage, getPage, listPages, pageInputSchema, savePage, setPageStatus } from './manage-pages';
import { pageStatuses, pageTemplates } from './schema';
import { servePage } from './serve-page';
import { variantStats } from './variant-stats';

const editors = ['admin', 'marketing'] as const;
const idParams = z.object({ id: z.uuid() });

const variantSchema = z.object({
  id: z.string(),
  name: z.string(),
  weight: z.number(),
  headline: z.string(),
  subheadline: z.string(),
  body: z.string(),
});
const statsSchema = z.object({
  variantId: z.string(),
  views: z.number(),
  submissions: z.number(),
  downloads: z.number(),
  conversionRate: z.number().nullable().describe('Submissions per view'),
});
const pageSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    status: z.enum(pageStatuses),
    template: z.enum(pageTemplates),
    accentColor: z.string(),
    seoTitle: z.string(),
    seoDescription: z.string(),
    ogImageAssetId: z.string().nullable(),
    formId: z.string().nullable(),
    assetId: z.string().nullable(),
    cookieConsent: z.boolean(),
    publishedAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    variants: z.array(variantSchema),
  })
  .meta({ id: 'LandingPage' });

/** Landing pages: the API that edits them, and /p/<slug> where visitors see them. */
export function pageRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/landing-pages',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['content'],
          summary: 'Landing pages, newest first',
          response: { 200: z.object({ items: z.array(pageSchema) }) },
        },
      },
      async (request) => ({ items: await listPages(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/landing-pages',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Create a landing page (a draft) with its variants',
          body: pageInputSchema,
          response: { 201: pageSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await savePage(ctx, principalOf(request).workspaceId, request.body)),
    );

    app.get(
      '/api/landing-pages/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['content'], summary: 'One landing page', params: idParams, response: { 200: pageSchema } },
      },
      async (request) => getPage(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.put(
      '/api/landing-pages/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Replace a landing page and its variants (variants keep their ids when given)',
          params: idParams,
          body: pageInputSchema,
          response: { 200: pageSchema },
        },
      },
      async (request) => savePage(ctx, principalOf(request).workspaceId, request.body, request.params.id),
    );

    for (const [action, status] of [
      ['publish', 'published'],
      ['unpublish', 'draft'],
    ] as const) {
      app.post(
        `/api/landing-pages/:id/${action}`,
        {
          config: { access: { roles: editors } },
          schema: {
            tags: ['content'],
            summary:
              action === 'publish' ? 'Publish: the page answers at /p/<slug>' : 'Back to draft: /p/<slug> answers 404',
            params: idParams,
            response: { 200: pageSchema },
          },
        },
        async (request) => setPageStatus(ctx, principalOf(request).workspaceId, request.params.id, status),
      );
    }

    app.delete(
      '/api/landing-pages/:id',
      {
        config: { access: { roles: editors } },
        schema: { tags: ['content'], summary: 'Delete a landing page', params: idParams },
      },
      async (request, reply) => {
        await deletePage(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/landing-pages/:id/stats',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['content'],
          summary: 'Views, submissions, downloads and conversion rate (submissions / views) per variant',
          params: idParams,
          querystring: z.object({ from: z.coerce.date().optional(), to: z.coerce.date().optional() }),
          response: { 200: z.object({ items: z.array(statsSchema) }) },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await getPage(ctx, workspaceId, request.params.id);
        return { items: await variantStats(ctx, workspaceId, request.params.id, request.query) };
      },
    );

    app.get(
      '/p/:slug',
      {
        schema: {
          hide: true,
          params: z.object({ slug: z.string().max(200) }),
          querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        },
      },
      async (request, reply) => {
        const query = Object.fromEntries(
          Object.entries(request.query).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
        );
        const baseUrl = publicBaseUrl(ctx.config, request);
        const result = await servePage(ctx, {
          slug: request.params.slug.toLowerCase(),
          baseUrl,
          query,
          cookies: request.cookies,
          referrer: request.headers.referer,
          userAgent: request.headers['user-agent'],
        });
        if (result.status === 404) {
          return reply
            .status(404)
            .type('text/html; charset=utf-8')
            .send(messagePage({ title: 'Page not found', message: 'There is no page at this address.', status: 404 }));
        }
        for (const cookie of result.cookies) {
          reply.setCookie(cookie.name, cookie.value, {
            path: cookie.path,
            maxAge: cookie.maxAgeSeconds,
            sameSite: 'lax',
            httpOnly: cookie.httpOnly,
            secure: ctx.config.secureCookies,
          });
        }
        return reply
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'strict-origin-when-cross-origin')
          .type('text/html; charset=utf-8')
          .send(result.html);
      },
    );
  };
}
