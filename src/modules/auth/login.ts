import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { createRateLimiter, type RateLimiter } from '../../core/http/rate-limit';
import { recordAudit } from '../audit';
import { workspaces } from '../workspaces/schema';
import { decoyPasswordHash, verifyPassword } from './password';
import { users } from './schema';
import { createSession } from './sessions';

// Guessing passwords: 10 tries per email per 15 minutes, and a per-IP budget per minute (config).
// Kept per app context, so each running app (and each test app) has its own counters.
const limiters = new WeakMap<AppContext, { perEmail: RateLimiter; perIp: RateLimiter }>();

function limitersFor(ctx: AppContext) {
  let found = limiters.get(ctx);
  if (!found) {
    found = {
      perEmail: createRateLimiter({ limit: 10, windowMs: 15 * 60_000, what: 'sign-in attempts for this email' }),
      perIp: createRateLimiter({
        limit: ctx.config.loginAttemptsPerIpMinute,
        windowMs: 60_000,
        what: 'sign-in attempts from this address',
      }),
    };
    limiters.set(ctx, found);
  }
  return found;
}

const invalidCredentials = () => new AppError('unauthenticated', 'Email or password is incorrect');

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; workspace?: string; ip: string; userAgent?: string },
) {
  const email = input.email.trim().toLowerCase();
  const { perIp, perEmail } = limitersFor(ctx);
  perIp.consume(input.ip);
  perEmail.consume(email);

  const candidates = await ctx.db
    .select({
      id: users.id,
      workspaceId: users.workspaceId,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      disabledAt: users.disabledAt,
      workspaceSlug: workspaces.slug,
    })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(
      and(
        sql`lower(${users.email}) = ${email}`,
        input.workspace ? eq(workspaces.slug, input.workspace.trim().toLowerCase()) : undefined,
      ),
    );
  if (candidates.length > 1) {
    throw new AppError('validation_failed', 'This email belongs to several workspaces; say which one', {
      details: [{ path: 'workspace', message: 'required', workspaces: candidates.map((c) => c.workspaceSlug) }],
    });
  }
  const user = candidates[0];
  // Verify against a decoy when there is no such user, so timing does not reveal which emails exist.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user?.passwordHash || !passwordOk || user.disabledAt) throw invalidCredentials();

  perEmail.reset(email);
  const session = await createSession(ctx, {
    workspaceId: user.workspaceId,
    userId: user.id,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await ctx.db
    .update(users)
    .set({ lastLoginAt: ctx.clock.now() })
    .where(and(eq(users.workspaceId, user.workspaceId), eq(users.id, user.id)));
  await recordAudit(ctx, {
    workspaceId: user.workspaceId,
    actor: {
      kind: 'user',
      workspaceId: user.workspaceId,
      userId: user.id,
      role: user.role,
      sessionId: session.sessionId,
    },
    action: 'user.signed_in',
    targetType: 'user',
    targetId: user.id,
    details: { ip: input.ip },
  });
  return { ...session, userId: user.id, workspaceId: user.workspaceId };
}
