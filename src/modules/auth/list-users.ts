import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { users } from './schema';
import { type UserView, userViewColumns } from './user-view';

export async function listUsers(ctx: AppContext, workspaceId: string): Promise<UserView[]> {
  return ctx.db.select(userViewColumns).from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.name));
}

export async function getUser(ctx: AppContext, workspaceId: string, userId: string): Promise<UserView> {
  const [user] = await ctx.db
    .select(userViewColumns)
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  if (!user) throw notFound('User');
  return user;
}

export async function getPasswordHash(ctx: AppContext, workspaceId: string, userId: string): Promise<string | null> {
  const [row] = await ctx.db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.id, userId)));
  return row?.passwordHash ?? null;
}
