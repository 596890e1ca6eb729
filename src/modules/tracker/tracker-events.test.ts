import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATON_URL, openPage, type TestPage, UUID_V4, WRITE_KEY } from './test-page';

describe('website tracker: events', () => {
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

  it('sends a page view on load with the page, its UTM campaign and a first-party anonymous id', async () => {
    page = await openPage();
    expect(page.fetch).not.toHaveBeenCalled(); // batched for a second
    await page.advance(1000);

    const [request] = await page.requests();
    expect(request).toMatchObject({
      via: 'fetch',
      url: `${BATON_URL}/v1/p`,
      contentType: 'text/plain',
      keepalive: true,
    });
    const event = request!.body;
    const anonymousId = page.cookie('baton_aid')?.value;
    expect(anonymousId).toMatch(UUID_V4);
    const url = 'https://www.widgets.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring';
    const pageInfo = {
      path: '/pricing',
      referrer: 'https://search.example/?q=widgets',
      search: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      title: 'Pricing – Widget Works',
      url,
    };
    expect(event).toEqual({
      type: 'page',
      messageId: expect.stringMatching(UUID_V4),
      anonymousId,
      properties: pageInfo,
      timestamp: '2026-03-02T09:00:00.000Z',
      sentAt: '2026-03-02T09:00:01.000Z',
      writeKey: WRITE_KEY,
      context: {
        library: { name: 'baton.js', version: '1' },
        page: pageInfo,
        campaign: { source: 'newsletter', medium: 'email', name: 'spring' },
        userAgent: page.window.navigator.userAgent,
        locale: page.window.navigator.language,
        screen: { width: page.window.screen.width, height: page.window.screen.height },
      },
    });
    expect(page.window.localStorage.getItem('baton_aid')).toBe(anonymousId);
    expect(page.cookie('baton_aid')).toMatchObject({ path: '/', sameSite: 'lax', secure: true });
    expect(page.cookie('baton_aid')?.TTL()).toBe(365 * 24 * 3600 * 1000);
  });

  it('follows a single-page app: a page view per new address, the session campaign and the previous address as referrer', async () => {
    page = await openPage();
    page.navigate('/features');
    page.window.history.replaceState({}, '', '/features'); // same address: no new page view
    page.navigate('/features#compare'); // an anchor on the same page
    page.navigate('/pricing?plan=pro');
    page.window.history.back(); // popstate
    await page.advance(1000);

    const pages = (await page.events()).map((event) => ({
      path: event.properties.path,
      referrer: event.properties.referrer,
      campaign: event.context.campaign?.name,
    }));
    expect(pages).toEqual([
      { path: '/pricing', referrer: 'https://search.example/?q=widgets', campaign: 'spring' },
      { path: '/features', referrer: expect.stringContaining('/pricing?utm_source'), campaign: 'spring' },
      { path: '/pricing', referrer: 'https://www.widgets.example/features', campaign: 'spring' },
      { path: '/features', referrer: 'https://www.widgets.example/pricing?plan=pro', campaign: 'spring' },
    ]);
    expect(JSON.parse(page.window.sessionStorage.getItem('baton_campaign')!)).toEqual({
      source: 'newsletter',
      medium: 'email',
      name: 'spring',
    });
  });

  it('sends identify and track with the user id, and keeps the user id for later pages', async () => {
    page = await openPage();
    page.baton.identify('user-42', { email: 'ada@widgets.example', plan: 'pro' });
    page.baton.track('Trial Started', { plan: 'pro', seats: 5 });
    page.baton.identify({ company: 'Widget Works' });
    await page.advance(1000);

    const [pageView, identify, track, traitsOnly] = await page.events();
    expect(pageView).toMatchObject({ type: 'page' });
    expect(pageView!.userId).toBeUndefined();
    expect(identify).toMatchObject({
      type: 'identify',
      userId: 'user-42',
      anonymousId: pageView!.anonymousId,
      traits: { email: 'ada@widgets.example', plan: 'pro' },
    });
    expect(track).toMatchObject({
      type: 'track',
      event: 'Trial Started',
      userId: 'user-42',
      properties: { plan: 'pro', seats: 5 },
    });
    expect(traitsOnly).toMatchObject({ type: 'identify', userId: 'user-42', traits: { company: 'Widget Works' } });
    expect(page.window.localStorage.getItem('baton_uid')).toBe('user-42');
  });

  it('replays calls made through the snippet before the script loaded, in order, before the automatic page view', async () => {
    page = await openPage({
      beforeLoad: (window) => {
        const stub = window.baton as unknown as Record<string, (...args: unknown[]) => void>;
        stub.identify!('user-7');
        stub.track!('Video Played', { id: 'intro' });
      },
    });
    await page.advance(1000);
    expect((await page.events()).map((event) => [event.type, event.userId, event.event])).toEqual([
      ['identify', 'user-7', undefined],
      ['track', 'user-7', 'Video Played'],
      ['page', 'user-7', undefined],
    ]);
  });

  it('sends no second automatic page view when the site already sent one for the address', async () => {
    page = await openPage({
      beforeLoad: (window) => (window.baton as unknown as { page(name: string): void }).page('Pricing'),
    });
    await page.advance(1000);
    const events = await page.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'page',
      name: 'Pricing',
      properties: { name: 'Pricing', path: '/pricing' },
    });
  });

  it('starts a new anonymous visitor on reset', async () => {
    page = await openPage();
    page.baton.identify('user-42');
    const before = page.cookie('baton_aid')?.value;
    page.baton.reset();
    page.baton.track('Browsed');
    await page.advance(1000);

    const after = page.cookie('baton_aid')?.value;
    expect(after).toMatch(UUID_V4);
    expect(after).not.toBe(before);
    expect(page.window.localStorage.getItem('baton_uid')).toBeNull();
    const track = (await page.events()).find((event) => event.type === 'track');
    expect(track).toMatchObject({ anonymousId: after });
    expect(track?.userId).toBeUndefined();
  });

  it('copies properties when called, and builds ids from random bytes where crypto.randomUUID is missing (http)', async () => {
    page = await openPage({
      beforeLoad: (window) => Object.defineProperty(window.crypto, 'randomUUID', { value: undefined }),
    });
    const properties = { plan: 'pro' };
    page.baton.track('Plan Chosen', properties);
    properties.plan = 'changed afterwards';
    await page.advance(1000);

    const events = await page.events();
    expect(events[1]).toMatchObject({ event: 'Plan Chosen', properties: { plan: 'pro' } });
    for (const event of events) {
      expect(event.messageId).toMatch(UUID_V4);
      expect(event.anonymousId).toMatch(UUID_V4);
    }
    expect(new Set(events.map((event) => event.messageId)).size).toBe(events.length);
  });

  it('ignores calls it cannot make sense of without throwing into the page', async () => {
    page = await openPage();
    page.baton.track();
    page.baton.track({ not: 'an event name' });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    page.baton.track('Circular', circular);
    page.problems.length = 0; // the circular object is reported in the console, not thrown
    await page.advance(1000);
    expect((await page.events()).map((event) => event.type)).toEqual(['page']);
  });
});
