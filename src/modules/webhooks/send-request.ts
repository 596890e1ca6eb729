import { performance } from 'node:perf_hooks';
import { type AttemptOutcome, responseExcerptBytes } from './delivery-policy';

export type SentRequest = { outcome: AttemptOutcome; durationMs: number; bodyExcerpt: string | null };

/**
 * One POST with Node's fetch, cut off after `timeoutMs` (the body read included). Redirects are not
 * followed: a webhook URL that redirects is a misconfiguration to show, not to chase.
 */
export async function sendRequest(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<SentRequest> {
  const started = performance.now();
  const signal = AbortSignal.timeout(input.timeoutMs);
  let outcome: AttemptOutcome;
  let bodyExcerpt: string | null = null;
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      headers: input.headers,
      body: input.body,
      redirect: 'manual',
      signal,
    });
    outcome = { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') };
    bodyExcerpt = await readExcerpt(response);
  } catch (error) {
    outcome = { kind: 'network_error', message: describeFetchError(error, input.timeoutMs) };
  }
  return { outcome, durationMs: Math.round(performance.now() - started), bodyExcerpt };
}

/** The first kilobyte of the body; the rest is not read (the connection is released). */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < responseExcerptBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The body broke off (or timed out) after the status arrived: keep what was read.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks)
    .subarray(0, responseExcerptBytes)
    .toString('utf8')
    // PostgreSQL text cannot hold NUL.
    .replaceAll('\u0000', '');
  return text;
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = failure.cause;
  if (cause?.code) return `${cause.code}: ${cause.message ?? failure.message}`.slice(0, 500);
  return (cause?.message ?? failure.message ?? String(error)).slice(0, 500);
}
