import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { type ReceivedMail, startSmtpPeer } from '../../../test/helpers/smtp-peer';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';
import { createForm, demoForm, processPending } from './forms-test-kit';
import { submissionMailer } from './notify-submission';

const run = promisify(execFile);

describe('the no-JavaScript endpoint on a real port, and notification emails', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  let mails: ReceivedMail[];
  let testApp: TestApp;
  let pipeline: Pipeline;
  let base: string;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    mails = smtp.received;
    testApp = await startTestApp({
      env: { BATON_SMTP_URL: smtp.url, BATON_MAIL_FROM: 'Baton <forms@example.com>' },
    });
    pipeline = startPipeline(testApp.ctx, { idlePollMs: 50 });
    base = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await pipeline.stop();
    await testApp.close();
    await smtp.close();
  });

  it('takes a plain `curl -d` post and redirects, or shows the thank-you page', async () => {
    const { ctx, app } = testApp;
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const redirecting = await createForm(
      app,
      admin.cookie,
      demoForm({ success: { type: 'redirect', url: 'https://www.example.org/thanks?x=1' } }),
    );
    const curl = (formId: string, ...data: string[]) =>
      run('curl', [
        '-s',
        '-o',
        '-',
        '-w',
        '\n%{http_code} %{redirect_url}',
        ...data.flatMap((d) => ['-d', d]),
        `${base}/f/${formId}`,
      ]);
    const { stdout } = await curl(
      redirecting.id,
      'email=curl@acme.example',
      'first_name=Curt',
      'interest=Scoring',
      'interest=Forms',
      'consent=yes',
      'utm_source=newsletter',
      'utm_medium=email',
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('303 https://www.example.org/thanks?x=1');

    const messaging = await createForm(app, admin.cookie, demoForm());
    const thanks = await curl(messaging.id, 'email=curl2@acme.example', 'first_name=Cora', 'consent=yes');
    expect(thanks.stdout).toContain('Thanks, we will be in touch.');
    expect(thanks.stdout.trim().split('\n').at(-1)).toBe('200');

    const wrong = await curl(messaging.id, 'email=nope', 'first_name=Cora', 'consent=yes');
    expect(wrong.stdout.trim().split('\n').at(-1)).toBe('400');
    expect(wrong.stdout).toContain('Enter an email address like name@example.com');
    expect(wrong.stdout).toContain('value="Cora"');

    await processPending(ctx, pipeline, workspace.id);
    const { rows } = await ctx.pool.query(
      "select email, source, consent_status from contacts where workspace_id = $1 and email like 'curl%' order by email",
      [workspace.id],
    );
    expect(rows).toEqual([
      { email: 'curl2@acme.example', source: 'direct', consent_status: 'granted' },
      { email: 'curl@acme.example', source: 'email', consent_status: 'granted' },
    ]);
  });

  it('emails the chosen users each submission as plain text', async () => {
    const { ctx, app } = testApp;
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const mia = await createTestUser(ctx, app, workspace.id, 'sales_manager', 'Mia Manager');
    const form = await createForm(app, admin.cookie, demoForm({ name: 'Demo request', notifyUserIds: [mia.id] }));
    const sent = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: {
        email: 'x@acme.example',
        first_name: '<b>Bold</b>',
        comments: 'line one\nFirst name: forged',
        consent: 'yes',
      },
    });
    expect(sent.statusCode).toBe(200);
    await processPending(ctx, pipeline, workspace.id);
    const { rows } = await ctx.pool.query(
      `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'forms.notify' and j.payload ->> 'submissionId' = $1`,
      [sent.json().id],
    );
    expect(rows).toHaveLength(1);
    await submissionMailer(ctx)(rows[0].payload);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toBe(mia.email);
    expect(mails[0]!.raw).toContain('Subject: New submission: Demo request');
    expect(mails[0]!.raw).toContain('text/plain');
    expect(mails[0]!.raw).not.toContain('text/html');
    expect(mails[0]!.raw).toContain('First name: <b>Bold</b>');
    expect(mails[0]!.raw).toContain('line one\r\n    First name: forged');
  });
});
