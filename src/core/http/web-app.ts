import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built React app. Hashed assets are cached for a year; any other GET that is not an
 * API path gets index.html so client-side routes survive a reload.
 */
export async function serveWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    setHeaders: (res, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const sendIndex = (reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));
  app.get('/assets/*', (request, reply) => reply.sendFile(`assets/${(request.params as { '*': string })['*']}`));
  app.get('/*', (request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url.startsWith('/v1/')) {
      return reply.status(404).send({ error: { code: 'not_found', message: `No route for GET ${url}` } });
    }
    const file = url.slice(1);
    if (file && path.extname(file) && !file.includes('..')) return reply.sendFile(file);
    return sendIndex(reply);
  });
}
