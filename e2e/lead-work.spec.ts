import { expect, type Locator, type Page, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';

const email = 'dana.whitfield@harborline.example';
// A missing control fails in seconds, not at the end of the whole journey's budget.
test.use({ actionTimeout: 15_000 });

async function shoot(page: Page, name: string) {
  // Let queries settle and notices close, so the picture shows the page itself.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Picks an option of a Mantine select or multi-select (its options live in a portal). */
async function pick(page: Page, input: Locator, option: string) {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('a lead is worked from first form to won deal: property, view, stages, verdicts, call, deal', async ({ page }) => {
  test.setTimeout(180_000);
  expect((await page.request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  const navigation = page.getByRole('navigation', { name: 'Main navigation' });

  // A custom property with options, defined in Settings.
  await page.goto('/settings');
  await page.getByRole('tab', { name: 'Properties' }).click();
  await expect(page).toHaveURL(/\/settings\/properties$/);
  await page.getByRole('button', { name: 'New property' }).click();
  const propertyDialog = page.getByRole('dialog', { name: 'New property' });
  await propertyDialog.getByLabel('Label').fill('Budget range');
  await expect(propertyDialog.getByLabel('Key')).toHaveValue('budget_range');
  await pick(page, propertyDialog.getByRole('textbox', { name: 'Type' }), 'Single select');
  const options = propertyDialog.getByLabel('Options');
  for (const option of ['Under 10k', '10k to 50k', 'Over 50k']) {
    await options.fill(option);
    await options.press('Enter');
  }
  await propertyDialog.getByRole('button', { name: 'Create property' }).click();
  await expect(propertyDialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Budget range/ })).toContainText('Under 10k, 10k to 50k, Over 50k');

  // A lead entered by hand, with that property.
  await navigation.getByRole('link', { name: 'Leads' }).click();
  await page.getByRole('button', { name: 'New lead' }).click();
  const leadDialog = page.getByRole('dialog', { name: 'New lead' });
  await leadDialog.getByLabel('First name').fill('Dana');
  await leadDialog.getByLabel('Last name').fill('Whitfield');
  await leadDialog.getByLabel('Email').fill(email);
  await leadDialog.getByLabel('Job title').fill('Head of Fleet');
  await leadDialog.getByLabel('Company', { exact: true }).fill('Harborline Logistics');
  await pick(page, leadDialog.getByRole('textbox', { name: 'Budget range' }), '10k to 50k');
  await leadDialog.getByRole('button', { name: 'Create lead' }).click();
  await expect(leadDialog).toBeHidden();
  // The new lead opens: back to the list to find it again.
  await expect(page.getByRole('heading', { name: 'Dana Whitfield' })).toBeVisible();
  await page.getByRole('link', { name: 'Leads' }).first().click();

  // Filter by stage (the filter goes into the URL) and save it as a shared view.
  await pick(page, page.getByRole('textbox', { name: 'Stage' }), 'Lead');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/stage=lead/);
  const row = page.getByRole('row').filter({ hasText: 'Dana Whitfield' });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('leads-count')).toHaveText(/^\d+ leads? match$/);
  // The custom property filters too.
  await page.getByRole('button', { name: 'More filters' }).click();
  await pick(page, page.getByRole('textbox', { name: 'Custom property' }), 'Budget range');
  await pick(page, page.getByRole('textbox', { name: 'Property value' }), '10k to 50k');
  await expect(page).toHaveURL(/property=budget_range%3A10k/);
  await expect(page.getByTestId('leads-count')).toHaveText('1 lead match');
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    /^\/api\/exports\/contacts\.csv\?.*stage=lead/,
  );
  await page.getByRole('button', { name: 'Views' }).click();
  await page.getByRole('button', { name: 'Save view…' }).click();
  const viewDialog = page.getByRole('dialog', { name: 'Save view' });
  await viewDialog.getByLabel('Name').fill('Mid-budget new leads');
  await viewDialog.getByRole('switch', { name: 'Share with the workspace' }).check();
  await viewDialog.getByRole('button', { name: 'Save view' }).click();
  await expect(viewDialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Mid-budget new leads' })).toBeVisible();

  // The view brings the filters back from an unfiltered list.
  await navigation.getByRole('link', { name: 'Leads' }).click();
  await expect(page).toHaveURL(/\/leads$/);
  await page.getByRole('button', { name: 'Views' }).click();
  const savedViews = page.getByRole('dialog', { name: 'Views' });
  await expect(savedViews.getByRole('button', { name: 'Delete view Mid-budget new leads' })).toBeVisible();
  await savedViews.getByRole('button', { name: 'Mid-budget new leads shared', exact: true }).click();
  await expect(page).toHaveURL(/stage=lead/);
  await expect(page).toHaveURL(/property=budget_range/);
  await expect(row).toHaveCount(1);
  await shoot(page, 'lead-work-list-1280');

  await row.getByRole('link', { name: 'Dana Whitfield' }).click();
  await expect(page.getByRole('heading', { name: 'Dana Whitfield' })).toBeVisible();
  const leadUrl = page.url();
  await expect(page.getByText('10k to 50k')).toBeVisible();
  const stageBadge = page.getByRole('heading', { name: 'Dana Whitfield' }).locator('..');
  const moveTo = async (stage: string, reason?: string) => {
    await page.getByRole('button', { name: 'Change stage' }).click();
    await page.getByRole('menuitem', { name: stage, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Move to ${stage}` });
    if (reason) await dialog.getByLabel('Reason').fill(reason);
    await dialog.getByRole('button', { name: `Move to ${stage}` }).click();
    await expect(dialog).toBeHidden();
    await expect(stageBadge).toContainText(stage);
  };
  await moveTo('MQL', 'Downloaded the pricing guide twice');

  // Sales rejects it for wrong timing: the reason's usual outcome, recycle, is preselected.
  await page.getByRole('button', { name: 'Reject' }).click();
  const rejectDialog = page.getByRole('dialog', { name: 'Reject Dana Whitfield' });
  await rejectDialog.getByRole('radio', { name: 'Wrong timing' }).check();
  await expect(rejectDialog.getByRole('radio', { name: 'Recycle to nurture' })).toBeChecked();
  await rejectDialog.getByLabel('Note').fill('Budget opens in the third quarter');
  await rejectDialog.getByRole('button', { name: 'Reject lead' }).click();
  await expect(rejectDialog).toBeHidden();
  await expect(stageBadge).toContainText('Recycled');
  await expect(page.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);

  await moveTo('MQL', 'Came back for the pricing page');
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  const acceptDialog = page.getByRole('dialog', { name: 'Accept Dana Whitfield' });
  await acceptDialog.getByRole('button', { name: 'Accept lead' }).click();
  await expect(acceptDialog).toBeHidden();
  await expect(stageBadge).toContainText('SAL');

  // A connected call: the working status follows.
  await page.getByRole('button', { name: 'Log activity' }).click();
  const logDialog = page.getByRole('dialog', { name: 'Log activity' });
  await pick(page, logDialog.getByRole('textbox', { name: 'Outcome' }), 'Connected');
  await logDialog.getByLabel('Duration (minutes)').fill('9');
  await logDialog.getByLabel('Summary').fill('Wants a quote');
  await logDialog.getByRole('button', { name: 'Log call' }).click();
  await expect(logDialog).toBeHidden();
  const timeline = page.getByTestId('lead-timeline');
  await expect(timeline).toContainText('Admin called — connected, 9 min: Wants a quote');
  await expect(timeline).toContainText('Status: New → Connected');
  await expect(timeline).toContainText('Status: Unqualified → New');
  await expect(page.getByRole('textbox', { name: 'Working status' })).toHaveValue('Connected');

  // Kind chips narrow the timeline.
  // A chip's checkbox has no size of its own: its label is what people click.
  const stagesChip = page.locator('label').filter({ hasText: /^Stages$/ });
  await stagesChip.click();
  await expect(page.getByRole('checkbox', { name: 'Stages' })).not.toBeChecked();
  await expect(timeline).not.toContainText('Stage:');
  await expect(timeline).toContainText('Wants a quote');
  await stagesChip.click();
  await expect(timeline).toContainText('Stage: Lead → MQL');

  // A deal for the lead, closed won: the lead becomes a customer.
  const deals = page.getByTestId('deals-panel');
  await deals.getByRole('button', { name: 'New deal' }).click();
  const dealDialog = page.getByRole('dialog', { name: 'New deal' });
  await expect(dealDialog.getByLabel('Name')).toHaveValue('Harborline Logistics');
  await dealDialog.getByLabel('Name').fill('Harborline fleet rollout');
  await dealDialog.getByLabel('Amount').fill('48000');
  await dealDialog.getByRole('button', { name: 'Create deal' }).click();
  await expect(dealDialog).toBeHidden();
  await expect(stageBadge).toContainText('Opportunity');
  await deals.getByRole('link', { name: 'Harborline fleet rollout' }).click();
  await expect(page.getByRole('heading', { name: 'Harborline fleet rollout' })).toBeVisible();
  await expect(page.getByText('$48,000').first()).toBeVisible();
  await page.getByRole('button', { name: 'Close won' }).click();
  const closeDialog = page.getByRole('dialog', { name: 'Close Harborline fleet rollout won' });
  await closeDialog.getByRole('button', { name: 'Close won' }).click();
  await expect(closeDialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();

  await page.getByRole('link', { name: 'Dana Whitfield' }).click();
  await expect(stageBadge).toContainText('Customer');
  await expect(timeline).toContainText('Deal Harborline fleet rollout won · $48,000');
  const history = page.getByTestId('stage-history');
  for (const words of [
    'from Lead · by Admin · Downloaded the pricing guide twice',
    'from MQL · by Admin · rejected: Wrong timing · Budget opens in the third quarter',
    'from Recycled · by Admin · Came back for the pricing page',
    'from MQL · by Admin · accepted by sales',
    'from SAL · by Admin · deal opened',
    'from Opportunity · by Admin · deal won',
    'by Admin · created',
  ]) {
    await expect(history).toContainText(words);
  }
  await expect(history).toContainText(/Customer\d+ (s|min) so far/);
  await shoot(page, 'lead-work-record-1280');

  // The company page rolls up the deal.
  await page.getByRole('link', { name: 'Harborline Logistics' }).first().click();
  await expect(page.getByRole('heading', { name: 'Harborline Logistics' })).toBeVisible();
  const companyDeals = page.getByTestId('deals-panel');
  await expect(companyDeals.getByRole('link', { name: 'Harborline fleet rollout' })).toBeVisible();
  await expect(companyDeals).toContainText('Won');
  await expect(page.getByRole('row').filter({ hasText: 'Dana Whitfield' })).toHaveCount(1);
  await expect(page.getByTestId('lead-timeline')).toContainText('Deal Harborline fleet rollout won');
  const companyUrl = page.url();
  await shoot(page, 'lead-work-company-1280');
  await navigation.getByRole('link', { name: 'Companies' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Harborline Logistics' })).toContainText('harborline.example');

  // The board: a few open deals across the pipeline.
  const harborline = (await (await page.request.get('/api/companies?q=harborline')).json()).items[0].id as string;
  for (const [name, stage, amountMinor, currency] of [
    ['Harborline depot pilot', 'discovery', 1_200_000, 'USD'],
    ['Harborline spare parts', 'proposal', 650_000, 'EUR'],
    ['Harborline service contract with a long name that wraps', 'negotiation', 9_900_000, 'USD'],
  ] as const) {
    const created = await page.request.post('/api/deals', {
      data: { name, stage, amountMinor, currency, companyId: harborline, expectedCloseOn: '2031-03-31' },
    });
    expect(created.status()).toBe(201);
  }
  await navigation.getByRole('link', { name: 'Deals' }).click();
  const board = page.getByTestId('deal-board');
  await expect(board.getByRole('link', { name: 'Harborline depot pilot' })).toBeVisible();
  await expect(board.getByLabel('Negotiation', { exact: true })).toContainText('$99,000');
  await expect(board.getByLabel('Proposal', { exact: true })).toContainText('€6,500');
  await shoot(page, 'lead-work-deals-1280');
  await page.getByRole('tab', { name: 'Won' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Harborline fleet rollout' })).toContainText('$48,000');

  // A phone: the same three pages at 390 px.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/deals');
  await expect(board.getByRole('link', { name: 'Harborline depot pilot' })).toBeVisible();
  await shoot(page, 'lead-work-deals-390');
  await page.goto(leadUrl);
  await expect(stageBadge).toContainText('Customer');
  await expect(timeline).toContainText('Wants a quote');
  await shoot(page, 'lead-work-record-390');
  await page.goto(companyUrl);
  await expect(page.getByTestId('deals-panel')).toContainText('Harborline fleet rollout');
  await shoot(page, 'lead-work-company-390');
  await page.goto('/leads?stage=customer');
  await expect(page.getByRole('row').filter({ hasText: 'Dana Whitfield' })).toHaveCount(1);
  await shoot(page, 'lead-work-list-390');

  // The taxonomy and lead visibility live in Settings.
  await page.goto('/settings/rejection-reasons');
  await expect(page.getByRole('row', { name: /Wrong timing/ })).toBeVisible();
  await shoot(page, 'lead-work-reasons-390');
  await page.goto('/settings/account');
  const visibility = page.getByRole('radiogroup', { name: 'Lead visibility' });
  await expect(visibility.getByRole('radio', { name: 'All leads' })).toBeChecked();
  await visibility.getByRole('radio', { name: 'Their team’s leads' }).check();
  await expect(page.getByText('Lead visibility saved.')).toBeVisible();
  expect(await (await page.request.get('/api/workspace/settings')).json()).toEqual({ leadVisibility: 'team' });
  await visibility.getByRole('radio', { name: 'All leads' }).check();
  await expect
    .poll(async () => (await (await page.request.get('/api/workspace/settings')).json()).leadVisibility)
    .toBe('all');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/settings/properties');
  await expect(page.getByRole('row', { name: /Budget range/ })).toBeVisible();
  await shoot(page, 'lead-work-properties-1280');
});
