import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace, signIn, TEST_PASSWORD } from '../../../test/helpers/factories';
import { startTestApp, useTestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';

describe('signing in', () => {
  const testApp = useTestApp();

  it('answers a wrong password with 401 and no session cookie', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: 'not the password' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: 'Email or password is incorrect' } });
    expect(response.cookies.find((cookie) => cookie.name === 'baton_session')).toBeUndefined();
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const { app } = testApp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.test', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('Email or password is incorrect');
  });

  it('sets an httpOnly, SameSite=Lax session cookie that identifies the user', async () => {
    const { ctx, app } = testApp();
    const { admin, workspace } = await createTestWorkspace(ctx, app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'baton_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: `baton_session=${cookie?.value}` } });
    expect(me.json()).toMatchObject({ principal: 'user', role: 'admin', workspace: { id: workspace.id } });
  });

  it('ends the session on logout', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie } });
    expect(logout.statusCode).toBe(204);
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('refuses a disabled user and ends their sessions', async () => {
    const { ctx, app } = testApp();
    const { admin, workspace } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: { cookie: admin.cookie },
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: rep.cookie } })).statusCode).toBe(401);
    await expect(signIn(app, rep.email)).rejects.toThrow(/401/);
  });

  it('changes a password, keeping this session and ending the others', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const otherSession = await signIn(app, rep.email);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: rep.cookie },
      payload: { currentPassword: 'nope', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.currentPassword');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: rep.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: rep.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: otherSession } })).statusCode).toBe(401);
    await expect(signIn(app, rep.email, 'a brand new passphrase')).resolves.toMatch(/^baton_session=/);
  });

  it('never leaves a workspace without an active admin', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const demote = await app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.id}`,
      headers: { cookie: admin.cookie },
      payload: { role: 'marketing' },
    });
    expect(demote.statusCode).toBe(409);
  });
});

describe('session expiry', () => {
  it('ends a session after the idle timeout and never later than the maximum age', async () => {
    const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
    const testApp = await startTestApp({ clock, env: { BATON_SESSION_IDLE_HOURS: '2', BATON_SESSION_MAX_HOURS: '5' } });
    try {
      const { ctx, app } = testApp;
      const { admin } = await createTestWorkspace(ctx, app);
      const me = () => app.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie } });
      clock.advance(90 * 60_000); // 1.5 h idle: still signed in, and the idle window slides
      expect((await me()).statusCode).toBe(200);
      clock.advance(90 * 60_000); // 3 h after login, 1.5 h after last use
      expect((await me()).statusCode).toBe(200);
      clock.advance(90 * 60_000); // 4.5 h
      expect((await me()).statusCode).toBe(200);
      clock.advance(45 * 60_000); // 5.25 h: past the maximum age despite recent use
      expect((await me()).statusCode).toBe(401);

      const second = await signIn(app, admin.email);
      clock.advance(2 * 3_600_000 + 1000); // idle for longer than 2 h
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    } finally {
      await testApp.close();
    }
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after ten wrong passwords for one email', async () => {
    const testApp = await startTestApp();
    try {
      const { ctx, app } = testApp;
      const { admin } = await createTestWorkspace(ctx, app);
      const attempt = (password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: admin.email, password } });
      for (let i = 0; i < 10; i += 1) expect((await attempt('wrong password')).statusCode).toBe(401);
      const limited = await attempt(TEST_PASSWORD);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await testApp.close();
    }
  });
});
