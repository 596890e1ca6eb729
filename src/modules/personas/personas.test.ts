import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('persona talk track templates', () => {
  const testApp = useTestApp();

  const setup = async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const marketer = await createTestUser(ctx, app, workspace.id, 'marketing', 'Mara Marketer');
    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      app.inject({ method, url, headers: { cookie: marketer.cookie }, ...(payload ? { payload } : {}) });
    const rescoreQueued = async () =>
      (
        await ctx.db.execute(
          sql`select 1 from graphile_worker._private_jobs where key = ${`scoring.rescore:${workspace.id}`}`,
        )
      ).rows.length > 0;
    const forgetRescore = () =>
      ctx.db.execute(sql`select graphile_worker.remove_job(${`scoring.rescore:${workspace.id}`})`);
    return { ctx, app, workspace, api, rescoreQueued, forgetRescore };
  };

  const operations = {
    name: 'Operations leader',
    conditions: [{ field: 'department', operator: 'equals_any', values: ['Operations'] }],
    discoveryQuestions: ['How many widgets run today?', 'What does downtime cost?'],
  };

  it('are saved and returned with the persona, and the lead’s talk track opens with them', async () => {
    const { ctx, workspace, api } = await setup();
    const created = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { download: 'Hello {firstName}! How did {downloads} land at {company}?', reading: '  ' },
    });
    expect(created.statusCode, created.body).toBe(201);
    // An empty template is no template.
    expect(created.json().talkTrackTemplates).toEqual({
      download: 'Hello {firstName}! How did {downloads} land at {company}?',
    });
    const persona = created.json();

    const [jon] = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email, first_name, last_name, company_name)
        values (${workspace.id}, gen_random_uuid(), 'jon@brightforge.example', 'Jon', 'Doe', 'Brightforge') returning id`)
    ).rows;
    await ctx.db.execute(sql`update contact_scores set persona_id = ${persona.id} where contact_id = ${jon!.id}`);
    await ctx.db.execute(sql`
      insert into activities (workspace_id, id, contact_id, type, occurred_at, title, properties) values
        (${workspace.id}, gen_random_uuid(), ${jon!.id}, 'content_download', now(), 'Lifecycle of a Widget',
         '{"assetKind": "infographic"}')`);
    const track = (await api('GET', `/api/contacts/${jon!.id}/talk-track`)).json();
    expect(track).toMatchObject({
      opener: 'Hello Jon! How did our infographic “Lifecycle of a Widget” land at Brightforge?',
      openerKind: 'download',
      openerFromTemplate: true,
      questions: operations.discoveryQuestions,
    });

    // Left out of a change, they stay; sent, they replace the old ones.
    const kept = await api('PUT', `/api/personas/${persona.id}`, { ...operations, pains: ['Downtime'] });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().talkTrackTemplates.download).toContain('Hello {firstName}');
    const replaced = await api('PUT', `/api/personas/${persona.id}`, {
      ...operations,
      talkTrackTemplates: { noHistory: 'Hi {firstName}, what brings {company} to us?' },
    });
    expect(replaced.json().talkTrackTemplates).toEqual({ noHistory: 'Hi {firstName}, what brings {company} to us?' });
    const listed = (await api('GET', '/api/personas')).json().items;
    expect(listed[0].talkTrackTemplates).toEqual({ noHistory: 'Hi {firstName}, what brings {company} to us?' });
  });

  it('refuses a template with a placeholder its kind cannot fill, naming the field and the reason', async () => {
    const { api } = await setup();
    const unknown = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { download: 'Hi {firstName}, about your {budget}' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toEqual({
      path: 'body.talkTrackTemplates.download',
      message: 'unknown placeholder {budget}: this opener can use {firstName}, {company}, {downloads}',
    });
    // {comment} is a hand-raiser's, not a reader's.
    const otherKind = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { reading: 'You wrote {comment}' },
    });
    expect(otherKind.json().error.message).toMatch(
      /^body\.talkTrackTemplates\.reading: unknown placeholder \{comment\}/,
    );

    const stray = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { noHistory: 'Hi {firstName' },
    });
    expect(stray.json().error.details[0].path).toBe('body.talkTrackTemplates.noHistory');
    const long = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { handRaiser: `Hi {firstName} ${'x'.repeat(500)}` },
    });
    expect(long.json().error.details).toEqual([
      { path: 'body.talkTrackTemplates.handRaiser', message: 'longer than 500 characters' },
    ]);
    const unknownKind = await api('POST', '/api/personas', {
      ...operations,
      talkTrackTemplates: { handraiser: 'Hi {firstName}' },
    });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().error.details[0].path).toBe('body.talkTrackTemplates');
    expect(unknownKind.json().error.details[0].message).toContain('handraiser');
    const unknownField = await api('POST', '/api/personas', { ...operations, greeting: 'Hi' });
    expect(unknownField.statusCode).toBe(400);
    expect((await api('GET', '/api/personas')).json().items).toEqual([]);
  });

  it('rescores the workspace when matching changes, not when only the wording does', async () => {
    const { api, rescoreQueued, forgetRescore } = await setup();
    const persona = (await api('POST', '/api/personas', operations)).json();
    expect(await rescoreQueued()).toBe(true);
    await forgetRescore();
    const worded = await api('PUT', `/api/personas/${persona.id}`, {
      ...operations,
      description: 'Runs the plant',
      objections: ['We have a contract'],
      talkTrackTemplates: { download: 'Hi {firstName}, thanks for {downloads}' },
    });
    expect(worded.statusCode, worded.body).toBe(200);
    expect(await rescoreQueued()).toBe(false);
    await api('PUT', `/api/personas/${persona.id}`, { ...operations, priority: 3 });
    expect(await rescoreQueued()).toBe(true);
    await forgetRescore();
    await api('PUT', `/api/personas/${persona.id}`, { ...operations, priority: 3, name: 'Plant operations' });
    expect(await rescoreQueued()).toBe(true);
    const missing = await api('PUT', '/api/personas/00000000-0000-4000-8000-000000000000', operations);
    expect(missing.statusCode).toBe(404);
  });
});
