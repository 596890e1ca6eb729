import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { findActiveApiKey } from './api-keys';
import type { Access, Principal } from './principal';
import { findActiveSession, SESSION_COOKIE } from './sessions';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Credentials in the Authorization header: `Bearer <key>` or Segment's `Basic base64(<key>:)`. */
export function keyFromAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user || undefined;
  }
  return undefined;
}

export async function principalFromKey(ctx: AppContext, key: string): Promise<Principal | undefined> {
  const apiKey = await findActiveApiKey(ctx, key);
  if (!apiKey) return undefined;
  return apiKey.kind === 'write'
    ? { kind: 'write_key', workspaceId: apiKey.workspaceId, keyId: apiKey.id }
    : { kind: 'secret_key', workspaceId: apiKey.workspaceId, keyId: apiKey.id, role: apiKey.role! };
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // "null" (sandboxed frames) or garbage: never our own host
  }
}

async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<Principal | undefined> {
  const key = keyFromAuthorization(request.headers.authorization);
  if (key !== undefined) {
    const principal = await principalFromKey(ctx, key);
    if (!principal) throw new AppError('unauthenticated', 'Invalid or revoked API key');
    return principal;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const session = await findActiveSession(ctx, token);
  if (!session) return undefined;
  // Cookies ride along on cross-site requests; a state-changing call must come from our own pages.
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    const origin = request.headers.origin;
    if (origin && hostOf(origin) !== request.headers.host) {
      throw new AppError('forbidden', 'Cross-site request refused');
    }
  }
  return { kind: 'user', ...session };
}

/**
 * Authentication and role checks for every route that declares `config.access`. Every route under
 * /api and /v1 must declare it: a route without one fails at startup rather than open by mistake.
 */
export function accessControl(ctx: AppContext) {
  return fp(async (app: FastifyInstance) => {
    app.decorateRequest('principal', null);

    app.addHook('onRoute', (route) => {
      const guarded = route.url.startsWith('/api/') || route.url.startsWith('/v1/');
      if (guarded && !route.config?.access && !['HEAD', 'OPTIONS'].includes(String(route.method))) {
        throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
      }
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || 'public' in access) return;
      const principal = await authenticate(ctx, request);
      request.principal = principal ?? null;
      if ('ingest' in access) return; // ingest may also carry its key in the body; checked there
      if (!principal) throw new AppError('unauthenticated', 'Sign in or send an API key');
      if (principal.kind === 'write_key') {
        throw new AppError('forbidden', 'Write keys can only send events to the ingest API (/v1/…)');
      }
      if (access.roles !== 'any' && !access.roles.includes(principal.role)) {
        throw new AppError('forbidden', `This needs one of the roles: ${access.roles.join(', ')}`);
      }
    });
  });
}

/** The principal of a route with a roles rule (always set once the access hook let it through). */
export function principalOf(request: FastifyRequest): Principal & { kind: 'user' | 'secret_key' } {
  const principal = request.principal;
  if (!principal || principal.kind === 'write_key') throw new AppError('unauthenticated', 'Not signed in');
  return principal;
}
