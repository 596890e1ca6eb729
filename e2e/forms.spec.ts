import { expect, test } from '@playwright/test';
import { e2eAdmin } from '../playwright.config';
import { adminWriteKey, desktopChrome, startCustomerSite } from './helpers';

test.use({ userAgent: desktopChrome });

test('an embedded form on a plain page: UTM source and consent on the contact, progressive fields on the next visit', async ({
  page,
  request,
  baseURL,
}) => {
  const writeKey = await adminWriteKey(request);
  expect((await request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  const created = await request.post('/api/forms', {
    data: {
      name: 'Spring webinar',
      status: 'published',
      fields: [
        { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
        { name: 'first_name', type: 'text', label: 'First name', required: true, mapTo: 'contact.firstName' },
        { name: 'company', type: 'text', label: 'Company', mapTo: 'contact.companyName' },
        { name: 'job_title', type: 'text', label: 'Job title', mapTo: 'contact.title', progressive: true },
        {
          name: 'team_size',
          type: 'select',
          label: 'Team size',
          options: ['1-10', '11-50', '51+'],
          progressive: true,
        },
      ],
      consent: { text: 'Email me about Baton events.', required: true },
      success: { type: 'message', message: 'See you at the webinar!' },
      spam: { minFillSeconds: 0, blockedDomains: [] },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const form = await created.json();
  const tracker = `<script async src="${baseURL}/t.js" data-write-key="${writeKey}"></script>`;
  const site = await startCustomerSite({
    '/webinar': () => `<!doctype html><title>Spring webinar</title>${tracker}
      <style>.baton-form__submit{background:#0a7d38}</style>
      <h1>Spring webinar</h1>
      ${form.embed.snippet}`,
  });
  try {
    await page.goto(`${site.origin}/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=spring-launch`);
    const email = page.getByLabel('Work email');
    await expect(email).toBeVisible();
    await expect(page.getByLabel('Job title')).toHaveCount(0);
    // The site's own stylesheet wins over the form's.
    await expect(page.getByRole('button', { name: 'Submit' })).toHaveCSS('background-color', 'rgb(10, 125, 56)');

    // Inline validation, tied to the fields for assistive technology.
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('This field is required').first()).toBeVisible();
    await expect(email).toBeFocused();

    await email.fill('mara.jade@brightforge.example');
    await page.getByLabel('First name').fill('Mara');
    await page.getByLabel('Company').fill('Brightforge');
    await page.getByLabel('Email me about Baton events.').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('status')).toHaveText('See you at the webinar!');

    let contact: { id: string; source: string | null; consentStatus: string; firstName: string } | undefined;
    await expect(async () => {
      const list = await (await request.get('/api/contacts?q=mara.jade%40brightforge.example')).json();
      const found = list.items.find((item: { email: string }) => item.email === 'mara.jade@brightforge.example');
      expect(found).toBeTruthy();
      contact = await (await request.get(`/api/contacts/${found.id}`)).json();
      expect(contact).toMatchObject({ source: 'email', consentStatus: 'granted', firstName: 'Mara' });
    }).toPass({ timeout: 20_000 });

    const submissions = await (await request.get(`/api/form-submissions?formId=${form.id}`)).json();
    expect(submissions.items[0]).toMatchObject({
      status: 'processed',
      contactId: contact!.id,
      context: { utm: { source: 'newsletter', medium: 'email', campaign: 'spring-launch' } },
    });

    // The second visit: Baton knows who this is (the tracker's cookie), so it asks what it does not know yet.
    // (The visitor's id is tied to the contact by the event pipeline, a moment after processing.)
    await expect(async () => {
      await page.goto(`${site.origin}/webinar`);
      await expect(page.getByLabel('Job title')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByLabel('Team size')).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveCount(0);
    await expect(page.getByLabel('Company')).toHaveCount(0);
    await expect(page.getByLabel('Work email')).toHaveValue('mara.jade@brightforge.example');
    await page.getByLabel('Job title').fill('Head of Growth');
    await page.getByLabel('Team size').selectOption('11-50');
    await page.getByLabel('Email me about Baton events.').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('status')).toHaveText('See you at the webinar!');
    await expect(async () => {
      const lead = await (await request.get(`/api/contacts/${contact!.id}`)).json();
      expect(lead.title).toBe('Head of Growth');
    }).toPass({ timeout: 20_000 });
  } finally {
    await site.close();
  }
});

test('the Forms area: build a form, see its submissions and spam', async ({ page, request }) => {
  expect((await request.post('/api/auth/login', { data: e2eAdmin })).status()).toBe(200);
  await page.goto('/login');
  await page.getByLabel('Email').fill(e2eAdmin.email);
  await page.getByLabel('Password').fill(e2eAdmin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await page.goto('/forms/new');
  await page.getByLabel('Form name').fill('Contact sales <b>now</b>');
  await page.getByText('Published', { exact: true }).click();
  await page.getByRole('button', { name: 'Save form' }).click();
  await expect(page.getByText('Copy snippet')).toBeVisible();
  await expect(page.frameLocator('iframe[title="Form preview"]').getByLabel('Work email')).toBeVisible();
  await page.getByRole('tab', { name: 'Forms' }).click();
  await expect(page.getByRole('link', { name: 'Contact sales <b>now</b>' })).toBeVisible();
  await page.getByRole('tab', { name: 'Spam' }).click();
  await expect(page.getByText('The spam folder is empty.')).toBeVisible();
});
