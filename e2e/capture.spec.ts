import { expect, test } from '@playwright/test';
import { adminWriteKey, contactTimeline, desktopChrome, startCustomerSite } from './helpers';

test.use({ userAgent: desktopChrome });

test('the /t.js tracker on a customer site: anonymous visits are stitched onto the lead who fills the form', async ({
  page,
  request,
  baseURL,
}) => {
  const writeKey = await adminWriteKey(request);
  const tracker = `<script async src="${baseURL}/t.js" data-write-key="${writeKey}"></script>`;
  const site = await startCustomerSite({
    '/blog/widget-roi': () =>
      `<!doctype html><title>Measuring widget ROI</title>${tracker}<h1>Measuring widget ROI</h1><a href="/pricing">Pricing</a>`,
    '/pricing': () =>
      `<!doctype html><title>Pricing</title>${tracker}<h1>Pricing</h1><a href="/contact">Talk to sales</a>`,
    '/contact': () => `<!doctype html><title>Contact sales</title>${tracker}
      <form data-baton-form="Contact sales" action="/thanks" method="get">
        <label>Email <input name="email" type="email"></label>
        <label>First name <input name="first_name"></label>
        <label>Company <input name="company"></label>
        <label>Password <input name="password" type="password"></label>
        <button type="submit">Send</button>
      </form>`,
    '/thanks': () => `<!doctype html><title>Thanks</title>${tracker}<p>Thanks!</p>`,
  });
  try {
    await page.goto(`${site.origin}/blog/widget-roi?utm_source=google&utm_medium=cpc&utm_campaign=widget-roi`);
    await page.getByRole('link', { name: 'Pricing' }).click();
    await expect(page).toHaveTitle('Pricing');
    await page.getByRole('link', { name: 'Talk to sales' }).click();
    await page.getByLabel('Email').fill('jon.doe@brightforge.example');
    await page.getByLabel('First name').fill('Jon');
    await page.getByLabel('Company').fill('Brightforge');
    await page.getByLabel('Password').fill('never-sent');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page).toHaveTitle('Thanks');

    const { contact, items } = await contactTimeline(request, 'jon.doe@brightforge.example', 3);
    const views = items
      .filter((item) => item.kind === 'activity' && item.type === 'page_view')
      .map((item) => item.title);
    expect(views.slice(0, 2)).toEqual(['Measuring widget ROI', 'Pricing']);
    const form = items.find((item) => item.type === 'form_submit');
    expect(form?.title).toBe('Contact sales');
    expect(JSON.stringify(form?.detail)).not.toContain('never-sent');
    const touch = items.find((item) => item.kind === 'touch');
    expect(touch).toMatchObject({ type: 'paid_search', title: 'widget-roi' });
    expect(contact.source).toBe('paid_search');
  } finally {
    await site.close();
  }
});

test('Segment’s own browser library, loaded from Baton, lands page, identify and track on the lead', async ({
  page,
  request,
  baseURL,
}) => {
  const writeKey = await adminWriteKey(request);
  const site = await startCustomerSite({
    '/': () => `<!doctype html><title>Widget Works</title>
      <script>
        window.analytics = [];
        window.analytics._cdn = ${JSON.stringify(baseURL)};
        window.analytics.push(['page']);
      </script>
      <script async src="${baseURL}/analytics.js/v1/${writeKey}/analytics.min.js"></script>
      <button onclick="analytics.identify('crm-77', { email: 'ann.lee@northwind.example', name: 'Ann Lee' }).then(() => analytics.track('Content Downloaded', { title: 'Lifecycle of a Widget' })).then(() => { document.title = 'sent' })">Download</button>`,
  });
  try {
    await page.goto(`${site.origin}/?utm_source=linkedin&utm_medium=paid_social&utm_campaign=lifecycle`);
    await expect
      .poll(() =>
        page.evaluate(() => typeof (window as unknown as { analytics: { identify?: unknown } }).analytics.identify),
      )
      .toBe('function');
    await page.getByRole('button', { name: 'Download' }).click();
    await expect(page).toHaveTitle('sent');

    const { items } = await contactTimeline(request, 'ann.lee@northwind.example', 2);
    expect(items.filter((item) => item.kind === 'activity').map((item) => [item.type, item.title])).toEqual([
      ['page_view', 'Widget Works'],
      ['content_download', 'Lifecycle of a Widget'],
    ]);
    expect(items.find((item) => item.kind === 'touch')).toMatchObject({ type: 'paid_social', title: 'lifecycle' });
  } finally {
    await site.close();
  }
});
