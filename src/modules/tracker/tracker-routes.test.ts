import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTracker } from './build-tracker';
import { trackerRoutes } from './tracker-routes';

describe('GET /t.js', () => {
  const app = Fastify();
  app.register(trackerRoutes());
  afterAll(() => app.close());

  it('serves the tracker as JavaScript any site may load, cached for five minutes, with an ETag', async () => {
    const response = await app.inject({ method: 'GET', url: '/t.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      vary: 'accept-encoding',
      etag: expect.stringMatching(/^W\/"[\w-]{22}"$/),
    });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(await buildTracker());
  });

  it('answers 304 without a body when the ETag still matches', async () => {
    const { headers } = await app.inject({ method: 'GET', url: '/t.js' });
    const etag = String(headers.etag);
    for (const ifNoneMatch of [etag, etag.replace('W/', ''), `"stale", ${etag}`, '*']) {
      const response = await app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': ifNoneMatch } });
      expect(response.statusCode).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers).toMatchObject({ etag, 'cache-control': 'public, max-age=300' });
    }
    const changed = await app.inject({ method: 'GET', url: '/t.js', headers: { 'if-none-match': 'W/"older"' } });
    expect(changed.statusCode).toBe(200);
  });

  it('sends it gzipped to clients that accept gzip', async () => {
    const gzipped = await app.inject({ method: 'GET', url: '/t.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(await buildTracker());

    const refused = await app.inject({ method: 'GET', url: '/t.js', headers: { 'accept-encoding': 'gzip;q=0, br' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});
