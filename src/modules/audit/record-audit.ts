import type { AppContext } from '../../core/context';
import { newId } from '../../core/ids';
import type { Principal } from '../auth/principal';
import { auditEvents } from './schema';

export async function recordAudit(
  ctx: AppContext,
  input: {
    workspaceId: string;
    /** Undefined for Baton itself (first start, CLI, jobs). */
    actor: Principal | undefined;
    action: string;
    targetType?: string;
    targetId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const actor = input.actor;
  await ctx.db.insert(auditEvents).values({
    workspaceId: input.workspaceId,
    id: newId(),
    at: ctx.clock.now(),
    actorType: !actor ? 'system' : actor.kind === 'user' ? 'user' : 'api_key',
    actorId: !actor ? null : actor.kind === 'user' ? actor.userId : actor.keyId,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    details: input.details ?? {},
  });
}
