import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';
import { createForm, demoForm, processPending, tokenIn } from './forms-test-kit';

const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('form input that is hostile, wrong or spam', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  it('stores script and HTML as text and shows it escaped everywhere, CSV formulas guarded', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(
      app,
      admin.cookie,
      demoForm({ name: `Demo ${hostile}`, consent: { text: `Agree ${hostile}`, required: true } }),
    );
    const hosted = await app.inject({ method: 'GET', url: `/f/${form.id}` });
    expect(hosted.statusCode).toBe(200);
    expect(hosted.body).not.toContain('<script>');
    expect(hosted.body).not.toContain('<img');
    expect(hosted.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');

    const values = {
      email: 'eve@acme.example',
      first_name: hostile,
      last_name: '=HYPERLINK("http://evil.example","click")',
      company: '+cmd|" /C calc"!A0',
      comments: `${hostile}\n@SUM(1+1)`,
      consent: 'yes',
    };
    const sent = await app.inject({ method: 'POST', url: `/f/${form.id}`, payload: values });
    expect(sent.statusCode, sent.body).toBe(200);
    await processPending(ctx, pipeline, workspace.id);

    const [contact] = (
      await ctx.db.execute<{ id: string; first_name: string }>(
        sql`select id, first_name from contacts where workspace_id = ${workspace.id}`,
      )
    ).rows;
    expect(contact!.first_name).toBe(hostile);
    // The API hands text back as text (JSON): the web app renders it as text.
    const lead = await app.inject({
      method: 'GET',
      url: `/api/contacts/${contact!.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(lead.json().firstName).toBe(hostile);

    // A correction page re-renders the answers escaped.
    const invalid = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: new URLSearchParams({ ...values, email: `${hostile}@x` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('text/html');
    expect(invalid.body).not.toMatch(/<script>|<img/);
    expect(invalid.body).toContain('Enter an email address like name@example.com');
    expect(invalid.body).toContain('aria-invalid="true"');

    const csv = await app.inject({
      method: 'GET',
      url: `/api/form-submissions/export.csv?formId=${form.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv.body).toContain(`"'+cmd|"" /C calc""!A0"`);
    expect(csv.body).not.toMatch(/,=|,\+|,@|,"=|,"\+|,"@/);
    const all = await app.inject({
      method: 'GET',
      url: '/api/form-submissions/export.csv',
      headers: { cookie: admin.cookie },
    });
    expect(all.body).toContain('Demo <script>');
  });

  it('rejects unknown fields by name, oversized values and invalid answers, storing none of them', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm());
    const base = { email: 'ok@acme.example', first_name: 'Ok', consent: 'yes' };
    const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/f/${form.id}`, payload });

    const unknown = await post({ ...base, favourite_colour: 'blue', isAdmin: true });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Unknown fields: favourite_colour, isAdmin');
    expect(unknown.json().error.details).toEqual([
      { path: 'body.favourite_colour', message: 'the form has no such field' },
      { path: 'body.isAdmin', message: 'the form has no such field' },
    ]);
    // Hidden UTM and _baton_* fields are the form's own.
    const known = await post({ ...base, utm_source: 'x', _baton_cta: 'y', page_url: 'https://a.example/' });
    expect(known.statusCode, known.body).toBe(200);

    const large = await post({ ...base, first_name: 'x'.repeat(501) });
    expect(large.statusCode).toBe(413);
    expect(large.json().error.details).toEqual([{ path: 'body.first_name', message: 'longer than the field allows' }]);
    const huge = await post({ ...base, comments: 'y'.repeat(300_000) });
    expect(huge.statusCode).toBe(413);

    const invalid = await post({ email: 'not-an-email', team_size: 'many', interest: ['Cooking'], consent: '' });
    expect(invalid.statusCode).toBe(400);
    const details = Object.fromEntries(
      (invalid.json().error.details as { path: string; message: string }[]).map((d) => [d.path, d.message]),
    );
    expect(details).toEqual({
      'body.email': 'Enter an email address like name@example.com',
      'body.first_name': 'This field is required',
      'body.team_size': 'Enter a number',
      'body.interest': 'Choose among the options',
      'body.consent': 'Please give your consent to continue',
    });
    const nested = await post({ ...base, first_name: { $gt: '' } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details[0].path).toBe('body.first_name');

    const [{ count }] = (
      await ctx.db.execute<{ count: number }>(
        sql`select count(*)::int as count from form_submissions where workspace_id = ${workspace.id}`,
      )
    ).rows as [{ count: number }];
    expect(count).toBe(1);
  });

  it('keeps spam in the spam folder with its reason, and "not spam" processes it', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(
      app,
      admin.cookie,
      demoForm({ spam: { minFillSeconds: 30, blockedDomains: ['spam.example'] } }),
    );
    const html = (await app.inject({ method: 'GET', url: `/f/${form.id}/embed` })).json().html as string;
    const base = { email: 'sam@acme.example', first_name: 'Sam', consent: 'yes' };
    const post = (payload: Record<string, unknown>, ip = '10.0.0.1') =>
      app.inject({ method: 'POST', url: `/f/${form.id}`, payload, remoteAddress: ip });

    const honeypot = await post({ ...base, _baton_hp: 'http://buy.example' });
    expect(honeypot.statusCode).toBe(200); // bots learn nothing
    expect(honeypot.json().success.type).toBe('message');
    await post({ ...base, _baton_t: tokenIn(html) }); // sent at once, the form wants 30 s
    await post({ ...base, _baton_t: 'forged.token' });
    await post({ ...base, email: 'bot@mail.spam.example' });
    const reasons = (
      await app.inject({ method: 'GET', url: '/api/form-submissions?status=spam', headers: { cookie: admin.cookie } })
    )
      .json()
      .items.map((item: { spamReason: string }) => item.spamReason);
    expect(reasons).toHaveLength(4);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'email domain spam.example is blocked',
        'honeypot field filled in',
        'render token forged or from another form',
        expect.stringMatching(/^sent \d+\.\d s after the form was shown$/),
      ]),
    );
    const inbox = await app.inject({ method: 'GET', url: '/api/form-submissions', headers: { cookie: admin.cookie } });
    expect(inbox.json().items).toEqual([]);

    // Per-IP rate: past the limit, submissions are still kept (as spam) and the sender told to wait.
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++)
      statuses.push((await post({ ...base, email: `r${i}@acme.example` }, '10.0.0.9')).statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const limited = (
      await ctx.db.execute<{ count: number }>(
        sql`select count(*)::int as count from form_submissions where workspace_id = ${workspace.id} and spam_reason like 'too many%'`,
      )
    ).rows[0] as { count: number };
    expect(limited.count).toBe(2);

    const spamId = honeypot.json().id as string;
    const recovered = await app.inject({
      method: 'POST',
      url: `/api/form-submissions/${spamId}/not-spam`,
      headers: { cookie: admin.cookie },
    });
    expect(recovered.statusCode, recovered.body).toBe(200);
    expect(recovered.json()).toMatchObject({ status: 'pending', spamReason: null });
    await processPending(ctx, pipeline, workspace.id);
    const after = await app.inject({
      method: 'GET',
      url: `/api/form-submissions/${spamId}`,
      headers: { cookie: admin.cookie },
    });
    expect(after.json()).toMatchObject({ status: 'processed', contactId: expect.any(String) });
  });
});
