import { expect, type Locator, type Page, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';
import { desktopChrome } from './helpers';

// A missing control fails in seconds, not at the end of the whole journey's budget.
test.use({ actionTimeout: 15_000 });

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function shoot(page: Page, name: string) {
  // Let queries settle and notices close, so the picture shows the page itself.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  // From the top: a full-page picture of a scrolled page draws the fixed header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Picks an option of a Mantine select or multi-select (its options live in a portal). */
async function pick(page: Page, input: Locator, option: string) {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Signs the page's context in as a new user of this role (created by the e2e admin), returning the user. */
async function signInAsNew(page: Page, role: string, name: string) {
  expect((await page.request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  const credentials = { email: `${role}-${Date.now()}@e2e.example`, password: 'e2e-scoring-password-1' };
  const created = await page.request.post('/api/users', { data: { ...credentials, role, name } });
  expect(created.status()).toBe(201);
  await page.request.post('/api/auth/logout');
  expect((await page.request.post('/api/auth/login', { data: credentials })).status()).toBe(200);
}

test('marketing tunes the scoring model, previews and rescores; a lead explains its score', async ({ page }) => {
  test.setTimeout(180_000);
  // Other journeys share this workspace: everything made here carries this suffix.
  const suffix = Date.now();
  const ruleLabel = `Pricing page ${suffix}`;
  const personaName = `Operations leader ${suffix}`;
  const lastName = `Pricewell${suffix}`;
  const email = `morgan.${suffix}@brightforge.example`;

  expect((await page.request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  const created = await page.request.post('/api/api-keys', { data: { kind: 'write', name: `E2E scoring ${suffix}` } });
  expect(created.status()).toBe(201);
  const { key } = (await created.json()) as { key: string };
  await signInAsNew(page, 'marketing', 'Mara Marketer');

  // A persona the lead will match, by its title.
  await page.goto('/');
  const navigation = page.getByRole('navigation', { name: 'Main navigation' });
  await navigation.getByRole('link', { name: 'Scoring' }).click();
  await expect(page).toHaveURL(/\/scoring\/model$/);
  await page.getByRole('tab', { name: 'Personas' }).click();
  await expect(page).toHaveURL(/\/scoring\/personas$/);
  await page.getByRole('button', { name: 'New persona' }).click();
  const personaDialog = page.getByRole('dialog', { name: 'New persona' });
  await personaDialog.getByLabel('Name').fill(personaName);
  await personaDialog.getByLabel('Priority').fill('5');
  await personaDialog.getByLabel('Description').fill('Runs the warehouse floor; buys to cut downtime.');
  const values = personaDialog.getByRole('textbox', { name: 'Condition 1 values' });
  await values.fill(`Chief Widget Officer ${suffix}`);
  await values.press('Enter');
  await personaDialog.getByLabel('Pains').fill('Unplanned downtime\nSpare parts stock-outs');
  await personaDialog.getByLabel('Discovery questions').fill('How many hours of downtime last quarter?');
  await personaDialog.getByLabel('Objections').fill('We already have a maintenance system');
  await personaDialog.getByRole('button', { name: 'Create persona' }).click();
  await expect(personaDialog).toBeHidden();
  const personaCard = page.getByRole('region', { name: personaName });
  await expect(personaCard).toContainText('Unplanned downtime');
  await expect(personaCard).toContainText(`Job title contains any of Chief Widget Officer ${suffix}`);

  // An engagement rule: the pricing page is worth 20 points, once a day at most.
  await page.getByRole('tab', { name: 'Model' }).click();
  await page.getByRole('button', { name: 'Add rule' }).click();
  const ruleDialog = page.getByRole('dialog', { name: 'New engagement rule' });
  await ruleDialog.getByLabel('Label').fill(ruleLabel);
  await ruleDialog.getByLabel('Points').fill('20');
  await pick(page, ruleDialog.getByRole('textbox', { name: 'Activity types' }), 'Page view');
  await page.keyboard.press('Escape');
  await ruleDialog.getByLabel('URL contains').fill(`/pricing-${suffix}`);
  await ruleDialog.getByLabel('Per day').fill('1');
  await ruleDialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(ruleDialog).toBeHidden();
  const ruleRow = page.getByRole('table', { name: 'Engagement rules' }).getByRole('row').filter({ hasText: ruleLabel });
  await expect(ruleRow).toContainText('+20');
  await expect(ruleRow).toContainText('1× a day');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // What would the draft have done over the last 30 days, next to the saved model?
  await page.getByRole('button', { name: 'Preview the change' }).click();
  const preview = page.getByRole('table', { name: 'Preview: current and proposed model' });
  await expect(preview).toContainText('Over the last 30 days');
  await expect(preview.getByRole('row').filter({ hasText: 'MQLs' })).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: 'Contacts scored' })).toBeVisible();
  await shoot(page, 'scoring-model-1280');

  await page.getByRole('button', { name: 'Save and rescore' }).click();
  // Every contact is rescored in the background; the page follows it to the end.
  await expect(page.getByTestId('rescore-status')).toContainText(/rescored \d[\d,]* contacts?/, { timeout: 60_000 });
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await page.reload();
  await expect(ruleRow).toContainText('+20');

  // A lead with that title views the pricing page four times today: the cap counts one of them.
  const userAgent = desktopChrome;
  const context = { userAgent };
  const anonymousId = `e2e-scoring-${suffix}`;
  const views = [4, 3, 2, 1].map((minutes) => ({
    type: 'page',
    anonymousId,
    name: 'Pricing',
    timestamp: minutesAgo(minutes),
    properties: { title: 'Pricing', url: `https://brightforge.example/pricing-${suffix}` },
    context,
  }));
  const sent = await page.request.post('/v1/batch', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      batch: [
        {
          type: 'identify',
          anonymousId,
          timestamp: minutesAgo(5),
          traits: { email, firstName: 'Morgan', lastName, title: `Chief Widget Officer ${suffix}` },
          context,
        },
        ...views,
      ],
    },
  });
  expect(sent.status()).toBe(200);

  // The pipeline scores the lead within moments of the events.
  let contactId = '';
  await expect(async () => {
    const list = await (await page.request.get(`/api/contacts?q=${lastName}`)).json();
    contactId = list.items[0]?.id;
    expect(contactId).toBeTruthy();
    const score = await (await page.request.get(`/api/contacts/${contactId}/score`)).json();
    expect(score.engagement.filter((entry: { label: string }) => entry.label === ruleLabel)).toHaveLength(1);
  }).toPass({ timeout: 30_000 });

  // The list shows grade, score and persona, and filters by a minimum score.
  await navigation.getByRole('link', { name: 'Leads' }).click();
  await page.getByRole('textbox', { name: 'Search leads' }).fill(lastName);
  await expect(page).toHaveURL(new RegExp(`q=${lastName}`));
  const row = page.getByRole('row').filter({ hasText: `Morgan ${lastName}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(personaName);
  await page.getByRole('button', { name: 'More filters' }).click();
  const minimum = page.getByRole('textbox', { name: 'Minimum score' });
  await minimum.fill('500000');
  await minimum.press('Enter');
  await expect(page).toHaveURL(/scoreMin=500000/);
  await expect(row).toHaveCount(0);
  await minimum.fill('15');
  await minimum.press('Enter');
  await expect(page).toHaveURL(/scoreMin=15/);
  await expect(row).toHaveCount(1);

  // The record says why: the rule's points then and now, the capped views, the persona.
  await row.getByRole('link', { name: `Morgan ${lastName}` }).click();
  await expect(page.getByRole('heading', { name: `Morgan ${lastName}` })).toBeVisible();
  const breakdown = page.getByTestId('score-breakdown');
  await expect(breakdown).toContainText(ruleLabel);
  await expect(breakdown).toContainText('+20');
  await expect(breakdown).toContainText('Not counted, cap reached:');
  await expect(breakdown).toContainText(`${ruleLabel} × 3`);
  await expect(breakdown).toContainText(personaName);
  const leadUrl = page.url();
  await shoot(page, 'scoring-lead-1280');

  await page.goto('/scoring/calibration');
  await expect(page.getByTestId('calibration-auc')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Outcome rate by grade' })).toBeVisible();
  await shoot(page, 'scoring-calibration-1280');

  // A phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/scoring/model');
  await expect(ruleRow).toBeVisible();
  await shoot(page, 'scoring-model-390');
  await page.goto('/scoring/personas');
  await expect(personaCard).toBeVisible();
  await shoot(page, 'scoring-personas-390');
  await page.goto(leadUrl);
  await expect(breakdown).toContainText(ruleLabel);
  await shoot(page, 'scoring-lead-390');
});

test('sales reads the scoring model but cannot change it', async ({ page }) => {
  await signInAsNew(page, 'sales_manager', 'Sam Manager');
  await page.goto('/scoring');
  await expect(page.getByRole('heading', { name: 'Engagement rules' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'MQL minimum score' })).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: 'Add rule' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save and rescore' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Personas' }).click();
  await expect(page.getByRole('button', { name: 'New persona' })).toHaveCount(0);
  expect((await page.request.put('/api/scoring', { data: {} })).status()).toBe(403);
});
