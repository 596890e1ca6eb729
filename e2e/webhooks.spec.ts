import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

test.use({ actionTimeout: 15_000 });

async function shoot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test('an admin adds a webhook, sends a test event, sees it delivered in the log, and the receiver verifies it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/baton`;
  try {
    await page.goto('/login');
    await page.getByLabel('Email').fill(e2eAdmin.email);
    await page.getByLabel('Password').fill(e2eAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await page.goto('/settings/webhooks');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook' });
    await dialog.getByLabel('Endpoint URL').fill(url);
    await dialog.getByLabel('Description').fill('CRM sync');
    await dialog.getByText('lead.assigned', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Add webhook' }).click();
    // The secret is shown once.
    const secret = (await page.getByText(/^whsec_[0-9A-Za-z]{32}$/).textContent())!.trim();
    const row = page.getByRole('row', { name: /CRM sync/ });
    await expect(row).toContainText('lead.assigned');

    await row.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Send test event' }).click();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBe(1);
    const [request] = received;
    expect(request!.headers['baton-event-type']).toBe('webhook.test');
    // Verified the way the README tells receivers to.
    const signature = String(request!.headers['baton-signature']);
    const timestamp = /t=(\d+)/.exec(signature)![1]!;
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${timestamp}.${request!.body}`).digest('hex');
    expect(signature.split(',').filter((part) => part.startsWith('v1='))).toContain(`v1=${expected}`);

    await row.getByRole('button', { name: 'Delivery log' }).click();
    const log = page.getByRole('dialog', { name: 'Delivery log' });
    await expect(log).toContainText('webhook.test');
    await expect(log).toContainText('delivered');
    await shoot(page, 'webhooks-delivery-log');
    await log
      .getByRole('button', { name: 'Close' })
      .click()
      .catch(() => page.keyboard.press('Escape'));
    await expect(row).toContainText('delivered');
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
