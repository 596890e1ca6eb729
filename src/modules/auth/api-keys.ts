import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { hashSecret, newId, randomToken } from '../../core/ids';
import { recordAudit } from '../audit';
import type { Principal } from './principal';
import type { UserRole } from './schema';
import { type ApiKeyKind, apiKeys } from './schema';

const PREFIX_BY_KIND: Record<ApiKeyKind, string> = { secret: 'sk_', write: 'wk_' };

export type ApiKeyView = {
  id: string;
  name: string;
  kind: ApiKeyKind;
  role: UserRole | null;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const viewColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  kind: apiKeys.kind,
  role: apiKeys.role,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key and returns it in full: the only time anyone sees it. */
export async function createApiKey(
  ctx: AppContext,
  input: { workspaceId: string; kind: ApiKeyKind; role?: UserRole; name?: string; createdBy?: Principal },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  if (input.kind === 'secret' && !input.role) {
    throw new AppError('validation_failed', 'A secret key needs a role', {
      details: [{ path: 'role', message: 'required for secret keys' }],
    });
  }
  if (input.kind === 'write' && input.role) {
    throw new AppError('validation_failed', 'Write keys only ingest events and take no role', {
      details: [{ path: 'role', message: 'not allowed for write keys' }],
    });
  }
  const key = `${PREFIX_BY_KIND[input.kind]}${randomToken(40)}`;
  const [row] = await ctx.db
    .insert(apiKeys)
    .values({
      workspaceId: input.workspaceId,
      id: newId(),
      name: input.name?.trim() || (input.kind === 'write' ? 'Write key' : `Secret key (${input.role})`),
      kind: input.kind,
      role: input.kind === 'secret' ? input.role : null,
      keyHash: hashSecret(key),
      prefix: key.slice(0, 10),
      createdBy: input.createdBy?.kind === 'user' ? input.createdBy.userId : null,
      createdAt: ctx.clock.now(),
    })
    .returning(viewColumns);
  await recordAudit(ctx, {
    workspaceId: input.workspaceId,
    actor: input.createdBy,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: row!.id,
    details: { kind: row!.kind, role: row!.role, name: row!.name },
  });
  return { key, apiKey: row! };
}

export async function listApiKeys(ctx: AppContext, workspaceId: string): Promise<ApiKeyView[]> {
  return ctx.db
    .select(viewColumns)
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(
  ctx: AppContext,
  input: { workspaceId: string; id: string; revokedBy?: Principal },
): Promise<ApiKeyView> {
  const [row] = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(apiKeys.workspaceId, input.workspaceId), eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
    .returning(viewColumns);
  if (!row) {
    const [existing] = await ctx.db
      .select(viewColumns)
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, input.workspaceId), eq(apiKeys.id, input.id)));
    if (!existing) throw notFound('API key');
    return existing; // already revoked: revoking again is a no-op
  }
  apiKeyCache.clear();
  await recordAudit(ctx, {
    workspaceId: input.workspaceId,
    actor: input.revokedBy,
    action: 'api_key.revoked',
    targetType: 'api_key',
    targetId: row.id,
  });
  return row;
}

export type ActiveApiKey = { id: string; workspaceId: string; kind: ApiKeyKind; role: UserRole | null };

// Ingest authenticates every request with a write key; a short cache keeps that off the database.
// A revoked key stops working here at once and, in other processes, within CACHE_TTL_MS.
const CACHE_TTL_MS = 10_000;
const apiKeyCache = new Map<string, { key: ActiveApiKey | undefined; until: number }>();
const lastUsedWrites = new Map<string, number>();

export async function findActiveApiKey(ctx: AppContext, key: string): Promise<ActiveApiKey | undefined> {
  if (!/^(sk|wk)_[0-9A-Za-z]{40}$/.test(key)) return undefined;
  const hash = hashSecret(key);
  const now = Date.now();
  const cached = apiKeyCache.get(hash);
  if (cached && cached.until > now) return cached.key;
  const [row] = await ctx.db
    .select({ id: apiKeys.id, workspaceId: apiKeys.workspaceId, kind: apiKeys.kind, role: apiKeys.role })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (apiKeyCache.size > 10_000) apiKeyCache.clear();
  apiKeyCache.set(hash, { key: row, until: now + CACHE_TTL_MS });
  if (row && (lastUsedWrites.get(row.id) ?? 0) < now - 60_000) {
    lastUsedWrites.set(row.id, now);
    await ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: ctx.clock.now() })
      .where(and(eq(apiKeys.workspaceId, row.workspaceId), eq(apiKeys.id, row.id)));
  }
  return row;
}
