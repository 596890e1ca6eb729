import { and, asc, eq, or } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { savedViews } from './schema';

export type SavedView = {
  id: string;
  userId: string;
  list: 'contacts' | 'companies' | 'deals';
  name: string;
  query: Record<string, unknown>;
  shared: boolean;
};

const columns = {
  id: savedViews.id,
  userId: savedViews.userId,
  list: savedViews.list,
  name: savedViews.name,
  query: savedViews.query,
  shared: savedViews.shared,
};

/** A user's own views of a list, and the ones shared with the workspace. */
export async function listSavedViews(
  ctx: AppContext,
  input: { workspaceId: string; userId: string | null; list: SavedView['list'] },
) {
  return ctx.db
    .select(columns)
    .from(savedViews)
    .where(
      and(
        eq(savedViews.workspaceId, input.workspaceId),
        eq(savedViews.list, input.list),
        input.userId
          ? or(eq(savedViews.userId, input.userId), eq(savedViews.shared, true))
          : eq(savedViews.shared, true),
      ),
    )
    .orderBy(asc(savedViews.name));
}

export async function createSavedView(
  ctx: AppContext,
  input: Omit<SavedView, 'id'> & { workspaceId: string },
): Promise<SavedView> {
  const [row] = await ctx.db
    .insert(savedViews)
    .values({ ...input, id: newId() })
    .returning(columns);
  return row!;
}

/** Only the view's owner changes or deletes it. */
export async function updateSavedView(
  ctx: AppContext,
  input: {
    workspaceId: string;
    id: string;
    userId: string;
    changes: Partial<Pick<SavedView, 'name' | 'query' | 'shared'>>;
  },
): Promise<SavedView> {
  const [existing] = await ctx.db
    .select(columns)
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, input.workspaceId), eq(savedViews.id, input.id)));
  if (!existing) throw notFound('View');
  if (existing.userId !== input.userId)
    throw new AppError('forbidden', 'Only the person who saved a view can change it');
  const [row] = await ctx.db
    .update(savedViews)
    .set(input.changes)
    .where(and(eq(savedViews.workspaceId, input.workspaceId), eq(savedViews.id, input.id)))
    .returning(columns);
  return row!;
}

export async function deleteSavedView(
  ctx: AppContext,
  input: { workspaceId: string; id: string; userId: string },
): Promise<void> {
  const [existing] = await ctx.db
    .select(columns)
    .from(savedViews)
    .where(and(eq(savedViews.workspaceId, input.workspaceId), eq(savedViews.id, input.id)));
  if (!existing) throw notFound('View');
  if (existing.userId !== input.userId)
    throw new AppError('forbidden', 'Only the person who saved a view can delete it');
  await ctx.db
    .delete(savedViews)
    .where(and(eq(savedViews.workspaceId, input.workspaceId), eq(savedViews.id, input.id)));
}
