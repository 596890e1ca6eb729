import { and, eq, gt, lt, ne } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { hashSecret, newId, randomToken } from '../../core/ids';
import { sessions, users } from './schema';

export const SESSION_COOKIE = 'baton_session';

// Writing last_seen_at on every request would turn reads into writes; once a minute is plenty.
const TOUCH_INTERVAL_MS = 60_000;

export async function createSession(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; ip?: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const now = ctx.clock.now();
  const token = randomToken(43);
  const maxExpiresAt = new Date(now.getTime() + ctx.config.sessionMaxMs);
  const expiresAt = new Date(Math.min(now.getTime() + ctx.config.sessionIdleMs, maxExpiresAt.getTime()));
  const sessionId = newId();
  await ctx.db.insert(sessions).values({
    workspaceId: input.workspaceId,
    id: sessionId,
    userId: input.userId,
    tokenHash: hashSecret(token),
    ip: input.ip?.slice(0, 64),
    userAgent: input.userAgent?.slice(0, 512),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    maxExpiresAt,
  });
  return { token, expiresAt, sessionId };
}

export type ActiveSession = {
  sessionId: string;
  workspaceId: string;
  userId: string;
  role: (typeof users.$inferSelect)['role'];
};

/** The live session behind a cookie token, sliding its idle expiry forward; undefined if none. */
export async function findActiveSession(ctx: AppContext, token: string): Promise<ActiveSession | undefined> {
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .select({
      sessionId: sessions.id,
      workspaceId: sessions.workspaceId,
      userId: sessions.userId,
      role: users.role,
      lastSeenAt: sessions.lastSeenAt,
      maxExpiresAt: sessions.maxExpiresAt,
      disabledAt: users.disabledAt,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.workspaceId, sessions.workspaceId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tokenHash, hashSecret(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row || row.disabledAt) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(Math.min(now.getTime() + ctx.config.sessionIdleMs, row.maxExpiresAt.getTime()));
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt })
      .where(and(eq(sessions.workspaceId, row.workspaceId), eq(sessions.id, row.sessionId)));
  }
  return { sessionId: row.sessionId, workspaceId: row.workspaceId, userId: row.userId, role: row.role };
}

export async function deleteSession(ctx: AppContext, workspaceId: string, sessionId: string): Promise<void> {
  await ctx.db.delete(sessions).where(and(eq(sessions.workspaceId, workspaceId), eq(sessions.id, sessionId)));
}

/** Signs a user out everywhere, except (optionally) the session they are using. */
export async function deleteUserSessions(
  ctx: AppContext,
  input: { workspaceId: string; userId: string; exceptSessionId?: string },
): Promise<void> {
  await ctx.db
    .delete(sessions)
    .where(
      and(
        eq(sessions.workspaceId, input.workspaceId),
        eq(sessions.userId, input.userId),
        input.exceptSessionId ? ne(sessions.id, input.exceptSessionId) : undefined,
      ),
    );
}

/** Removes sessions past their expiry; returns how many. Run by the `auth.expire-sessions` job. */
export async function deleteExpiredSessions(ctx: AppContext): Promise<number> {
  const result = await ctx.db.delete(sessions).where(lt(sessions.expiresAt, ctx.clock.now()));
  return result.rowCount ?? 0;
}
