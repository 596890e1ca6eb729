import { count, eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { WorkspaceView } from './create-workspace';
import { workspaces } from './schema';

export async function getWorkspace(ctx: AppContext, workspaceId: string): Promise<WorkspaceView> {
  const [workspace] = await ctx.db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!workspace) throw notFound('Workspace');
  return workspace;
}

export async function renameWorkspace(ctx: AppContext, workspaceId: string, name: string): Promise<WorkspaceView> {
  const [workspace] = await ctx.db
    .update(workspaces)
    .set({ name: name.trim() })
    .where(eq(workspaces.id, workspaceId))
    .returning({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug });
  if (!workspace) throw notFound('Workspace');
  return workspace;
}

export async function countWorkspaces(ctx: AppContext): Promise<number> {
  const [row] = await ctx.db.select({ value: count() }).from(workspaces);
  return row?.value ?? 0;
}
