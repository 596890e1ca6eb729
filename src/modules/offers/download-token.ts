import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** What a download link grants: one asset of one workspace, to a visitor, until `exp` (Unix seconds). */
export type DownloadGrant = {
  workspaceId: string;
  assetId: string;
  contactId?: string;
  anonymousId?: string;
  /** Where the visitor came from, carried to the download's conversion event. */
  landingPageId?: string;
  variantId?: string;
  ctaId?: string;
  source?: string;
  campaign?: string;
  /** An image shown on a page (og:image), not a download: served inline and not recorded. */
  inline?: boolean;
  expiresAt: number;
};

const payloadSchema = z.object({
  w: z.uuid(),
  a: z.uuid(),
  c: z.uuid().optional(),
  n: z.string().max(200).optional(),
  p: z.uuid().optional(),
  v: z.string().max(40).optional(),
  t: z.uuid().optional(),
  s: z.string().max(200).optional(),
  m: z.string().max(200).optional(),
  i: z.literal(1).optional(),
  e: z.number().int(),
});

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('base64url');

/** `<payload>.<signature>`, both base64url: short enough for a URL, and readable only as far as it must be. */
export function signDownloadToken(secret: string, grant: DownloadGrant): string {
  const payload = Buffer.from(
    JSON.stringify({
      w: grant.workspaceId,
      a: grant.assetId,
      c: grant.contactId,
      n: grant.anonymousId,
      p: grant.landingPageId,
      v: grant.variantId,
      t: grant.ctaId,
      s: grant.source,
      m: grant.campaign,
      i: grant.inline ? 1 : undefined,
      e: grant.expiresAt,
    }),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The grant a token claims, before its signature is checked (to find whose secret signed it). */
export function readDownloadToken(token: string): DownloadGrant | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || payload.length > 1000) return undefined;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    if (!parsed.success) return undefined;
    const { w, a, c, n, p, v, t, s, m, i, e } = parsed.data;
    return {
      workspaceId: w,
      assetId: a,
      contactId: c,
      anonymousId: n,
      landingPageId: p,
      variantId: v,
      ctaId: t,
      source: s,
      campaign: m,
      inline: i === 1 ? true : undefined,
      expiresAt: e,
    };
  } catch {
    return undefined;
  }
}

export type TokenCheck =
  | { ok: true; grant: DownloadGrant }
  | { ok: false; reason: 'forged' }
  | { ok: false; reason: 'expired'; grant: DownloadGrant };

/** Checks the signature with the workspace's secret (in constant time), then the expiry. */
export function verifyDownloadToken(secret: string, token: string, now: Date): TokenCheck {
  const grant = readDownloadToken(token);
  const [payload = '', signature = ''] = token.split('.');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (!grant || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'forged' };
  }
  if (grant.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'expired', grant };
  return { ok: true, grant };
}
