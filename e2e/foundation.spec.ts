import { expect, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

test('an admin signs in, finds their way around the shell, and creates an API key', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in to Baton' })).toBeVisible();

  await page.getByLabel('Email').fill(e2eAdmin.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');

  await page.getByLabel('Password').fill(e2eAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();

  const navigation = page.getByRole('navigation', { name: 'Main navigation' });
  for (const area of ['Overview', 'Leads', 'My queue', 'Forms', 'Scoring', 'Routing', 'Reports', 'Settings']) {
    await expect(navigation.getByRole('link', { name: area })).toBeVisible();
  }

  await navigation.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create API key' });
  await dialog.getByLabel('Name').fill('Website tracker');
  await dialog.getByRole('button', { name: 'Create key' }).click();

  const secret = page.getByTestId('revealed-secret');
  await expect(secret).toHaveText(/^wk_[0-9A-Za-z]{40}$/);
  const key = (await secret.textContent()) ?? '';
  const row = page.getByRole('row', { name: /Website tracker/ });
  await expect(row).toContainText(key.slice(0, 10));
  await expect(row).not.toContainText(key);

  // The key works against the API and only for ingest.
  const refused = await page.request.get('/api/users', { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(403);

  // Reload keeps the session and the page; signing out ends it.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'API keys', selected: true })).toBeVisible();
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Baton' })).toBeVisible();
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
});

test('a sales rep sees no admin settings, and the server refuses them too', async ({ page }) => {
  // The admin creates a rep through the API, as an integrator would.
  const login = await page.request.post('/api/auth/login', { data: e2eAdmin });
  expect(login.status()).toBe(200);
  const created = await page.request.post('/api/users', {
    data: { email: `rep-${Date.now()}@e2e.example`, role: 'sales_rep', name: 'Riley Rep' },
  });
  expect(created.status()).toBe(201);
  const { user, password } = await created.json();
  await page.request.post('/api/auth/logout');

  await page.goto('/');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A rep's home is their queue.
  await expect(page).toHaveURL(/\/queue$/);
  await expect(page.getByRole('heading', { name: 'My queue' })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('tab', { name: 'Teams' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'API keys' })).toHaveCount(0);
  expect((await page.request.get('/api/api-keys')).status()).toBe(403);
});
