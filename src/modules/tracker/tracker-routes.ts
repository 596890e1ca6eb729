import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { buildTracker } from './build-tracker';

type ServedScript = { source: string; gzipped: Buffer; etag: string };

/**
 * GET /t.js: the website tracker, for any site to load (CORS open). Cached five minutes by
 * browsers and CDNs, then revalidated with its ETag; gzipped for clients that accept it.
 */
export function trackerRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    let served: Promise<ServedScript> | undefined;
    const script = () => {
      served ??= buildTracker()
        .then(prepare)
        .catch((error: unknown) => {
          served = undefined;
          throw error;
        });
      return served;
    };

    app.get('/t.js', { schema: { hide: true } }, async (request, reply) => {
      const { source, gzipped, etag } = await script();
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .header('vary', 'accept-encoding')
        .header('etag', etag);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();
      reply.type('application/javascript; charset=utf-8');
      if (acceptsGzip(request.headers['accept-encoding']))
        return reply.header('content-encoding', 'gzip').send(gzipped);
      return reply.send(source);
    });
  };
}

function prepare(source: string): ServedScript {
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 22);
  // Weak: the plain and the gzipped bytes are the same script, so they share one validator.
  return { source, gzipped: gzipSync(source, { level: 9 }), etag: `W/"${hash}"` };
}

/** If-None-Match compares weakly: `W/"x"` and `"x"` match, and `*` matches anything. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function acceptsGzip(header: string | undefined): boolean {
  const gzip = header
    ?.split(',')
    .map((part) => part.trim().toLowerCase())
    .find((part) => part === 'gzip' || part.startsWith('gzip;'));
  return gzip !== undefined && !/;\s*q=0(\.0*)?$/.test(gzip);
}
