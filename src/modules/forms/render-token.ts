import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a rendered form carries back: when it was shown, and which fields it asked. */
export type RenderToken = { renderedAt: number; fields: string[] };

const mac = (key: string, body: string) => createHmac('sha256', key).update(body).digest('base64url').slice(0, 32);

/** A token the form posts back (`_baton_t`): the minimum fill time and the fields asked are checked against it. */
export function signRenderToken(key: string, token: RenderToken): string {
  const body = Buffer.from(JSON.stringify({ t: token.renderedAt, f: token.fields })).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The token's facts, or null when it was not signed with this form's key (forged or from another form). */
export function verifyRenderToken(key: string, value: string): RenderToken | null {
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined || value.length > 4000) return null;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { t?: unknown; f?: unknown };
    if (typeof parsed.t !== 'number' || !Array.isArray(parsed.f)) return null;
    return { renderedAt: parsed.t, fields: parsed.f.filter((name): name is string => typeof name === 'string') };
  } catch {
    return null;
  }
}
