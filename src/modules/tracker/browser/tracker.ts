/**
 * baton.js, served as /t.js: the website tracker. Embedded with
 *   <script async src="https://BATON_HOST/t.js" data-write-key="wk_…"></script>
 * (optionally `data-consent="required"` and `data-respect-dnt="true"`), it sends Segment-spec
 * page, track and identify events to the Baton that served it.
 */
import { type Client, createClient } from './client';
import { placeCtas } from './ctas';
import { guard, trackMarkedElements } from './dom-tracking';

const METHODS = ['page', 'track', 'identify', 'consent', 'reset'] as const;

type Method = (typeof METHODS)[number];
type Api = Record<Method, (...args: unknown[]) => void>;
/** What the embed snippet leaves before this script arrives: calls queued as [method, args]. */
type Stub = unknown[];

declare global {
  interface Window {
    baton?: Api | Stub;
  }
  interface Navigator {
    globalPrivacyControl?: boolean;
  }
}

/** Our own <script> tag: `currentScript` while it runs, else the t.js tag carrying a write key. */
function findOwnScript(): HTMLScriptElement | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.hasAttribute('data-write-key')) return current;
  return Array.from(document.scripts).find(
    (script) => script.hasAttribute('data-write-key') && /\/t\.js([?#]|$)/.test(script.src),
  );
}

function visitorAsksNotToBeTracked(): boolean {
  return navigator.doNotTrack === '1' || navigator.globalPrivacyControl === true;
}

function apiOf(client: Client | undefined): Api {
  const api = {} as Api;
  for (const method of METHODS) {
    api[method] = (...args) => guard(() => client?.[method](...args));
  }
  return api;
}

function watchNavigation(client: Client): void {
  const autoPage = () => guard(client.autoPage);
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      autoPage();
    };
  }
  addEventListener('popstate', autoPage);
}

function watchExit(client: Client): void {
  const exit = () => guard(client.flushOnExit);
  addEventListener('pagehide', exit);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') exit();
  });
}

function start(script: HTMLScriptElement, writeKey: string, stub: Stub): void {
  // With data-respect-dnt, a visitor who asks not to be tracked gets an API that does nothing.
  const optedOut = script.getAttribute('data-respect-dnt') === 'true' && visitorAsksNotToBeTracked();
  const origin = new URL(script.src, location.href).origin;
  const client = optedOut
    ? undefined
    : createClient({
        origin,
        writeKey,
        consentRequired: script.getAttribute('data-consent') === 'required',
      });
  const api = apiOf(client);
  window.baton = api;
  for (const call of stub) {
    if (Array.isArray(call) && METHODS.includes(call[0])) {
      api[call[0] as Method](...(Array.isArray(call[1]) ? call[1] : []));
    }
  }
  // CTAs show for everyone; their views and clicks count only where tracking is allowed.
  guard(() => placeCtas(origin, client));
  if (!client) return;
  for (const setUp of [watchExit, trackMarkedElements, watchNavigation]) guard(() => setUp(client));
  guard(client.autoPage);
}

guard(() => {
  const existing = window.baton;
  // A second copy of the script on the page leaves the first one in charge.
  if (existing && !Array.isArray(existing)) return;
  const script = findOwnScript();
  const writeKey = script?.getAttribute('data-write-key');
  if (script && writeKey) start(script, writeKey, existing ?? []);
  else console.warn('baton.js: add data-write-key="wk_…" to the <script> tag that loads /t.js');
});
