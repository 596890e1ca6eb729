import { expect, type Page, test } from '@playwright/test';
import { adminWriteKey, desktopChrome, startCustomerSite, userPage } from './helpers';

test.use({ actionTimeout: 15_000 });

const whitePaper = '10 Tips for Improving your Widget ROI';

/** A screenshot to look at: the whole page, or (phones) the first two screens, which is what a rep sees. */
async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  const size = page.viewportSize();
  await page.screenshot({
    path: `test-results/screenshots/${name}.png`,
    ...(options.fullPage === false && size
      ? { fullPage: true, clip: { x: 0, y: 0, width: size.width, height: size.height * 2 } }
      : { fullPage: true }),
  });
}

test('a visitor reads, downloads the white paper and asks for sales; the rep sees the lead live in the queue with a talk track naming it, calls and accepts; the SLA is met', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const lastName = `Visitor${suffix}`;
  const email = `jo.${suffix}@brightforge.example`;
  const key = await adminWriteKey(page.request);
  const rep = await userPage(browser, page, 'sales_rep', `Sam Seller ${suffix}`, `queue-${suffix}`);
  const manager = await userPage(browser, page, 'sales_manager', `Maya Manager ${suffix}`, `queue-${suffix}`);
  const rules = await page.request.put('/api/routing/rules', {
    data: { rules: [{ name: `Inbound to Sam ${suffix}`, target: { type: 'user', userId: rep.id } }] },
  });
  expect(rules.status()).toBe(200);

  // The rep's home is the queue.
  const r = rep.page;
  await r.goto('/');
  await expect(r).toHaveURL(/\/queue$/);
  await expect(r.getByRole('heading', { name: 'My queue' })).toBeVisible();

  // A visitor on the customer's site: two pages, the white paper, then the contact form.
  const tracker = `<script async src="${baseURL}/t.js" data-write-key="${key}"></script>`;
  const site = await startCustomerSite({
    '/blog/widget-roi': () =>
      `<!doctype html><title>Measuring widget ROI</title>${tracker}<h1>Measuring widget ROI</h1><a href="/resources">Resources</a>`,
    '/resources': () => `<!doctype html><title>Resources</title>${tracker}<h1>Resources</h1>
      <a href="/contact" data-baton-track="Content Downloaded" data-baton-prop-title="${whitePaper}"
         data-baton-prop-asset-kind="White paper">Download the white paper</a>`,
    '/contact': () => `<!doctype html><title>Contact sales</title>${tracker}
      <form data-baton-form="Contact sales" action="/thanks" method="get">
        <label>Email <input name="email" type="email"></label>
        <label>First name <input name="first_name"></label>
        <label>Last name <input name="last_name"></label>
        <label>Company <input name="company"></label>
        <label>How can we help? <textarea name="comments"></textarea></label>
        <button type="submit">Send</button>
      </form>`,
    '/thanks': () => `<!doctype html><title>Thanks</title>${tracker}<p>Thanks!</p>`,
  });
  const visitorContext = await browser.newContext({ userAgent: desktopChrome });
  try {
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${site.origin}/blog/widget-roi?utm_source=google&utm_medium=cpc&utm_campaign=widget-roi`);
    await visitor.getByRole('link', { name: 'Resources' }).click();
    await expect(visitor).toHaveTitle('Resources');
    await visitor.getByRole('link', { name: 'Download the white paper' }).click();
    await expect(visitor).toHaveTitle('Contact sales');
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByLabel('First name').fill('Jo');
    await visitor.getByLabel('Last name').fill(lastName);
    await visitor.getByLabel('Company').fill('Brightforge');
    await visitor
      .getByLabel('How can we help?')
      .fill('We are rolling out widgets to 3 plants by the end of next month.');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await expect(visitor).toHaveTitle('Thanks');
  } finally {
    await visitorContext.close();
    await site.close();
  }

  // Live, with no reload: the lead appears at the top of Sam's queue with its SLA countdown.
  const card = r.getByRole('listitem', { name: `Jo ${lastName}` });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('Hand-raiser');
  await expect(card).toContainText('left');
  await expect(card).toContainText('Asked for sales: sent the “Contact sales” form');
  await card.click();
  const talkTrack = r.getByLabel('Talk track');
  await expect(talkTrack).toContainText(whitePaper);
  await expect(talkTrack).toContainText('by the end of next month');
  await shoot(r, 'queue-desktop');

  // Keyboard: the shortcuts are one key away.
  await r.keyboard.press('Shift+?');
  await expect(r.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Log a call');
  await r.keyboard.press('Escape');

  // The rep calls and gets through, then accepts — from the queue, one click each.
  await card.getByRole('button', { name: 'Log call' }).click();
  await r.getByRole('menuitem', { name: 'Connected' }).click();
  await expect(r.getByText(`Call with Jo ${lastName} logged: connected.`)).toBeVisible();
  await expect(card).toContainText('Last touch: call, connected');
  await expect(card.getByLabel(/^SLA /)).toHaveCount(0);
  await card.getByRole('button', { name: 'Accept' }).click();
  await expect(r.getByText(`Jo ${lastName} is now a sales accepted lead.`)).toBeVisible();
  await expect(card).toContainText('Accepted, in conversation');

  // The manager's board: the SLA was met, and Sam's response counts.
  const m = manager.page;
  await m.goto('/routing/board');
  const reps = m.getByLabel('Response per rep');
  // Rep, assigned, touched, within SLA, breached: one each, none breached.
  await expect(reps.getByRole('row', { name: new RegExp(`Sam Seller ${suffix}`) }).getByRole('cell')).toHaveText([
    `Sam Seller ${suffix}`,
    '1',
    '1',
    '1',
    '0',
    /\d/,
  ]);
  await shoot(m, 'queue-manager-board');

  // The manager can look at Sam's queue too.
  await m.goto(`/queue?view=rep:${rep.id}`);
  await expect(m.getByRole('listitem', { name: `Jo ${lastName}` })).toContainText(`Sam Seller ${suffix}`);

  // The lead record, on a desktop and on a phone.
  await card.getByRole('link', { name: `Jo ${lastName}` }).click();
  await expect(r.getByLabel('Talk track')).toContainText(whitePaper);
  const moments = r.getByLabel('Interesting moments');
  await expect(moments).toContainText(`Downloaded the white paper “${whitePaper}”`);
  await expect(moments).toContainText('Asked for sales through “Contact sales”: “We are rolling out widgets');
  await shoot(r, 'lead-record-desktop');
  await r.setViewportSize({ width: 390, height: 844 });
  await expect(r.getByLabel('Talk track')).toBeVisible();
  await shoot(r, 'lead-record-390', { fullPage: false });
  await r.goto('/queue');
  await expect(r.getByRole('listitem', { name: `Jo ${lastName}` })).toBeVisible();
  // On a phone the selected lead's talk track opens inside its card.
  await r.getByRole('listitem', { name: `Jo ${lastName}` }).click();
  await expect(r.getByRole('listitem', { name: `Jo ${lastName}` }).getByLabel('Talk track')).toContainText(whitePaper);
  const phoneOverflow = await r.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(phoneOverflow).toBeLessThanOrEqual(0);
  await shoot(r, 'queue-390');

  // The manager hands the lead to another rep in bulk, from Sam's queue: it leaves it.
  await m.goto(`/queue?view=rep:${rep.id}`);
  const inSamsQueue = m.getByRole('listitem', { name: `Jo ${lastName}` });
  await inSamsQueue.getByRole('checkbox', { name: `Select Jo ${lastName}` }).check();
  await m.getByRole('textbox', { name: 'Reassign to' }).click();
  await m.getByRole('option', { name: `Maya Manager ${suffix}` }).click();
  await m.getByRole('button', { name: 'Reassign', exact: true }).click();
  await expect(m.getByText('1 lead reassigned.')).toBeVisible();
  await expect(inSamsQueue).toHaveCount(0);
});
