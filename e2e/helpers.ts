import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

/** A real desktop Chrome user agent: headless Chromium's own is (rightly) dropped as a bot. */
export const desktopChrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** A customer's website on its own origin, serving the pages a test hands it. */
export async function startCustomerSite(pages: Record<string, (origin: string) => string>) {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    const page = pages[path];
    if (!page) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(`http://127.0.0.1:${port}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Signs the request context in as the e2e admin and creates a write key. */
export async function adminWriteKey(request: APIRequestContext): Promise<string> {
  expect((await request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  const created = await request.post('/api/api-keys', { data: { kind: 'write', name: `e2e ${Date.now()}` } });
  expect(created.status()).toBe(201);
  return (await created.json()).key as string;
}

export type TimelineItem = {
  kind: string;
  type: string;
  at: string;
  title: string | null;
  detail: Record<string, unknown>;
};

/** The contact with this email and its timeline (oldest first), once the pipeline has written it. */
export async function contactTimeline(request: APIRequestContext, email: string, expectedActivities: number) {
  let result: { contact: { id: string; source: string | null }; items: TimelineItem[] } | undefined;
  await expect(async () => {
    const list = await (await request.get(`/api/contacts?q=${encodeURIComponent(email)}`)).json();
    const contact = list.items.find((item: { email: string }) => item.email === email);
    expect(contact).toBeTruthy();
    const timeline = await (await request.get(`/api/contacts/${contact.id}/timeline?limit=200`)).json();
    const items = (timeline.items as TimelineItem[]).reverse();
    expect(items.filter((item) => item.kind === 'activity').length).toBeGreaterThanOrEqual(expectedActivities);
    result = { contact, items };
  }).toPass({ timeout: 20_000 });
  return result!;
}

/**
 * A new browser context signed in as a new user of this role, created by the signed-in admin `admin`.
 * `journey` keeps emails apart between journeys that share one Baton.
 */
export async function userPage(browser: Browser, admin: Page, role: string, name: string, journey: string) {
  const credentials = { email: `${role}-${journey}@e2e.example`, password: 'e2e-user-password-1' };
  const created = await admin.request.post('/api/users', { data: { ...credentials, role, name } });
  expect(created.status()).toBe(201);
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(credentials.email);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  return { page, id: (await created.json()).user.id as string };
}
