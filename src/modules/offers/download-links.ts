import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { linkSecretOf } from './content-settings';
import { readDownloadToken, signDownloadToken, type TokenCheck, verifyDownloadToken } from './download-token';

/** A day: long enough to open a thank-you page's link later that day, short enough not to travel far. */
export const DEFAULT_LINK_TTL_SECONDS = 24 * 3600;
const MAX_LINK_TTL_SECONDS = 30 * 24 * 3600;

export type DownloadLinkInput = {
  workspaceId: string;
  assetId: string;
  contactId?: string | null;
  anonymousId?: string | null;
  ttlSeconds?: number;
  /** Where the visitor came from, for the download's conversion event. */
  landingPageId?: string | null;
  variantId?: string | null;
  ctaId?: string | null;
  source?: string | null;
  campaign?: string | null;
  /** For an image shown on a page (og:image): served inline, not counted as a download. */
  inline?: boolean;
};

/**
 * A signed, expiring link to one offer, as a path (`/d/<token>`): HMAC-SHA256 with the workspace's
 * own secret over who, what and until when. Anyone holding it may download until it expires.
 */
export async function createDownloadLink(ctx: AppContext, input: DownloadLinkInput): Promise<string> {
  const ttl = input.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS;
  if (!Number.isFinite(ttl) || ttl < 1 || ttl > MAX_LINK_TTL_SECONDS) {
    throw new AppError('validation_failed', `ttlSeconds: between 1 and ${MAX_LINK_TTL_SECONDS}`, {
      details: [{ path: 'ttlSeconds', message: `between 1 and ${MAX_LINK_TTL_SECONDS}` }],
    });
  }
  const { rows } = await ctx.pool.query('select 1 from content_assets where workspace_id = $1 and id = $2', [
    input.workspaceId,
    input.assetId,
  ]);
  if (!rows[0]) throw notFound('Content offer');
  const secret = await linkSecretOf(ctx, input.workspaceId);
  if (!secret) throw notFound('Workspace');
  const token = signDownloadToken(secret, {
    workspaceId: input.workspaceId,
    assetId: input.assetId,
    contactId: input.contactId ?? undefined,
    anonymousId: input.anonymousId?.slice(0, 200) || undefined,
    landingPageId: input.landingPageId ?? undefined,
    variantId: input.variantId ?? undefined,
    ctaId: input.ctaId ?? undefined,
    source: input.source?.slice(0, 200) || undefined,
    campaign: input.campaign?.slice(0, 200) || undefined,
    inline: input.inline || undefined,
    expiresAt: Math.floor(ctx.clock.now().getTime() / 1000) + Math.ceil(ttl),
  });
  return `/d/${token}`;
}

/** The grant behind a link, or the reason it is refused: forged (403) or expired (410). */
export async function checkDownloadToken(ctx: AppContext, token: string): Promise<TokenCheck> {
  const claimed = readDownloadToken(token);
  const secret = claimed && (await linkSecretOf(ctx, claimed.workspaceId));
  if (!secret) return { ok: false, reason: 'forged' };
  return verifyDownloadToken(secret, token, ctx.clock.now());
}
