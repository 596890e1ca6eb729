import { expect, type Page, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

test.use({ actionTimeout: 15_000 });

async function shoot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

// A HubSpot contacts export, as a marketer would download it: one good row, one with a broken email,
// one exact duplicate of the first (it is reported, not imported twice), one more good row.
const hubspotExport = [
  'First Name,Last Name,Email,Job Title,Company Name,Lifecycle Stage,Phone Number',
  'Imogen,Reyes,imogen.reyes@quayside.example,Head of Growth,Quayside Freight,Lead,+44 20 7946 0101',
  'Broken,Address,not-an-email,Analyst,Quayside Freight,Lead,',
  'Imogen,Reyes,imogen.reyes@quayside.example,Head of Growth,Quayside Freight,Lead,+44 20 7946 0101',
  'Tobias,Lindqvist,tobias.lindqvist@quayside.example,CFO,Quayside Freight,Marketing Qualified Lead,',
].join('\r\n');

async function uploadAndCheck(page: Page) {
  await page.goto('/settings/import');
  await expect(page.getByRole('heading', { name: 'Import from CSV' })).toBeVisible();
  await page.locator('input[type=file]').setInputFiles({
    name: 'hubspot-contacts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(hubspotExport),
  });
  await expect(page.getByText(/^hubspot-contacts\.csv \(/)).toBeVisible();
  await page.getByRole('button', { name: 'Upload contacts' }).click();
  // The mapping is guessed from HubSpot's headers.
  await expect(page.getByRole('textbox', { name: 'Import Email as' })).toHaveValue(/Email/);
  await expect(page.getByRole('textbox', { name: 'Import Job Title as' })).toHaveValue('Job title');
  await page.getByRole('button', { name: 'Check every row', exact: true }).click();
}

test('a HubSpot export is mapped, checked row by row, imported in the background, and exported again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect((await page.request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Import and export' }).click();
  await expect(page).toHaveURL(/\/settings\/import$/);

  await uploadAndCheck(page);
  // The dry run writes nothing and names every problem row, its column and why.
  await expect(page.getByText('Every row was checked')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('2 rows with problems')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'not-an-email' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'duplicate' })).toBeVisible();
  expect((await (await page.request.get('/api/contacts?q=imogen')).json()).items).toHaveLength(0);
  await shoot(page, 'import-check-1280');

  await page.getByRole('button', { name: 'Import 2 rows (skip 2)' }).click();
  const finished = page.getByRole('alert').filter({ hasText: 'Import finished' });
  await expect(finished).toContainText('2 created', { timeout: 30_000 });
  await expect(finished).toContainText('2 not imported');

  // The leads are there, with their company and the stage the file gave them.
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Leads' }).click();
  await page.getByRole('textbox', { name: 'Search leads' }).fill('quayside');
  await expect(page.getByRole('row').filter({ hasText: 'Imogen Reyes' })).toContainText('Quayside Freight');
  await expect(page.getByRole('row').filter({ hasText: 'Tobias Lindqvist' })).toBeVisible();

  // The same file again changes nothing.
  await uploadAndCheck(page);
  await expect(page.getByText('Every row was checked')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Import 2 rows/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Import finished' })).toContainText(
    '0 created, 0 updated, 2 unchanged',
    { timeout: 30_000 },
  );
  await shoot(page, 'import-done-1280');

  // Export of the filtered list: the imported leads come back out as CSV.
  const exported = await page.request.get('/api/exports/contacts.csv?q=quayside');
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toContain('text/csv');
  const csv = await exported.text();
  expect(csv).toContain('imogen.reyes@quayside.example');
  expect(csv).toContain('tobias.lindqvist@quayside.example');
  expect(csv).not.toContain('not-an-email');
});
