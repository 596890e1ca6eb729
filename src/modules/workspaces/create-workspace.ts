import { eq, like } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { newId } from '../../core/ids';
import { workspaces } from './schema';

export type WorkspaceView = { id: string; name: string; slug: string };

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'workspace';
}

export async function createWorkspace(ctx: AppContext, input: { name: string; slug?: string }): Promise<WorkspaceView> {
  const base = input.slug ?? slugify(input.name);
  const taken = new Set(
    (
      await ctx.db
        .select({ slug: workspaces.slug })
        .from(workspaces)
        .where(like(workspaces.slug, `${base}%`))
    ).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  const [workspace] = await ctx.db
    .insert(workspaces)
    .values({ id: newId(), name: input.name.trim(), slug, createdAt: ctx.clock.now() })
    .returning({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug });
  return workspace!;
}

export async function findWorkspaceBySlug(ctx: AppContext, slug: string): Promise<WorkspaceView | undefined> {
  const [workspace] = await ctx.db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug })
    .from(workspaces)
    .where(eq(workspaces.slug, slug));
  return workspace;
}
