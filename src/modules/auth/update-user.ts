import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import { hashPassword } from './password';
import type { Principal } from './principal';
import { type UserRole, users } from './schema';
import { deleteUserSessions } from './sessions';
import { type UserView, userViewColumns } from './user-view';

export async function updateUser(
  ctx: AppContext,
  input: {
    workspaceId: string;
    userId: string;
    changes: { name?: string; role?: UserRole; disabled?: boolean };
    updatedBy?: Principal;
  },
): Promise<UserView> {
  const { changes } = input;
  const demotesOrDisables = (changes.role && changes.role !== 'admin') || changes.disabled === true;
  const user = await ctx.db.transaction(async (tx) => {
    if (demotesOrDisables) {
      // Never leave a workspace without an active admin: lock the admins, then count the others.
      const [{ others } = { others: 0 }] = await tx
        .execute<{ others: number }>(sql`
        select count(*)::int as others from (
          select 1 from ${users}
          where ${users.workspaceId} = ${input.workspaceId} and ${users.role} = 'admin'
            and ${users.disabledAt} is null and ${users.id} <> ${input.userId}
          for update
        ) admins`)
        .then((result) => result.rows);
      const [target] = await tx
        .select({ role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(and(eq(users.workspaceId, input.workspaceId), eq(users.id, input.userId)));
      if (target?.role === 'admin' && !target.disabledAt && others === 0) {
        throw new AppError('conflict', 'The workspace needs at least one active admin');
      }
    }
    const [updated] = await tx
      .update(users)
      .set({
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? ctx.clock.now() : null } : {}),
      })
      .where(and(eq(users.workspaceId, input.workspaceId), eq(users.id, input.userId)))
      .returning(userViewColumns);
    return updated;
  });
  if (!user) throw notFound('User');
  if (changes.disabled) await deleteUserSessions(ctx, { workspaceId: input.workspaceId, userId: input.userId });
  await recordAudit(ctx, {
    workspaceId: input.workspaceId,
    actor: input.updatedBy,
    action: 'user.updated',
    targetType: 'user',
    targetId: user.id,
    details: changes,
  });
  return user;
}

/** Sets a new password and signs the user out everywhere else. */
export async function setUserPassword(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; password: string; keepSessionId?: string; changedBy?: Principal },
): Promise<void> {
  const result = await ctx.db
    .update(users)
    .set({ passwordHash: await hashPassword(input.password) })
    .where(and(eq(users.workspaceId, input.workspaceId), eq(users.id, input.userId)));
  if (!result.rowCount) throw notFound('User');
  await deleteUserSessions(ctx, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    exceptSessionId: input.keepSessionId,
  });
  await recordAudit(ctx, {
    workspaceId: input.workspaceId,
    actor: input.changedBy,
    action: 'user.password_changed',
    targetType: 'user',
    targetId: input.userId,
  });
}
