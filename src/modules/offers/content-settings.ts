import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../core/context';
import { createApiKey } from '../auth';
import { findActiveApiKey } from '../auth/api-keys';

type Settings = { linkSecret: string; writeKey: string | null };

// The secret never changes once made, so a process keeps it; the write key is re-read when revoked.
const secrets = new Map<string, string>();

async function loadSettings(ctx: AppContext, workspaceId: string): Promise<Settings | undefined> {
  const read = () =>
    ctx.pool.query<{ link_secret: string; write_key: string | null }>(
      'select link_secret, write_key from content_settings where workspace_id = $1',
      [workspaceId],
    );
  let { rows } = await read();
  if (!rows[0]) {
    // Made on first use, for workspaces that exist only (a forged link names any id): a random
    // 256-bit secret per workspace, so no key is ever shared or hard-coded.
    await ctx.pool.query(
      `insert into content_settings (workspace_id, link_secret)
       select id, $2 from workspaces where id = $1 on conflict (workspace_id) do nothing`,
      [workspaceId, randomBytes(32).toString('base64url')],
    );
    ({ rows } = await read());
  }
  const row = rows[0];
  return row && { linkSecret: row.link_secret, writeKey: row.write_key };
}

/** The secret that signs this workspace's download links (HMAC-SHA256); undefined for no such workspace. */
export async function linkSecretOf(ctx: AppContext, workspaceId: string): Promise<string | undefined> {
  const cached = secrets.get(workspaceId);
  if (cached) return cached;
  const settings = await loadSettings(ctx, workspaceId);
  if (settings) secrets.set(workspaceId, settings.linkSecret);
  return settings?.linkSecret;
}

/**
 * The write key hosted landing pages load /t.js with: a key named "Hosted landing pages", made on
 * first need and listed (and revocable) with the other API keys; a revoked one is replaced.
 */
export async function hostedWriteKeyOf(ctx: AppContext, workspaceId: string): Promise<string> {
  // Every page view needs it: kept a few seconds, as API keys are (a revoked one goes within that).
  const cached = writeKeys.get(workspaceId);
  if (cached && cached.until > Date.now()) return cached.key;
  const key = await loadHostedWriteKey(ctx, workspaceId);
  if (writeKeys.size > 10_000) writeKeys.clear();
  writeKeys.set(workspaceId, { key, until: Date.now() + 10_000 });
  return key;
}

const writeKeys = new Map<string, { key: string; until: number }>();

async function loadHostedWriteKey(ctx: AppContext, workspaceId: string): Promise<string> {
  const writeKey = (await loadSettings(ctx, workspaceId))?.writeKey ?? null;
  if (writeKey && (await findActiveApiKey(ctx, writeKey))) return writeKey;
  const created = await createApiKey(ctx, { workspaceId, kind: 'write', name: 'Hosted landing pages' });
  // Two first renders at once: the first key stored wins; the other stays unused and revocable.
  const { rows } = await ctx.pool.query<{ write_key: string }>(
    `update content_settings set write_key = $2, write_key_id = $3
      where workspace_id = $1 and write_key is not distinct from $4 returning write_key`,
    [workspaceId, created.key, created.apiKey.id, writeKey],
  );
  return rows[0]?.write_key ?? (await loadSettings(ctx, workspaceId))?.writeKey ?? created.key;
}
