import { describe, expect, it } from 'vitest';
import { createTestKey, createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('authorization by role and key', () => {
  const testApp = useTestApp();

  it('answers 401 without credentials', async () => {
    const { app } = testApp();
    const response = await app.inject({ url: '/api/users' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('forbids a sales rep an admin-only route with 403', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    for (const request of [
      { method: 'GET' as const, url: '/api/api-keys' },
      { method: 'POST' as const, url: '/api/api-keys', payload: { kind: 'write' } },
      { method: 'POST' as const, url: '/api/users', payload: { email: 'x@example.test', role: 'admin' } },
      { method: 'GET' as const, url: '/api/audit-events' },
    ]) {
      const response = await app.inject({ ...request, headers: { cookie: rep.cookie } });
      expect(response.statusCode, request.url).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });

  it('lets a write key call nothing but ingest (403)', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const writeKey = await createTestKey(ctx, workspace.id, 'write');
    for (const url of ['/api/users', '/api/auth/me', '/api/teams', '/api/workspace']) {
      const response = await app.inject({ url, headers: { authorization: `Bearer ${writeKey}` } });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().error.message).toMatch(/ingest/);
    }
  });

  it('lets a secret key act with its role, in its own workspace only', async () => {
    const { ctx, app } = testApp();
    const first = await createTestWorkspace(ctx, app);
    const second = await createTestWorkspace(ctx, app);
    await createTestUser(ctx, app, second.workspace.id, 'sales_rep', 'Someone Else');
    const adminKey = await createTestKey(ctx, first.workspace.id, 'secret', 'admin');
    const users = await app.inject({ url: '/api/users', headers: { authorization: `Bearer ${adminKey}` } });
    expect(users.statusCode).toBe(200);
    const emails = users.json().items.map((user: { email: string }) => user.email);
    expect(emails).toEqual([first.admin.email]);

    // An id from the other workspace is simply not found.
    const foreign = await app.inject({
      method: 'PATCH',
      url: `/api/users/${second.admin.id}`,
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { name: 'Hijacked' },
    });
    expect(foreign.statusCode).toBe(404);

    const marketingKey = await createTestKey(ctx, first.workspace.id, 'secret', 'marketing');
    const forbidden = await app.inject({ url: '/api/api-keys', headers: { authorization: `Bearer ${marketingKey}` } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('accepts a key sent Segment-style as HTTP Basic user', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'secret', 'admin');
    const basic = Buffer.from(`${key}:`).toString('base64');
    const response = await app.inject({ url: '/api/workspace', headers: { authorization: `Basic ${basic}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(workspace.id);
  });

  it('refuses a garbled or unknown key with 401', async () => {
    const { app } = testApp();
    for (const authorization of ['Bearer sk_nope', `Bearer sk_${'a'.repeat(40)}`, 'Basic !!!', 'Bearer ']) {
      const response = await app.inject({ url: '/api/workspace', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
    }
  });

  it('refuses a cookie-authenticated change coming from another site', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/workspace',
      headers: { cookie: admin.cookie, origin: 'https://evil.example', host: 'baton.example' },
      payload: { name: 'Pwned' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('API keys', () => {
  const testApp = useTestApp();

  it('shows a key once, stores only its hash, and stops it at once when revoked', async () => {
    const { ctx, app } = testApp();
    const { admin, workspace } = await createTestWorkspace(ctx, app);
    const created = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: admin.cookie },
      payload: { kind: 'secret', role: 'sales_manager', name: 'CRM sync' },
    });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^sk_[0-9A-Za-z]{40}$/);
    expect(apiKey).toMatchObject({ name: 'CRM sync', kind: 'secret', role: 'sales_manager', prefix: key.slice(0, 10) });

    const stored = await ctx.pool.query('select key_hash from api_keys where workspace_id = $1 and id = $2', [
      workspace.id,
      apiKey.id,
    ]);
    expect(stored.rows[0].key_hash).not.toContain(key.slice(3));
    const listed = await app.inject({ url: '/api/api-keys', headers: { cookie: admin.cookie } });
    expect(listed.body).not.toContain(key);

    const headers = { authorization: `Bearer ${key}` };
    expect((await app.inject({ url: '/api/teams', headers })).statusCode).toBe(200);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/api-keys/${apiKey.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await app.inject({ url: '/api/teams', headers })).statusCode).toBe(401);
  });

  it('requires a role for secret keys and refuses one for write keys', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/api-keys', headers: { cookie: admin.cookie }, payload });
    const noRole = await post({ kind: 'secret' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.details[0].path).toBe('role');
    expect((await post({ kind: 'write', role: 'admin' })).statusCode).toBe(400);
    const write = await post({ kind: 'write' });
    expect(write.json().key).toMatch(/^wk_/);
  });

  it('records key creation and revocation in the audit log', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const created = await app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: admin.cookie },
      payload: { kind: 'write' },
    });
    await app.inject({
      method: 'DELETE',
      url: `/api/api-keys/${created.json().apiKey.id}`,
      headers: { cookie: admin.cookie },
    });
    const audit = await app.inject({ url: '/api/audit-events', headers: { cookie: admin.cookie } });
    const actions = audit.json().items.map((event: { action: string }) => event.action);
    expect(actions.slice(0, 2)).toEqual(['api_key.revoked', 'api_key.created']);
  });
});
