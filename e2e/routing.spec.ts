import { expect, type Page, test } from '@playwright/test';
import { adminWriteKey, desktopChrome, userPage } from './helpers';

test.use({ actionTimeout: 15_000 });

async function shoot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

test('a manager routes hand-raisers to a team; the rep hears of the lead live; the SLA board tracks the first touch', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now();
  const teamName = `Inbound ${suffix}`;
  const email = `riley.${suffix}@northwind.example`;
  const key = await adminWriteKey(page.request);
  const rep = await userPage(browser, page, 'sales_rep', `Rory Rep ${suffix}`, `${suffix}`);
  const manager = await userPage(browser, page, 'sales_manager', `Mina Manager ${suffix}`, `${suffix}`);
  const team = await page.request.post('/api/teams', { data: { name: teamName } });
  expect(team.status()).toBe(201);
  const teamId = (await team.json()).id;
  expect(
    (
      await page.request.put(`/api/teams/${teamId}/members`, { data: { members: [{ userId: rep.id, weight: 1 }] } })
    ).status(),
  ).toBe(200);

  // The manager writes the rule in the editor.
  const m = manager.page;
  await m.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Routing' }).click();
  await expect(m).toHaveURL(/\/routing\/rules$/);
  await m.getByRole('button', { name: 'Add rule' }).click();
  const dialog = m.getByRole('dialog', { name: 'New routing rule' });
  await dialog.getByLabel('Name').fill(`Hand-raisers to ${teamName}`);
  await dialog.getByRole('button', { name: 'Add condition' }).click();
  await dialog.getByLabel('Field').click();
  await m.getByRole('option', { name: 'Hand-raiser (true/false)' }).click();
  await dialog.getByLabel('Values').fill('true');
  await dialog.getByLabel('Values').press('Enter');
  await dialog.getByText('A team (round robin)').click();
  await dialog.getByLabel('Team or pilot group').click();
  await m.getByRole('option', { name: teamName, exact: true }).click();
  await dialog.getByRole('button', { name: 'Keep rule' }).click();
  await m.getByRole('button', { name: 'Save rules' }).click();
  await expect(m.getByText('Routing rules saved')).toBeVisible();
  await expect(m.getByLabel(`Rule 1: Hand-raisers to ${teamName}`)).toContainText(`round robin in ${teamName}`);
  await shoot(m, 'routing-rules');

  // The rep sits on the home page; a visitor asks for sales.
  await rep.page.goto('/');
  const sent = await page.request.post('/v1/batch', {
    headers: { authorization: `Bearer ${key}` },
    data: {
      batch: [
        {
          type: 'identify',
          anonymousId: `riley-${suffix}`,
          traits: { email, firstName: 'Riley', lastName: `Ng${suffix}` },
          context: { userAgent: desktopChrome },
        },
        {
          type: 'track',
          anonymousId: `riley-${suffix}`,
          event: 'Form Submitted',
          properties: { form: 'Contact sales', email, comments: 'We need 200 widgets by June.' },
          context: { userAgent: desktopChrome, traits: { email, firstName: 'Riley', lastName: `Ng${suffix}` } },
        },
      ],
    },
  });
  expect(sent.status()).toBe(200);

  // Live, with no reload: the toast, then the bell's list with the call brief.
  await expect(rep.page.getByText(`Hand-raiser: Riley Ng${suffix} wants to talk to sales`).first()).toBeVisible({
    timeout: 20_000,
  });
  // Other journeys' leads may reach this rep too: the count is at least one, the list names Riley.
  await rep.page.getByRole('button', { name: /Notifications, \d+ unread/ }).click();
  await expect(rep.page.getByLabel('Latest notifications')).toContainText('We need 200 widgets by June.');
  await shoot(rep.page, 'routing-rep-notified');

  // The manager's board shows the open clock; the simulator explains the same lead.
  await m.getByRole('tab', { name: 'SLA board' }).click();
  const open = m.getByLabel('Open SLA clocks');
  await expect(open).toContainText(`Riley Ng${suffix}`);
  await expect(open).toContainText(`Rory Rep ${suffix}`);
  await shoot(m, 'routing-sla-board');

  // The rep calls: the clock stops within the SLA.
  const contacts = await (await rep.page.request.get(`/api/contacts?q=${encodeURIComponent(email)}`)).json();
  const contactId = contacts.items[0].id;
  const call = await rep.page.request.post('/api/sales-activities', {
    data: { contactId, type: 'call', outcome: 'connected', durationSeconds: 90 },
  });
  expect(call.status()).toBe(201);
  await m.reload();
  // No open clock names the lead any more (the table itself goes when none is left).
  await expect(m.getByRole('link', { name: `Riley Ng${suffix}` })).toHaveCount(0);
  const reps = m.getByLabel('Response per rep');
  await expect(reps.getByRole('row', { name: new RegExp(`Rory Rep ${suffix}`) })).toContainText('1');

  // The lead's record tells the story: assigned by the rule, first touch within the SLA.
  await m.goto(`/leads/${contactId}`);
  await expect(m.getByLabel('Assignment history')).toContainText(`Routed: Rory Rep ${suffix}`);
  await expect(m.getByLabel('Assignment history')).toContainText('SLA met');
  // The talk track opens with the visitor's own request and time frame.
  await expect(m.getByLabel('Talk track')).toContainText(
    'You wrote: “We need 200 widgets by June.” — so you are looking to move by June.',
  );
  await shoot(m, 'routing-lead-record');
});
