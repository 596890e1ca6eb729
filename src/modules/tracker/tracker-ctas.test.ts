import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATON_URL, openPage, type TestPage } from './test-page';

const CTA_ID = '0196b3c2-0000-7000-8000-00000000c7a0';
const cta = {
  id: CTA_ID,
  text: '<img src=x onerror=alert(1)> Get the report',
  style: 'button',
  backgroundColor: '#0f766e',
  textColor: '#ffffff',
  href: `${BATON_URL}/p/report?baton_cta=${CTA_ID}`,
  landingPage: true,
};

/** The CTA endpoint answers with the CTA; everything else (ingest) with 200. */
const respond = async (url: string) =>
  url.endsWith(`/c/${CTA_ID}`)
    ? ({ status: 200, ok: true, json: async () => cta } as { status: number })
    : { status: 200 };

describe('website tracker: CTAs', () => {
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

  const beacons = () =>
    Promise.all(
      page!.sendBeacon.mock.calls.map(async ([url, blob]) => ({ url, body: JSON.parse(await (blob as Blob).text()) })),
    );

  it('draws a CTA from Baton as a link with its text as text, and counts its view and click', async () => {
    page = await openPage({ body: `<p>Read on</p><div data-baton-cta="${CTA_ID}"></div>`, respond });
    await page.advance(100);
    expect(page.fetch.mock.calls[0]?.[0]).toBe(`${BATON_URL}/c/${CTA_ID}`);
    const link = page.document.querySelector<HTMLAnchorElement>('a.baton-cta')!;
    expect(link.textContent).toBe('<img src=x onerror=alert(1)> Get the report');
    expect(page.document.querySelector('img')).toBeNull();
    expect(link.href).toBe(`${BATON_URL}/p/report?baton_cta=${CTA_ID}`);
    expect(link.style.backgroundColor).toBe('rgb(15, 118, 110)');

    link.click();
    const anonymousId = page.cookie('baton_aid')?.value;
    // The visitor's id stays out of the URL (a shared link would carry it).
    expect(link.href).toBe(`${BATON_URL}/p/report?baton_cta=${CTA_ID}`);
    const sent = await beacons();
    expect(sent.map(({ url, body }) => [url, body.step, body.anonymousId])).toEqual([
      [`${BATON_URL}/c/${CTA_ID}/events`, 'view', anonymousId],
      [`${BATON_URL}/c/${CTA_ID}/events`, 'click', anonymousId],
    ]);
    expect(sent[0]!.body).toMatchObject({
      url: 'https://www.widgets.example/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring',
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
    });
  });

  it('shows the CTA but counts nothing while consent is pending', async () => {
    page = await openPage({
      body: `<div data-baton-cta="${CTA_ID}"></div>`,
      respond,
      embed: { consentRequired: true },
    });
    await page.advance(100);
    const link = page.document.querySelector<HTMLAnchorElement>('a.baton-cta')!;
    expect(link.textContent).toContain('Get the report');
    link.click();
    expect(page.sendBeacon).not.toHaveBeenCalled();
    expect(link.href).not.toContain('baton_aid');
  });
});
