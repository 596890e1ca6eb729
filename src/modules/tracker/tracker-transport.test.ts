import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATON_URL, openPage, type TestPage, WRITE_KEY } from './test-page';

const offline = () => Promise.reject(new TypeError('Failed to fetch'));

describe('website tracker: delivery', () => {
  let page: TestPage | undefined;
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00Z') });
  });
  afterEach(() => {
    expect(page?.problems).toEqual([]);
    page?.close();
    page = undefined;
    vi.useRealTimers();
  });

  it('sends events recorded within a second together to /v1/b', async () => {
    page = await openPage();
    await page.advance(500);
    page.baton.track('Pricing Viewed');
    await page.advance(500);
    page.baton.track('Later'); // after the first request went out

    await page.advance(1000);
    const [batch, single] = await page.requests();
    expect(batch).toMatchObject({ via: 'fetch', url: `${BATON_URL}/v1/b`, contentType: 'text/plain' });
    expect(batch!.body).toEqual({
      writeKey: WRITE_KEY,
      sentAt: '2026-03-02T09:00:01.000Z',
      batch: [
        expect.objectContaining({ type: 'page', sentAt: '2026-03-02T09:00:01.000Z' }),
        expect.objectContaining({ type: 'track', event: 'Pricing Viewed', timestamp: '2026-03-02T09:00:00.500Z' }),
      ],
    });
    expect(single).toMatchObject({ url: `${BATON_URL}/v1/t`, body: { event: 'Later' } });
  });

  it('hands what is queued to sendBeacon when the page is hidden or left', async () => {
    page = await openPage({ body: '<a href="/signup" data-baton-track="Sign Up Clicked">Sign up</a>' });
    page.click('a');
    page.window.dispatchEvent(new page.window.Event('pagehide'));
    expect(page.sendBeacon).toHaveBeenCalledTimes(1);

    page.baton.track('Tab Hidden');
    Object.defineProperty(page.document, 'visibilityState', { value: 'hidden', configurable: true });
    page.document.dispatchEvent(new page.window.Event('visibilitychange'));
    await page.advance(5000);

    const requests = await page.requests();
    expect(requests.map((request) => [request.via, request.url, request.contentType])).toEqual([
      ['beacon', `${BATON_URL}/v1/b`, 'text/plain'],
      ['beacon', `${BATON_URL}/v1/b`, 'text/plain'],
    ]);
    expect(requests[0]!.body).toMatchObject({
      writeKey: WRITE_KEY,
      batch: [{ type: 'page' }, { type: 'track', event: 'Sign Up Clicked' }],
    });
    expect(requests[1]!.body).toMatchObject({ batch: [{ type: 'track', event: 'Tab Hidden' }] });
    expect(page.fetch).not.toHaveBeenCalled();
  });

  it('retries failed deliveries with the same messageId, with backoff, and sends each event once otherwise', async () => {
    let answer: () => Promise<{ status: number }> = offline;
    page = await openPage({ respond: () => answer() });
    page.window.Math.random = () => 0.5; // backoff jitter: 75% of 2 s, 4 s, 8 s…
    await page.advance(1000);
    expect(page.fetch).toHaveBeenCalledTimes(1);
    const stored = JSON.parse(page.window.localStorage.getItem('baton_queue')!);
    expect(stored).toHaveLength(1);

    answer = async () => ({ status: 503 });
    page.baton.track('While Down');
    await page.advance(1500); // first retry after 1.5 s
    expect(page.fetch).toHaveBeenCalledTimes(2);
    await page.advance(2999); // the second waits 3 s
    expect(page.fetch).toHaveBeenCalledTimes(2);

    answer = async () => ({ status: 200 });
    await page.advance(1);
    expect(page.fetch).toHaveBeenCalledTimes(3);
    page.baton.track('After Recovery');
    await page.advance(1000);

    const requests = await page.requests();
    const ids = requests.map((request) =>
      (Array.isArray(request.body.batch) ? request.body.batch : [request.body]).map(
        (event: { messageId: string }) => event.messageId,
      ),
    );
    const [pageViewId] = ids[0]!;
    expect(ids[1]).toEqual([pageViewId, expect.any(String)]);
    expect(ids[2]).toEqual(ids[1]);
    expect(ids[3]).toHaveLength(1);
    expect(ids[3]).not.toContain(pageViewId);
    expect(requests[2]!.body.sentAt).not.toBe(requests[1]!.body.sentAt);
    expect(page.window.localStorage.getItem('baton_queue')).toBeNull();
  });

  it('drops an event Baton refused (4xx other than 429) instead of retrying it', async () => {
    page = await openPage({ respond: async () => ({ status: 400 }) });
    await page.advance(60_000);
    expect(page.fetch).toHaveBeenCalledTimes(1);
    expect(page.window.localStorage.getItem('baton_queue')).toBeNull();
  });

  it('retries on 429 too', async () => {
    let status = 429;
    page = await openPage({ respond: async () => ({ status }) });
    await page.advance(1000);
    status = 202;
    await page.advance(2000);
    expect(page.fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps undelivered events across pages: the next page retries them with their messageIds', async () => {
    page = await openPage({ respond: offline });
    page.baton.track('Offline Click');
    await page.advance(1000);
    page.window.dispatchEvent(new page.window.Event('pagehide')); // no beacon while Baton is unreachable
    expect(page.sendBeacon).not.toHaveBeenCalled();
    const kept = page.window.localStorage.getItem('baton_queue')!;
    const keptIds = JSON.parse(kept).map((event: { messageId: string }) => event.messageId);
    page.close();

    page = await openPage({
      url: 'https://www.widgets.example/features',
      beforeLoad: (window) => window.localStorage.setItem('baton_queue', kept),
    });
    expect(page.window.localStorage.getItem('baton_queue')).toBeNull(); // claimed by this page
    await page.advance(1000);
    const events = await page.events();
    expect(events.map((event) => event.messageId).slice(0, 2)).toEqual(keptIds);
    expect(events.map((event) => event.event ?? event.properties.path)).toEqual([
      '/pricing',
      'Offline Click',
      '/features',
    ]);
  });

  it('keeps at most 100 undelivered events, dropping the oldest', async () => {
    page = await openPage({ respond: offline });
    for (let n = 1; n <= 150; n++) page.baton.track(`Event ${n}`);
    await page.advance(1000);
    const stored = JSON.parse(page.window.localStorage.getItem('baton_queue')!);
    expect(stored).toHaveLength(100);
    expect(stored[0].event).toBe('Event 51');
    expect(stored[99].event).toBe('Event 150');
  });
});
