import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { cacheControlWithAddress } from '../../core/http/public-url';
import { packageRoot } from '../../core/paths';
import { principalFromKey } from '../auth';

const bundlesDir = path.join(packageRoot, 'node_modules', '@segment', 'analytics-next', 'dist', 'umd');

/** The public origin of this Baton as the browser sees it (honours X-Forwarded-* behind a proxy). */
function originOf(ctx: AppContext, request: { protocol: string; host: string }): URL {
  return new URL(ctx.config.publicUrl ?? `${request.protocol}://${request.host}`);
}

/**
 * Lets Segment's official browser library (analytics-next) run entirely from Baton: its script and
 * lazy bundles, and the project settings it fetches on load, which point its Segment.io destination
 * at Baton's ingest API.
 */
export function segmentBrowserRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/projects/:writeKey/settings',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['ingest'],
          summary: 'Project settings for analytics.js (Segment browser library) loading from Baton',
          params: z.object({ writeKey: z.string().max(100) }),
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request, reply) => {
        const principal = await principalFromKey(ctx, request.params.writeKey);
        if (!principal) throw notFound('Write key');
        const origin = originOf(ctx, request);
        reply.header('access-control-allow-origin', '*');
        reply.header('cache-control', cacheControlWithAddress(ctx.config, 60));
        return {
          integrations: {
            'Segment.io': {
              apiKey: request.params.writeKey,
              apiHost: `${origin.host}${origin.pathname.replace(/\/$/, '')}/v1`,
              protocol: origin.protocol.replace(':', ''),
              unbundledIntegrations: [],
              addBundledMetadata: true,
              maybeBundledConfigIds: {},
            },
          },
          plan: {
            track: { __default: { enabled: true, integrations: {} } },
            identify: { __default: { enabled: true } },
            group: { __default: { enabled: true } },
          },
          edgeFunction: {},
          analyticsNextEnabled: true,
          middlewareSettings: {},
          enabledMiddleware: {},
          metrics: { sampleRate: 0 },
          legacyVideoPluginsEnabled: false,
          remotePlugins: [],
        };
      },
    );

    const sendBundle = async (file: string, reply: import('fastify').FastifyReply) => {
      if (!/^[\w.-]+\.js$/.test(file)) throw notFound('File');
      const contents = await readFile(path.join(bundlesDir, file)).catch(() => undefined);
      if (!contents) throw notFound('File');
      return reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=3600')
        .send(contents);
    };

    app.get(
      '/analytics.js/v1/:writeKey/analytics.min.js',
      { schema: { hide: true, params: z.object({ writeKey: z.string().max(100) }) } },
      async (_request, reply) => sendBundle('standalone.js', reply),
    );
    app.get(
      '/analytics-next/bundles/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(200) }) } },
      async (request, reply) => sendBundle(request.params.file, reply),
    );
  };
}
