import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';
import { adminWriteKey, desktopChrome, startCustomerSite } from './helpers';

test.use({ userAgent: desktopChrome });

const pdf = Buffer.concat([
  Buffer.from('%PDF-1.7\n% The 2026 widget report\n'),
  Buffer.alloc(4096, 'w'),
  Buffer.from('\n%%EOF\n'),
]);

test('a CTA on a plain page leads to a landing page counted per variant; a gated offer’s signed link expires; the funnel shows it', async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  const writeKey = await adminWriteKey(request);
  const stamp = Date.now().toString(36);

  const offer = await request.post('/api/offers', {
    multipart: {
      title: 'The 2026 <Widget> Report',
      kind: 'report',
      description: 'What 500 buyers said',
      file: { name: 'widget-report.pdf', mimeType: 'application/pdf', buffer: pdf },
    },
  });
  expect(offer.status()).toBe(201);
  const offerId = (await offer.json()).id as string;
  // The form that gates it: sending it delivers the offer.
  const form = await request.post('/api/forms', {
    data: {
      name: `Report form ${stamp}`,
      status: 'published',
      fields: [
        { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
        { name: 'first_name', type: 'text', label: 'First name', mapTo: 'contact.firstName' },
      ],
      success: { type: 'offer', assetId: offerId, message: 'Here is your report.' },
      spam: { minFillSeconds: 0, blockedDomains: [] },
    },
  });
  expect(form.status()).toBe(201);
  const formId = (await form.json()).id as string;
  expect((await request.patch(`/api/offers/${offerId}`, { data: { gateFormId: formId } })).status()).toBe(200);

  const slug = `widget-report-${stamp}`;
  const created = await request.post('/api/landing-pages', {
    data: {
      name: 'Widget report',
      slug,
      template: 'classic',
      seoTitle: 'The 2026 Widget Report',
      seoDescription: 'What 500 buyers said about widgets',
      assetId: offerId,
      formId,
      variants: [
        {
          name: 'Numbers',
          headline: 'Widgets, measured',
          body: '## Inside\n\n- 500 buyers\n- <script>alert(1)</script>',
        },
        { name: 'Story', headline: 'What buyers told us', body: 'The **short** version. <script>alert(1)</script>' },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const landingPage = await created.json();
  expect((await request.post(`/api/landing-pages/${landingPage.id}/publish`)).status()).toBe(200);

  const cta = await request.post('/api/ctas', {
    data: {
      name: `Blog CTA ${stamp}`,
      text: 'Get the report',
      targetPageId: landingPage.id,
      backgroundColor: '#0f766e',
    },
  });
  expect(cta.status()).toBe(201);
  const ctaId = (await cta.json()).id as string;

  const site = await startCustomerSite({
    '/blog/widgets': () => `<!doctype html><html lang="en"><title>Widgets blog</title>
      <script async src="${baseURL}/t.js" data-write-key="${writeKey}"></script>
      <h1>Why widgets matter</h1><p>Read the full study.</p><div data-baton-cta="${ctaId}"></div>`,
  });
  const headlines = ['Widgets, measured', 'What buyers told us'];
  try {
    // Two visitors, each from the newsletter: the CTA is seen, clicked, and lands on a variant.
    const seen: string[] = [];
    for (const visitor of [page, await (await browser.newContext({ userAgent: desktopChrome })).newPage()]) {
      await visitor.goto(`${site.origin}/blog/widgets?utm_source=newsletter&utm_medium=email&utm_campaign=spring`);
      const link = visitor.getByRole('link', { name: 'Get the report' });
      await expect(link).toBeVisible();
      await link.click();
      await expect(visitor).toHaveURL(new RegExp(`/p/${slug}\\?baton_cta=${ctaId}`));
      const headline = (await visitor.getByRole('heading', { level: 1 }).textContent()) ?? '';
      expect(headlines).toContain(headline);
      seen.push(headline);
      await expect(visitor).toHaveTitle('The 2026 Widget Report');
      if (visitor === page) await page.screenshot({ path: 'test-results/landing-page.png', fullPage: true });
      // The offer is gated: named on the page, no open download.
      await expect(visitor.getByText('The 2026 <Widget> Report')).toBeVisible();
      await expect(visitor.locator('[data-baton-offer-download]')).toHaveCount(0);
      // Coming back shows the same variant.
      await visitor.reload();
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(headline);
    }
    await expect(page.locator('.body')).toContainText('<script>alert(1)</script>');

    // The first visitor sends the form on the page (no JavaScript needed) and gets the offer.
    const email = `reader-${stamp}@widgets.example`;
    await page.getByLabel('Work email').fill(email);
    await page.getByLabel('First name').fill('Rita');
    await page.locator('form.baton-form [type=submit]').click();
    await expect(page.getByRole('status')).toHaveText('Here is your report.');
    const delivered = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    expect((await readFile((await (await delivered).path())!)).equals(pdf)).toBe(true);

    // Views are counted per variant: two per visitor.
    const stats = (await (await request.get(`/api/landing-pages/${landingPage.id}/stats`)).json()).items as {
      variantId: string;
      views: number;
    }[];
    const views = Object.fromEntries(stats.map((item) => [item.variantId, item.views]));
    expect(views.a ?? 0).toBe(seen.filter((headline) => headline === headlines[0]).length * 2);
    expect(views.b ?? 0).toBe(seen.filter((headline) => headline === headlines[1]).length * 2);

    // The submission counts for the first visitor's variant, once processed.
    const firstVariant = seen[0] === headlines[0] ? 'a' : 'b';
    await expect(async () => {
      const items = (await (await request.get(`/api/landing-pages/${landingPage.id}/stats`)).json()).items;
      expect(items.find((item: { variantId: string }) => item.variantId === firstVariant).submissions).toBe(1);
    }).toPass({ timeout: 20_000 });

    // A signed link expires: one made to last three seconds downloads, then answers 410.
    const link = await request.post(`/api/offers/${offerId}/links`, { data: { ttlSeconds: 3 } });
    expect(link.status()).toBe(201);
    const path = (await link.json()).path as string;
    const downloading = page.waitForEvent('download');
    await page.evaluate((href) => {
      window.location.href = href;
    }, path);
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('widget-report.pdf');
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);
    await page.waitForTimeout(3500);
    const expired = await page.goto(path);
    expect(expired?.status()).toBe(410);
    await expect(page.getByRole('heading', { name: 'This link has expired' })).toBeVisible();
    const forged = await page.goto(`${path.slice(0, -4)}AAAA`);
    expect(forged?.status()).toBe(403);

    // The funnel: the CTA's views and clicks, the page's views, the download — per source.
    await expect(async () => {
      const funnel = await (await request.get(`/api/conversions/funnel?groupBy=cta`)).json();
      const mine = funnel.groups.find((group: { key: string }) => group.key === ctaId);
      expect(mine.counts).toEqual({ cta_view: 2, cta_click: 2, page_view: 4, submission: 1, download: 1 });
      expect(mine.stepRates[0].rate).toBe(1);
    }).toPass({ timeout: 10_000 });
    const bySource = await (await request.get('/api/conversions/funnel?groupBy=source')).json();
    expect(
      bySource.groups.find((group: { key: string }) => group.key === 'email').counts.cta_click,
    ).toBeGreaterThanOrEqual(2);
    // The same in the app: the funnel chart with its table, and the page's views per variant.
    await page.request.post('/api/auth/login', { data: e2eAdmin });
    await page.goto('/forms/funnel');
    await expect(page.getByRole('heading', { name: 'Conversion paths' })).toBeVisible();
    await page.getByRole('textbox', { name: 'Per', exact: true }).click();
    await page.getByRole('option', { name: 'CTA', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(`Blog CTA ${stamp}`) });
    // 2 views → 2 clicks (100 %) → 4 page views → 1 submission (25 %) → 1 download (100 %).
    await expect(row).toContainText('2 (100.0 %)');
    await expect(row).toContainText('1 (25.0 %)');
    await page.screenshot({ path: 'test-results/landing-pages-funnel.png', fullPage: true });
    await page.goto('/forms/pages');
    const card = page.locator(`[data-page="${slug}"]`);
    await expect(card.getByTestId('views-a')).toHaveText(String(views.a ?? 0));
    await expect(card.getByTestId('views-b')).toHaveText(String(views.b ?? 0));
  } finally {
    await site.close();
  }
});

test('a page that asks for cookie consent sets nothing until the visitor says yes, and remembers a no', async ({
  browser,
  request,
  baseURL,
}) => {
  await request.post('/api/auth/login', { data: e2eAdmin });
  const slug = `asks-first-${Date.now().toString(36)}`;
  const created = await request.post('/api/landing-pages', {
    data: { name: 'Asks first', slug, cookieConsent: true, variants: [{ name: 'A', headline: 'Widgets, politely' }] },
  });
  expect(created.status()).toBe(201);
  expect((await request.post(`/api/landing-pages/${(await created.json()).id}/publish`)).status()).toBe(200);
  const ours = async (context: import('@playwright/test').BrowserContext) =>
    Object.fromEntries((await context.cookies(baseURL)).map((cookie) => [cookie.name, cookie.value]));

  // Yes: the tracker gets its visitor id, and the question is not asked again.
  const yes = await browser.newContext({ userAgent: desktopChrome });
  const visitor = await yes.newPage();
  await visitor.goto(`/p/${slug}`);
  const question = visitor.getByRole('region', { name: 'Cookie consent' });
  await expect(question).toBeVisible();
  await visitor.screenshot({ path: 'test-results/landing-page-consent.png' });
  expect(await ours(yes)).toEqual({});
  await question.getByRole('button', { name: 'Accept' }).click();
  await expect(question).toBeHidden();
  await expect(async () =>
    expect(await ours(yes)).toMatchObject({ baton_consent: 'granted', baton_aid: expect.any(String) }),
  ).toPass();
  const visitorId = (await ours(yes)).baton_aid;
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Widgets, politely');
  await expect(visitor.getByRole('region', { name: 'Cookie consent' })).toHaveCount(0);
  expect((await ours(yes)).baton_aid).toBe(visitorId);
  await yes.close();

  // No: still no visitor cookie, and no second question.
  const no = await browser.newContext({ userAgent: desktopChrome });
  const other = await no.newPage();
  await other.goto(`/p/${slug}`);
  await other.getByRole('region', { name: 'Cookie consent' }).getByRole('button', { name: 'Decline' }).click();
  await other.reload();
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Widgets, politely');
  await expect(other.getByRole('region', { name: 'Cookie consent' })).toHaveCount(0);
  expect(await ours(no)).toEqual({ baton_consent: 'refused' });
  await no.close();
});
