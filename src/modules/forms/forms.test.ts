import { sql } from 'drizzle-orm';
import type { JobHelpers } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';
import { formsModule } from '.';
import { createForm, demoForm, processPending, tokenIn } from './forms-test-kit';
import { processSubmissions } from './process-submission';

const rowsOf = async <T>(
  db: { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }> },
  q: ReturnType<typeof sql>,
) => (await db.execute(q)).rows as [T, ...T[]];
const rows = async <T>(
  db: { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }> },
  q: ReturnType<typeof sql>,
) => (await db.execute(q)).rows as T[];

describe('forms: build, embed, submit, process', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  it('refuses a form that would misbehave, naming the field and the reason', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const post = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/forms', headers: { cookie: admin.cookie }, payload: demoForm(payload) });
    const redirect = await post({ success: { type: 'redirect', url: 'javascript:alert(1)' } });
    expect(redirect.statusCode).toBe(400);
    expect(redirect.json().error.details[0].path).toBe('body.success.url');
    const custom = await post({
      fields: [{ name: 'budget', type: 'number', label: 'Budget', mapTo: 'contact.custom.budget' }],
    });
    expect(custom.statusCode).toBe(400);
    expect(custom.json().error.details[0]).toEqual({
      path: 'body.fields.0.mapTo',
      message: 'no custom contact property "budget"',
    });
    const select = await post({ fields: [{ name: 'size', type: 'select', label: 'Size' }] });
    expect(select.statusCode).toBe(400);
    expect(select.json().error.details[0].path).toBe('body.fields.0.options');
    const reserved = await post({ fields: [{ name: 'utm_source', type: 'text', label: 'Source' }] });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.json().error.message).toContain('reserved');
  });

  it('stores a JSON submission with its context, then makes the contact, consent, source, activity and conversion', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm());
    expect(form.embed.snippet).toContain(`data-baton-form="${form.id}"`);

    const response = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 test',
        origin: 'https://www.example.org',
      },
      payload: {
        email: 'Ada@Acme.example',
        first_name: 'Ada',
        last_name: 'Lovelace',
        company: 'Acme',
        team_size: 40,
        interest: ['Scoring', 'Forms'],
        comments: 'We decide by March.',
        consent: true,
        page_url: 'https://www.example.org/pricing?utm_source=google&utm_medium=cpc&utm_campaign=spring',
        referrer: 'https://www.google.com/',
        _baton_aid: 'visitor-ada',
        _baton_page: '0190a6a4-0000-7000-8000-000000000001',
        _baton_variant: 'b',
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.json()).toMatchObject({
      status: 'received',
      success: { type: 'message', message: 'Thanks, we will be in touch.' },
    });
    const id = response.json().id as string;

    const stored = await app.inject({
      method: 'GET',
      url: `/api/form-submissions/${id}`,
      headers: { cookie: admin.cookie },
    });
    expect(stored.json()).toMatchObject({
      status: 'pending',
      email: 'ada@acme.example',
      values: { first_name: 'Ada', interest: ['Scoring', 'Forms'], team_size: '40', consent: 'yes' },
      context: {
        utm: { source: 'google', medium: 'cpc', campaign: 'spring' },
        userAgent: 'Mozilla/5.0 test',
        variantId: 'b',
      },
      anonymousId: 'visitor-ada',
    });

    // The job the submission's INSERT queued, run as the worker runs it.
    const { rows: jobs } = await ctx.pool.query(
      `select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'forms.process' and j.payload ->> 'workspaceId' = $1`,
      [workspace.id],
    );
    expect(jobs).toEqual([{ payload: { workspaceId: workspace.id, submissionIds: [id] } }]);
    const job = formsModule(ctx).jobs!.find((candidate) => candidate.name === 'forms.process')!;
    await job.run(jobs[0].payload, {} as JobHelpers);
    await pipeline.drain();
    const processed = (
      await app.inject({ method: 'GET', url: `/api/form-submissions/${id}`, headers: { cookie: admin.cookie } })
    ).json();
    expect(processed).toMatchObject({ status: 'processed', attempts: 1, error: null });
    const [contact] = await rows<Record<string, unknown>>(
      ctx.db,
      sql`select id, email, first_name, last_name, company_name, consent_status, consent_text, consent_at, source, source_detail
            from contacts where workspace_id = ${workspace.id}`,
    );
    expect(contact).toMatchObject({
      id: processed.contactId,
      email: 'ada@acme.example',
      first_name: 'Ada',
      last_name: 'Lovelace',
      company_name: 'Acme',
      consent_status: 'granted',
      consent_text: 'I agree to be contacted about Baton.',
      source: 'paid_search',
      source_detail: 'google',
    });
    expect(contact!.consent_at).not.toBeNull();
    const activities = await rows<{
      type: string;
      title: string;
      properties: Record<string, unknown>;
      contact_id: string;
    }>(ctx.db, sql`select type, title, properties, contact_id from activities where workspace_id = ${workspace.id}`);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      type: 'form_submit',
      title: 'Contact sales',
      contact_id: processed.contactId,
      properties: { comments: 'We decide by March.', formId: form.id, submissionId: id },
    });
    const identities = await rows<{ value: string }>(
      ctx.db,
      sql`select value from identities where workspace_id = ${workspace.id} and kind = 'anonymous'`,
    );
    expect(identities.map((row) => row.value)).toContain('visitor-ada');
    const conversions = await rows<Record<string, unknown>>(
      ctx.db,
      sql`select step, form_id, contact_id, landing_page_id, variant_id, source, campaign, anonymous_id
            from conversion_events where workspace_id = ${workspace.id}`,
    );
    expect(conversions).toEqual([
      {
        step: 'submission',
        form_id: form.id,
        contact_id: processed.contactId,
        landing_page_id: '0190a6a4-0000-7000-8000-000000000001',
        variant_id: 'b',
        source: 'paid_search',
        campaign: 'spring',
        anonymous_id: 'visitor-ada',
      },
    ]);

    // Processing twice (a duplicate job) changes nothing.
    await ctx.pool.query("update form_submissions set status = 'pending' where id = $1", [id]);
    await processPending(ctx, pipeline, workspace.id);
    const [{ count }] = await rowsOf<{ count: number }>(
      ctx.db,
      sql`select count(*)::int as count from activities where workspace_id = ${workspace.id}`,
    );
    expect(count).toBe(1);
  });

  it('routes a hand-raiser form straight to sales', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm({ name: 'Talk to us', handRaiser: true }));
    const response = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: { email: 'grace@navy.example', first_name: 'Grace', consent: 'yes', comments: 'Call me today' },
    });
    expect(response.statusCode, response.body).toBe(200);
    await processPending(ctx, pipeline, workspace.id);
    const handoffs = await rows<{ kind: string; email: string; stage: string }>(
      ctx.db,
      sql`select h.kind, c.email, c.lifecycle_stage as stage from handoffs h
            join contacts c on c.workspace_id = h.workspace_id and c.id = h.contact_id where h.workspace_id = ${workspace.id}`,
    );
    expect(handoffs).toEqual([{ kind: 'hand_raiser', email: 'grace@navy.example', stage: 'mql' }]);
    const [activity] = await rows<{ properties: Record<string, unknown> }>(
      ctx.db,
      sql`select properties from activities where workspace_id = ${workspace.id} and type = 'form_submit'`,
    );
    expect(activity!.properties).toMatchObject({ handRaiser: true, comments: 'Call me today' });
  });

  it('asks a known visitor next-best questions instead of what Baton knows', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm());
    const first = await app.inject({ method: 'GET', url: `/f/${form.id}/embed?aid=visitor-lin` });
    const firstHtml = first.json().html as string;
    expect(firstHtml).toContain('name="first_name"');
    expect(firstHtml).not.toContain('name="job_title"');
    await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: {
        email: 'lin@acme.example',
        first_name: 'Lin',
        company: 'Acme',
        consent: 'yes',
        _baton_aid: 'visitor-lin',
      },
    });
    await processPending(ctx, pipeline, workspace.id);

    for (const query of ['aid=visitor-lin', 'email=lin%40acme.example']) {
      const html = (await app.inject({ method: 'GET', url: `/f/${form.id}/embed?${query}` })).json().html as string;
      expect(html, query).not.toContain('name="first_name"');
      expect(html, query).not.toContain('name="company"');
      expect(html, query).toContain('name="last_name"');
      expect(html, query).toContain('name="job_title"');
      expect(html, query).toContain('name="country"');
      expect(html, query).toContain('value="lin@acme.example"');
    }
    // The second submission leaves out what is known: not required any more, since it was not asked.
    const html = (await app.inject({ method: 'GET', url: `/f/${form.id}/embed?aid=visitor-lin` })).json()
      .html as string;
    const second = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: {
        email: 'lin@acme.example',
        job_title: 'CTO',
        country: 'France',
        consent: 'yes',
        _baton_aid: 'visitor-lin',
        _baton_t: tokenIn(html),
      },
    });
    expect(second.statusCode, second.body).toBe(200);
    await processPending(ctx, pipeline, workspace.id);
    const [lin] = await rows<Record<string, unknown>>(
      ctx.db,
      sql`select first_name, title, country from contacts where workspace_id = ${workspace.id}`,
    );
    expect(lin).toEqual({ first_name: 'Lin', title: 'CTO', country: 'France' });
  });

  it('keeps a failed processing visible and retryable, never losing the submission', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm());
    const sent = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      payload: { email: 'kim@acme.example', first_name: 'Kim', consent: 'yes' },
    });
    const id = sent.json().id as string;
    // Break processing: a check the contact update trips over.
    await ctx.pool.query(
      `alter table contacts add constraint forms_test_no_kim check (first_name is distinct from 'Kim') not valid`,
    );
    try {
      await expect(processPending(ctx, pipeline, workspace.id)).rejects.toThrow();
    } finally {
      await ctx.pool.query('alter table contacts drop constraint forms_test_no_kim');
    }
    const failed = (
      await app.inject({ method: 'GET', url: `/api/form-submissions?status=failed`, headers: { cookie: admin.cookie } })
    ).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      id,
      status: 'failed',
      attempts: 1,
      error: expect.stringContaining('forms_test_no_kim'),
    });
    const retried = await app.inject({
      method: 'POST',
      url: `/api/form-submissions/${id}/retry`,
      headers: { cookie: admin.cookie },
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().status).toBe('pending');
    await processPending(ctx, pipeline, workspace.id);
    const done = (
      await app.inject({ method: 'GET', url: `/api/form-submissions/${id}`, headers: { cookie: admin.cookie } })
    ).json();
    expect(done).toMatchObject({ status: 'processed', attempts: 2, error: null });
    const again = await app.inject({
      method: 'POST',
      url: `/api/form-submissions/${id}/retry`,
      headers: { cookie: admin.cookie },
    });
    expect(again.statusCode).toBe(409);
  });

  it('processes a batch in one go: one contact per new email, later answers win, a bad one fails alone', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm({ progressiveLimit: 5 }));
    const send = async (payload: Record<string, string>) =>
      (await app.inject({ method: 'POST', url: `/f/${form.id}`, payload: { consent: 'yes', ...payload } })).json()
        .id as string;
    const ids = [
      // Ann sends the form twice from one browser, correcting her name.
      await send({ email: 'ann@acme.example', first_name: 'Ann', company: 'Acme', _baton_aid: 'visitor-ann' }),
      await send({
        email: 'ANN@acme.example',
        first_name: 'Annie',
        last_name: 'Lee',
        company: 'Acme',
        _baton_aid: 'visitor-ann',
      }),
      await send({ email: 'bo@acme.example', first_name: 'Bo', company: 'Acme' }),
      await send({ email: 'kim@acme.example', first_name: 'Kim', company: 'Acme' }),
    ];
    await ctx.pool.query(
      `alter table contacts add constraint forms_test_no_kim check (first_name is distinct from 'Kim') not valid`,
    );
    try {
      await expect(processSubmissions(ctx, { workspaceId: workspace.id, submissionIds: ids })).rejects.toThrow();
    } finally {
      await ctx.pool.query('alter table contacts drop constraint forms_test_no_kim');
    }
    const statuses = await rows<{ id: string; status: string; attempts: number; error: string | null }>(
      ctx.db,
      sql`select id, status, attempts, error from form_submissions where workspace_id = ${workspace.id}`,
    );
    expect(Object.fromEntries(statuses.map((row) => [row.id, [row.status, row.attempts]]))).toEqual({
      [ids[0]!]: ['processed', 1],
      [ids[1]!]: ['processed', 1],
      [ids[2]!]: ['processed', 1],
      [ids[3]!]: ['failed', 1],
    });
    expect(statuses.find((row) => row.id === ids[3])?.error).toContain('forms_test_no_kim');
    // The pipeline replays each submission's identify call in order: once it is through, the last answers stand.
    await pipeline.drain();
    const contacts = await rows<{ email: string; first_name: string; last_name: string | null }>(
      ctx.db,
      sql`select email, first_name, last_name from contacts where workspace_id = ${workspace.id} order by email`,
    );
    expect(contacts).toEqual([
      { email: 'ann@acme.example', first_name: 'Annie', last_name: 'Lee' },
      { email: 'bo@acme.example', first_name: 'Bo', last_name: null },
    ]);
    // Both of Ann's submissions name her one contact, and each made its own activity in the pipeline.
    const [linked] = await rows<{ n: number }>(
      ctx.db,
      sql`select count(distinct contact_id)::int as n from form_submissions where workspace_id = ${workspace.id} and id in (${ids[0]!}, ${ids[1]!})`,
    );
    expect(linked!.n).toBe(1);
    await pipeline.drain();
    const [activities] = await rows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from activities where workspace_id = ${workspace.id} and type = 'form_submit'`,
    );
    expect(activities!.n).toBe(3);

    // The retry processes Kim alone; the others are not applied twice.
    await expect(processSubmissions(ctx, { workspaceId: workspace.id, submissionIds: ids })).resolves.toBe(1);
    await pipeline.drain();
    const [after] = await rows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from activities where workspace_id = ${workspace.id} and type = 'form_submit'`,
    );
    expect(after!.n).toBe(4);
  });

  it('keeps two people apart who send the form from one shared device in one batch', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const form = await createForm(app, admin.cookie, demoForm());
    // The device's visitor is a contact Baton knows without an email yet.
    const deviceContact = crypto.randomUUID();
    await ctx.pool.query(`insert into contacts (workspace_id, id, first_name) values ($1, $2, 'Guest')`, [
      workspace.id,
      deviceContact,
    ]);
    await ctx.pool.query(
      `insert into identities (workspace_id, kind, value, contact_id, linked_at) values ($1, 'anonymous', 'kiosk', $2, now())`,
      [workspace.id, deviceContact],
    );
    const ids: string[] = [];
    for (const [email, name] of [
      ['xia@acme.example', 'Xia'],
      ['zed@acme.example', 'Zed'],
    ])
      ids.push(
        (
          await app.inject({
            method: 'POST',
            url: `/f/${form.id}`,
            payload: { email, first_name: name, consent: 'yes', _baton_aid: 'kiosk' },
          })
        ).json().id,
      );
    await processSubmissions(ctx, { workspaceId: workspace.id, submissionIds: ids });
    const people = await rows<{ id: string; email: string; first_name: string }>(
      ctx.db,
      sql`select id, email, first_name from contacts where workspace_id = ${workspace.id} order by email`,
    );
    expect(people.map(({ email, first_name }) => [email, first_name])).toEqual([
      ['xia@acme.example', 'Xia'],
      ['zed@acme.example', 'Zed'],
    ]);
    expect(people[0]!.id).toBe(deviceContact);
  });
});
