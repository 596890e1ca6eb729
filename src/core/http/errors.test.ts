import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('bad input gets a clear 4xx, never a 5xx', () => {
  const testApp = useTestApp({ env: { BATON_BODY_LIMIT_BYTES: '65536' } });

  it('names the field that failed validation', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload: { email: 'not-an-email', role: 'overlord' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.email', 'body.role']);
    expect(error.message).toMatch(/^body\.(email|role): /);
  });

  it('rejects malformed JSON with 400', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    for (const payload of ['{"email": ', '{"a":1}}', 'nul', '\u0000']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error.code).toBe('bad_request');
    }
  });

  it('rejects an oversized body with 413', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@example.test', role: 'admin', name: 'x'.repeat(100_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('rejects an unsupported content type with 415', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a@example.test',
    });
    expect(response.statusCode).toBe(415);
  });

  it('answers unknown routes and bad ids with 404 and 400', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    expect((await app.inject({ url: '/api/nothing-here', headers: { cookie: admin.cookie } })).statusCode).toBe(404);
    const badId = await app.inject({
      method: 'PATCH',
      url: '/api/users/not-a-uuid',
      headers: { cookie: admin.cookie },
      payload: { name: 'x' },
    });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].path).toBe('params.id');
  });

  it('rejects unknown fields where a change is asked for', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/workspace',
      headers: { cookie: admin.cookie },
      payload: { name: 'Fine', plan: 'enterprise' },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('operational endpoints', () => {
  const testApp = useTestApp();

  it('serves health, readiness and Prometheus metrics', async () => {
    const { app } = testApp();
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toContain('baton_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('baton_process_resident_memory_bytes');
  });

  it('publishes an OpenAPI 3 document generated from the route schemas, and its docs page', async () => {
    const { app } = testApp();
    const document = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users', '/api/api-keys', '/api/teams', '/api/users/{id}']),
    );
    const login = document.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    const docs = await app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });
});
