import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../src/core/context';
import type { BatonApp } from '../../src/core/http/app';
import { createApiKey, createUser, type UserRole } from '../../src/modules/auth';
import { createWorkspace } from '../../src/modules/workspaces';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; email: string; role: UserRole; cookie: string };

const unique = () => randomBytes(4).toString('hex');

/** Signs in through the real login route and returns the session cookie header. */
export async function signIn(app: BatonApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === 'baton_session');
  if (!cookie) throw new Error('no session cookie');
  return `baton_session=${cookie.value}`;
}

export async function createTestUser(
  ctx: AppContext,
  app: BatonApp,
  workspaceId: string,
  role: UserRole,
  name?: string,
): Promise<TestUser> {
  const email = `${role}-${unique()}@example.test`;
  const { user } = await createUser(ctx, { workspaceId, email, role, password: TEST_PASSWORD, name });
  return { id: user.id, email, role, cookie: await signIn(app, email) };
}

/** A new workspace with a signed-in admin: every test makes its own. */
export async function createTestWorkspace(ctx: AppContext, app: BatonApp, name = `Test ${unique()}`) {
  const workspace = await createWorkspace(ctx, { name });
  const admin = await createTestUser(ctx, app, workspace.id, 'admin', 'Test Admin');
  return { workspace, admin };
}

export async function createTestKey(
  ctx: AppContext,
  workspaceId: string,
  kind: 'write' | 'secret',
  role?: UserRole,
): Promise<string> {
  return (await createApiKey(ctx, { workspaceId, kind, role })).key;
}
