import type { DOMWindow } from 'jsdom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPage, type TestPage } from './test-page';

function storedKeys(window: DOMWindow): string[] {
  return [...Object.keys(window.localStorage), ...Object.keys(window.sessionStorage)];
}

describe('website tracker: consent and Do Not Track', () => {
  let page: TestPage | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    expect(page?.problems).toEqual([]);
    page?.close();
    page = undefined;
    vi.useRealTimers();
  });

  it('with consent required, sends nothing and stores nothing until consent, then sends what was held', async () => {
    page = await openPage({ embed: { consentRequired: true } });
    page.baton.identify('user-42');
    page.baton.track('Pricing Viewed');
    page.navigate('/pricing/enterprise');
    await page.advance(5000);
    expect(page.fetch).not.toHaveBeenCalled();
    expect(page.document.cookie).toBe('');
    expect(storedKeys(page.window)).toEqual([]);

    page.baton.consent(true);
    await page.advance(1000);
    const events = await page.events();
    expect(events.map((event) => [event.type, event.properties.path ?? event.event])).toEqual([
      ['page', '/pricing'],
      ['identify', undefined],
      ['track', 'Pricing Viewed'],
      ['page', '/pricing/enterprise'],
    ]);
    const anonymousId = page.cookie('baton_aid')?.value;
    for (const event of events) {
      expect(event.context.consent).toEqual({ granted: true });
      expect(event.anonymousId).toBe(anonymousId);
    }
    expect(page.window.localStorage.getItem('baton_uid')).toBe('user-42');
    expect(page.window.sessionStorage.getItem('baton_campaign')).not.toBeNull();
  });

  it('keeps an anonymous id from an earlier visit while waiting for consent, without rewriting it', async () => {
    page = await openPage({
      embed: { consentRequired: true },
      beforeLoad: (window) => {
        window.document.cookie = 'baton_aid=0b5c2f1e-2c9d-4d0e-9a51-8f3a7d9e1c42; path=/; max-age=600';
      },
    });
    expect(page.cookie('baton_aid')?.TTL()).toBeLessThanOrEqual(600_000);
    page.baton.consent(true);
    await page.advance(1000);
    expect((await page.events())[0]?.anonymousId).toBe('0b5c2f1e-2c9d-4d0e-9a51-8f3a7d9e1c42');
    expect(page.cookie('baton_aid')?.TTL()).toBe(365 * 24 * 3600 * 1000);
  });

  it('stops and forgets the visitor when consent is withdrawn', async () => {
    page = await openPage();
    page.baton.identify('user-42');
    await page.advance(1000);
    expect(page.fetch).toHaveBeenCalledTimes(1);
    expect(page.cookie('baton_aid')).toBeDefined();

    page.baton.track('Queued Before Withdrawal');
    page.baton.consent(false);
    page.baton.track('After Withdrawal');
    page.navigate('/elsewhere');
    await page.advance(5000);
    page.window.dispatchEvent(new page.window.Event('pagehide'));

    expect(page.fetch).toHaveBeenCalledTimes(1);
    expect(page.sendBeacon).not.toHaveBeenCalled();
    expect(page.cookie('baton_aid')).toBeUndefined();
    expect(storedKeys(page.window)).toEqual(['baton_optout']); // the refusal alone is remembered
  });

  it('keeps an opt-out on later pages until consent is given again', async () => {
    page = await openPage({ beforeLoad: (window) => window.localStorage.setItem('baton_optout', '1') });
    page.baton.track('Ignored');
    await page.advance(5000);
    expect(page.fetch).not.toHaveBeenCalled();
    expect(page.document.cookie).toBe('');

    page.baton.consent(true);
    page.baton.track('Counted');
    await page.advance(1000);
    expect((await page.events()).map((event) => event.event)).toEqual(['Counted']);
    expect(page.window.localStorage.getItem('baton_optout')).toBeNull();
  });

  it('with data-respect-dnt, sends nothing for a visitor with Do Not Track or Global Privacy Control', async () => {
    for (const signal of [{ doNotTrack: '1' }, { globalPrivacyControl: true }]) {
      page?.close();
      page = await openPage({
        embed: { respectDoNotTrack: true },
        beforeLoad: (window) => Object.defineProperties(window.navigator, descriptors(signal)),
        body: '<a href="/demo" data-baton-track="Demo Requested">Demo</a>',
      });
      page.baton.identify('user-42', { email: 'ada@widgets.example' });
      page.baton.consent(true);
      page.click('a');
      page.navigate('/demo');
      await page.advance(5000);
      page.window.dispatchEvent(new page.window.Event('pagehide'));

      expect(page.fetch).not.toHaveBeenCalled();
      expect(page.sendBeacon).not.toHaveBeenCalled();
      expect(page.document.cookie).toBe('');
      expect(storedKeys(page.window)).toEqual([]);
    }
  });

  it('without data-respect-dnt, Do Not Track is left to the site', async () => {
    page = await openPage({
      beforeLoad: (window) => Object.defineProperties(window.navigator, descriptors({ doNotTrack: '1' })),
    });
    await page.advance(1000);
    expect(page.fetch).toHaveBeenCalledTimes(1);
  });
});

function descriptors(values: Record<string, unknown>): PropertyDescriptorMap {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, configurable: true }]));
}
