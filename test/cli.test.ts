import { describe, expect, it } from 'vitest';
import { createTestWorkspace, signIn } from './helpers/factories';
import { runCli } from './helpers/run-cli';
import { useTestApp } from './helpers/test-app';

describe('the baton command line', () => {
  const testApp = useTestApp();
  const env = () => ({ DATABASE_URL: testApp().databaseUrl });

  it('creates a user and prints only the password, which then signs in', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const email = `cli-${Date.now()}@example.test`;
    const result = await runCli(
      ['user', 'create', '--email', email, '--role', 'sales_rep', '--workspace', workspace.slug],
      env(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[0-9A-Za-z]{20}\n$/);
    await expect(signIn(app, email, result.stdout.trim())).resolves.toMatch(/^baton_session=/);
  });

  it('creates API keys and prints only the key', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const write = await runCli(['apikey', 'create', '--kind', 'write', '--workspace', workspace.slug], env());
    expect(write.code).toBe(0);
    expect(write.stdout).toMatch(/^wk_[0-9A-Za-z]{40}\n$/);
    const secret = await runCli(
      ['apikey', 'create', '--kind', 'secret', '--role', 'marketing', '--workspace', workspace.slug],
      env(),
    );
    expect(secret.stdout).toMatch(/^sk_[0-9A-Za-z]{40}\n$/);
    const me = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${secret.stdout.trim()}` } });
    expect(me.json()).toMatchObject({ principal: 'secret_key', role: 'marketing', workspace: { id: workspace.id } });
  });

  it('explains usage mistakes on stderr with exit code 2', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const cases = [
      [['apikey', 'create', '--kind', 'secret', '--workspace', workspace.slug], /needs --role/],
      [['user', 'create', '--email', 'a@example.test', '--role', 'overlord'], /--role must be one of/],
      [['user', 'create', '--role', 'admin'], /--email is required/],
      [['frobnicate'], /Unknown command/],
      [['user', 'create', '--email', 'a@example.test', '--role', 'admin', '--workspace', 'nope'], /No workspace/],
    ] as const;
    for (const [args, message] of cases) {
      const result = await runCli([...args], env());
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
    }
  });

  it('refuses a bad environment variable at start, naming it', async () => {
    const result = await runCli(['migrate'], { ...env(), PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT/);
  });

  it('lists every setting it reads', async () => {
    const result = await runCli(['config'], {});
    for (const name of ['PORT', 'DATABASE_URL', 'BATON_DATA_DIR', 'BATON_LOG_LEVEL'])
      expect(result.stdout).toContain(name);
  });
});
