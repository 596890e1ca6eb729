import { type DOMWindow, JSDOM, VirtualConsole } from 'jsdom';
import { vi } from 'vitest';
import type { BatonEvent } from './browser/types';
import { buildTracker } from './build-tracker';
import { type EmbedOptions, embedSnippet } from './embed-snippet';

/** Test support: a website page (jsdom) that embeds the built /t.js, with the network stubbed. */

export const BATON_URL = 'https://baton.example';
export const WRITE_KEY = 'wk_test0123456789';
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Api = Record<'page' | 'track' | 'identify' | 'consent' | 'reset', (...args: unknown[]) => void>;

export type SentRequest = {
  via: 'fetch' | 'beacon';
  url: string;
  contentType?: string;
  keepalive?: boolean;
  body: Record<string, unknown>;
};

export type PageOptions = {
  url?: string;
  referrer?: string;
  body?: string;
  embed?: Partial<EmbedOptions>;
  /** Runs after the embed snippet and before /t.js: seed storage, stub the browser, call the stub. */
  beforeLoad?: (window: DOMWindow) => void;
  /** The ingest API's answer (the status only, which is all the tracker reads); defaults to 200. */
  respond?: (url: string, body: string) => Promise<{ status: number }>;
};

export type TestPage = Awaited<ReturnType<typeof openPage>>;

/**
 * Opens a page that embeds the tracker exactly as a customer would (the snippet's queue stub, then
 * the built script). The page's clock and timers are the test's: after `vi.useFakeTimers()`,
 * batching and retry delays are stepped through with `advance`.
 */
export async function openPage(options: PageOptions = {}) {
  const problems: string[] = [];
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (error) => {
    if (!error.message.startsWith('Not implemented: navigation')) problems.push(error.message);
  });
  virtualConsole.on('warn', (...args: unknown[]) => problems.push(args.map(String).join(' ')));
  virtualConsole.on('error', (...args: unknown[]) => problems.push(args.map(String).join(' ')));

  const snippet = embedSnippet({ baseUrl: BATON_URL, writeKey: WRITE_KEY, ...options.embed });
  const dom = new JSDOM(
    `<!doctype html><html><head><title>Pricing – Widget Works</title>${snippet}</head><body>${options.body ?? ''}</body></html>`,
    {
      url:
        options.url ?? 'https://www.widgets.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      referrer: options.referrer ?? 'https://search.example/?q=widgets',
      runScripts: 'outside-only',
      virtualConsole,
    },
  );
  const { window } = dom;
  const requests: (Omit<SentRequest, 'body'> & { body: Promise<string> })[] = [];

  // The page's own clock and timers are the test's fake ones.
  Object.assign(window, {
    Date,
    setTimeout: (handler: () => void, ms?: number) => setTimeout(handler, ms),
    clearTimeout: (id?: ReturnType<typeof setTimeout>) => clearTimeout(id),
  });
  const fetch = vi.fn(async (url: string, init: RequestInit) => {
    requests.push({
      via: 'fetch',
      url,
      contentType: (init.headers as Record<string, string>)['content-type'],
      keepalive: init.keepalive,
      body: Promise.resolve(String(init.body)),
    });
    return (options.respond ?? (async () => ({ status: 200 })))(url, String(init.body));
  });
  const sendBeacon = vi.fn((url: string, data: Blob) => {
    requests.push({ via: 'beacon', url, contentType: data.type, body: data.text() });
    return true;
  });
  Object.assign(window, { fetch });
  Object.defineProperty(window.navigator, 'sendBeacon', { value: sendBeacon, configurable: true });

  const stub = window.document.scripts[0]!;
  window.eval(stub.textContent ?? '');
  options.beforeLoad?.(window);
  window.eval(await buildTracker());

  return {
    window,
    document: window.document,
    baton: window.baton as unknown as Api,
    fetch,
    sendBeacon,
    /** Warnings and errors the page logged: the tracker should never cause any. */
    problems,
    /** Lets fake time pass, running the timers and promises due meanwhile. */
    advance: (ms: number) => vi.advanceTimersByTimeAsync(ms),
    /** Everything sent so far, in order, with parsed bodies. */
    async requests(): Promise<SentRequest[]> {
      return Promise.all(requests.map(async ({ body, ...request }) => ({ ...request, body: JSON.parse(await body) })));
    },
    /** Every event sent so far, single or batched, in order. */
    async events(): Promise<BatonEvent[]> {
      return (await this.requests()).flatMap(
        ({ body }) => (Array.isArray(body.batch) ? body.batch : [body]) as BatonEvent[],
      );
    },
    cookie: (name: string) => dom.cookieJar.getCookiesSync(window.location.href).find((cookie) => cookie.key === name),
    click(selector: string) {
      window.document.querySelector<HTMLElement>(selector)!.click();
    },
    navigate(path: string) {
      window.history.pushState({}, '', path);
    },
    close: () => window.close(),
  };
}
