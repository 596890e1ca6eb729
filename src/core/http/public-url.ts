import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config';

/**
 * Baton's own address as visitors reach it: BATON_PUBLIC_URL, else what the request names
 * (Host, or X-Forwarded-* behind a trusted proxy). No trailing slash.
 */
export function publicBaseUrl(config: Pick<Config, 'publicUrl'>, request: FastifyRequest): string {
  return (config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}

/**
 * Cache-Control for a public response that carries Baton's address. A shared cache may keep it
 * only when the address is configured: built from a request's Host header, a forged Host would
 * be served to everyone behind that cache (cache poisoning), so browsers alone may keep it then.
 */
export function cacheControlWithAddress(config: Pick<Config, 'publicUrl'>, maxAgeSeconds: number): string {
  return `${config.publicUrl ? 'public' : 'private'}, max-age=${maxAgeSeconds}`;
}
