import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation } from '../../core/errors';
import { newId, randomToken } from '../../core/ids';
import { recordAudit } from '../audit';
import { hashPassword } from './password';
import type { Principal } from './principal';
import { type UserRole, users } from './schema';
import { type UserView, userViewColumns } from './user-view';

/** Creates a user; without a password one is generated and returned (shown once). */
export async function createUser(
  ctx: AppContext,
  input: {
    workspaceId: string;
    email: string;
    name?: string;
    role: UserRole;
    password?: string;
    createdBy?: Principal;
  },
): Promise<{ user: UserView; password: string }> {
  const email = input.email.trim().toLowerCase();
  const password = input.password ?? generatePassword();
  const name = input.name?.trim() || nameFromEmail(email);
  try {
    const [user] = await ctx.db
      .insert(users)
      .values({
        workspaceId: input.workspaceId,
        id: newId(),
        email,
        name,
        role: input.role,
        passwordHash: await hashPassword(password),
        createdAt: ctx.clock.now(),
      })
      .returning(userViewColumns);
    await recordAudit(ctx, {
      workspaceId: input.workspaceId,
      actor: input.createdBy,
      action: 'user.created',
      targetType: 'user',
      targetId: user!.id,
      details: { email, role: input.role },
    });
    return { user: user!, password };
  } catch (error) {
    if (isUniqueViolation(error, 'users_workspace_email_key')) {
      throw new AppError('conflict', `A user with email ${email} already exists`, {
        details: [{ path: 'email', message: 'already taken' }],
      });
    }
    throw error;
  }
}

/** 20 base62 characters: ~119 bits, easy to paste. */
export function generatePassword(): string {
  return randomToken(20);
}

function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join(' ');
}
