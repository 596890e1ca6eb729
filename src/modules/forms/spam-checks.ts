import type { RenderToken } from './render-token';

/**
 * Why a submission looks like spam, or null. Pure. Spam is kept (in the spam folder, recoverable),
 * never dropped: these checks only decide which folder.
 */
export function spamReasonOf(input: {
  honeypot: string | undefined;
  tokenGiven: boolean;
  token: RenderToken | null;
  minFillSeconds: number;
  receivedAt: number;
  email: string | null;
  blockedDomains: string[];
  overRate: boolean;
}): string | null {
  if (input.honeypot) return 'honeypot field filled in';
  if (input.tokenGiven && !input.token) return 'render token forged or from another form';
  if (input.token) {
    const seconds = (input.receivedAt - input.token.renderedAt) / 1000;
    if (seconds < input.minFillSeconds) return `sent ${Math.max(0, seconds).toFixed(1)} s after the form was shown`;
  }
  const domain = input.email?.split('@')[1];
  if (domain) {
    const blocked = input.blockedDomains.find((entry) => domain === entry || domain.endsWith(`.${entry}`));
    if (blocked) return `email domain ${blocked} is blocked`;
  }
  if (input.overRate) return 'too many submissions from this IP address';
  return null;
}
