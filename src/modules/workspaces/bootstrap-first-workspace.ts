import type { AppContext } from '../../core/context';
import { createUser } from '../auth';
import { createWorkspace, type WorkspaceView } from './create-workspace';
import { countWorkspaces } from './get-workspace';

export type FirstLogin = { workspace: WorkspaceView; email: string; password: string; generated: boolean };

/**
 * On the very first start there is nobody to sign in as: create a workspace and its admin, and
 * return the login so it can be printed once. Returns undefined when a workspace already exists.
 */
export async function bootstrapFirstWorkspace(ctx: AppContext): Promise<FirstLogin | undefined> {
  const client = await ctx.pool.connect();
  try {
    // Two processes starting together must not both create a first workspace.
    await client.query('select pg_advisory_lock(7311003)');
    if ((await countWorkspaces(ctx)) > 0) return undefined;
    const workspace = await createWorkspace(ctx, { name: 'My company' });
    const { password } = await createUser(ctx, {
      workspaceId: workspace.id,
      email: ctx.config.firstAdminEmail,
      name: 'Admin',
      role: 'admin',
      password: ctx.config.firstAdminPassword,
    });
    return { workspace, email: ctx.config.firstAdminEmail, password, generated: !ctx.config.firstAdminPassword };
  } finally {
    await client.query('select pg_advisory_unlock(7311003)').catch(() => undefined);
    client.release();
  }
}
