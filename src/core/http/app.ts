import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accessControl } from '../../modules/auth';
import type { BatonModule } from '../../modules/module';
import { type ReadinessCheck, systemRoutes } from '../../modules/system/routes';
import type { AppContext } from '../context';
import { newId } from '../ids';
import { histogram } from '../metrics';
import { installErrorHandler } from './error-handler';
import { serveWebApp } from './web-app';

export type BuildAppOptions = {
  modules: BatonModule[];
  /** The built web app (web/dist); skipped when absent (API-only tests). */
  webDir?: string;
  readinessChecks?: ReadinessCheck[];
};

const requestDuration = histogram(
  'baton_http_request_duration_seconds',
  'HTTP request duration by route and status',
  ['method', 'route', 'status'],
  [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
);

export type BatonApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<BatonApp> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Per-request log lines would dominate at ingest rates; slow and failed requests are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    genReqId: () => newId(),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requestDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode >= 500 || reply.elapsedTime > 1000) {
      request.log.warn(
        { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'slow or failed request',
      );
    }
  });

  // Requests already running when shutdown starts get `Connection: close`, so their keep-alive
  // sockets end with the response instead of holding the server open until the client lets go.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    if (closing && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Baton API',
        version: '1',
        description:
          'Marketing automation and lead management. Authenticate with a session cookie (sign in at /api/auth/login) or `Authorization: Bearer sk_…`. Errors are always `{ "error": { "code", "message", "details"? } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Secret API key (sk_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'baton_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(accessControl(ctx));

  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  await app.register(systemRoutes(ctx, options.readinessChecks ?? []));
  for (const module of options.modules) {
    for (const routes of module.routes ?? []) await app.register(routes);
  }
  if (options.webDir && existsSync(options.webDir)) await serveWebApp(app, options.webDir);
  return app;
}
