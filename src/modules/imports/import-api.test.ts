import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { failImport, prepareImport, runLane } from './run-import';
import { errorsOf, type ImportJson, uploadFile } from './test-kit';

const file = (text: string | Buffer) => ({ name: 'file.csv', content: Buffer.from(text) });

describe('the imports API', () => {
  // No job worker here: the tests drive the jobs themselves, to stop them where a crash would.
  const testApp = useTestApp();

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    return { ctx, app, workspace, admin, cookie: admin.cookie };
  }

  const get = async (id: string, cookie: string) =>
    (await testApp().app.inject({ url: `/api/imports/${id}`, headers: { cookie } })).json() as ImportJson;

  it('refuses what is not a readable CSV file, saying why', async () => {
    const { app, cookie } = await setup();
    const upload = (kind: string | undefined, content: Buffer | string) => {
      const boundary = 'b0undary';
      const parts = [
        ...(kind ? [`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`] : []),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\n`,
      ];
      return app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.concat([
          Buffer.from(parts.join('')),
          Buffer.from(content),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
    };
    const cases: [string | undefined, Buffer | string, number, RegExp][] = [
      [undefined, 'Email\na@b.example\n', 400, /send `kind` before the file/],
      ['people', 'Email\na@b.example\n', 400, /kind: one of contacts/],
      ['contacts', '', 400, /The file is empty/],
      ['contacts', 'Email,Name\n', 400, /a header but no rows/],
      [
        'contacts',
        'Email,Name\na@b.example,"never closed\nb@b.example,x\n',
        400,
        /quoted field starting on line 2 is never closed/,
      ],
      ['contacts', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 415, /xlsx/],
    ];
    for (const [kind, content, status, message] of cases) {
      const response = await upload(kind, content);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.message).toMatch(message);
    }
    const json = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie },
      payload: { kind: 'contacts' },
    });
    expect(json.statusCode).toBe(415);
    const listed = await app.inject({ url: '/api/imports', headers: { cookie } });
    expect(listed.json().items).toEqual([]);
  });

  it('checks mappings and who may import, create properties or create users', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const job = await uploadFile(app, cookie, 'contacts', file('Email,Segment\na@b.example,SMB\n'));
    const put = (columns: unknown[], options: Record<string, unknown> = {}, who = cookie) =>
      app.inject({
        method: 'PUT',
        url: `/api/imports/${job.id}/mapping`,
        headers: { cookie: who },
        payload: { columns, options },
      });
    expect(
      (
        await put([
          { type: 'field', field: 'email' },
          { type: 'field', field: 'email' },
        ])
      ).json().error.message,
    ).toMatch(/"email" is mapped twice/);
    expect((await put([{ type: 'ignore' }, { type: 'ignore' }])).json().error.message).toMatch(
      /Map an Email or External ID/,
    );
    expect((await put([{ type: 'field', field: 'email' }])).json().error.message).toMatch(/expected 2 columns/);
    expect(
      (
        await put([
          { type: 'field', field: 'email' },
          { type: 'property', key: 'nope' },
        ])
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await put([
          { type: 'field', field: 'email' },
          { type: 'new_property', key: 'Bad Key', label: 'x', propertyType: 'text' },
        ])
      ).statusCode,
    ).toBe(400);
    const manager = await createTestUser(ctx, app, workspace.id, 'sales_manager');
    const marketer = await createTestUser(ctx, app, workspace.id, 'marketing');
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const withProperty = [
      { type: 'field', field: 'email' },
      { type: 'new_property', key: 'segment', label: 'Segment', propertyType: 'text' },
    ];
    expect((await put(withProperty, {}, manager.cookie)).statusCode).toBe(403);
    expect((await put(withProperty, { createMissingOwners: true }, marketer.cookie)).statusCode).toBe(403);
    expect((await put(withProperty, {}, marketer.cookie)).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/imports/${job.id}`, headers: { cookie: rep.cookie } })).statusCode).toBe(403);
    const targets = await app.inject({ url: '/api/imports/targets', headers: { cookie: manager.cookie } });
    expect(targets.json().kinds.map((kind: { kind: string }) => kind.kind)).toEqual([
      'contacts',
      'companies',
      'deals',
      'sales_activities',
      'campaign_costs',
    ]);
    const other = await createTestWorkspace(ctx, app);
    expect(
      (await app.inject({ url: `/api/imports/${job.id}`, headers: { cookie: other.admin.cookie } })).statusCode,
    ).toBe(404);
  });

  it('a run that stops part-way lists exactly the rows not imported; run again, it resumes with them', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const rows = 45_000;
    const lines = ['Email,First Name'];
    for (let i = 1; i <= rows; i += 1) lines.push(i === 44_000 ? 'broken@,Broken' : `p${i}@x.example,P${i}`);
    const job = await uploadFile(app, cookie, 'contacts', file(`${lines.join('\n')}\n`));
    const payload = { workspaceId: workspace.id, importId: job.id, phase: 'run' as const };
    expect(
      (await app.inject({ method: 'POST', url: `/api/imports/${job.id}/run`, headers: { cookie } })).statusCode,
    ).toBe(202);
    await prepareImport(ctx, payload);
    expect((await get(job.id, cookie)).status).toBe('running');

    // A lane imports one chunk (rows 2–20,001), then its worker is gone for good.
    let checks = 0;
    await runLane(ctx, payload, {
      get aborted() {
        return checks++ > 0;
      },
    } as AbortSignal);
    await failImport(ctx, payload, 'the worker was lost');
    const failed = await get(job.id, cookie);
    expect(failed).toMatchObject({ status: 'failed', processed: 20_000, created: 20_000, failed: 25_000 });
    expect(failed.error).toBe('the worker was lost');
    const missing = await errorsOf(app, cookie, job.id);
    expect(missing).toHaveLength(25_000);
    expect(missing[0]).toMatchObject({ row: 20_002, code: 'not_imported' });
    expect(missing.at(-1)).toMatchObject({ row: 45_001, code: 'not_imported' });
    expect(missing[0]!.reason).toMatch(
      /not imported: the import stopped \(the worker was lost\); run it again to resume/,
    );
    const report = await app.inject({ url: `/api/imports/${job.id}/errors.csv`, headers: { cookie } });
    expect(report.body.trim().split('\r\n')).toHaveLength(25_001);
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/imports/${job.id}/mapping`,
          headers: { cookie },
          payload: { columns: job.mapping.columns },
        })
      ).statusCode,
    ).toBe(409);

    expect(
      (await app.inject({ method: 'POST', url: `/api/imports/${job.id}/run`, headers: { cookie } })).statusCode,
    ).toBe(202);
    await prepareImport(ctx, payload);
    await runLane(ctx, payload);
    const done = await get(job.id, cookie);
    expect(done).toMatchObject({
      status: 'done',
      processed: 45_000,
      created: 44_999,
      updated: 0,
      unchanged: 0,
      failed: 1,
    });
    expect((await errorsOf(app, cookie, job.id)).map((error) => [error.row, error.code])).toEqual([
      [44_001, 'invalid'],
    ]);
    const { rows: count } = await ctx.pool.query('select count(*)::int as n from contacts where workspace_id = $1', [
      workspace.id,
    ]);
    expect(count[0].n).toBe(44_999);

    expect(
      (await app.inject({ method: 'DELETE', url: `/api/imports/${job.id}`, headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await app.inject({ url: `/api/imports/${job.id}`, headers: { cookie } })).statusCode).toBe(404);
    const { rows: left } = await ctx.pool.query(
      `select (select count(*)::int from import_rows where import_id = $1) + (select count(*)::int from import_errors where import_id = $1)
              + (select count(*)::int from import_chunks where import_id = $1) as n`,
      [job.id],
    );
    expect(left[0].n).toBe(0);
  }, 120_000);

  it('a contact created by someone else between lookup and insert is updated, not duplicated', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    // The trigger plays the other writer: the moment the import inserts race@x.example, it is already there.
    await ctx.pool.query(`
      create function race_ahead() returns trigger language plpgsql as $$
      begin
        if new.email = 'race@x.example' and new.first_name = 'Imported'
           and not exists (select 1 from contacts where workspace_id = new.workspace_id and lower(email) = 'race@x.example') then
          insert into contacts (workspace_id, id, email, first_name) values (new.workspace_id, gen_random_uuid(), 'race@x.example', 'Other');
        end if;
        return new;
      end $$;
      create trigger race_ahead before insert on contacts for each row execute function race_ahead();`);
    try {
      const job = await uploadFile(
        app,
        cookie,
        'contacts',
        file('Email,First Name\nfirst@x.example,Imported\nrace@x.example,Imported\n'),
      );
      const payload = { workspaceId: workspace.id, importId: job.id, phase: 'run' as const };
      await app.inject({ method: 'POST', url: `/api/imports/${job.id}/run`, headers: { cookie } });
      await prepareImport(ctx, payload);
      await runLane(ctx, payload);
      expect(await get(job.id, cookie)).toMatchObject({ status: 'done', created: 1, updated: 1, failed: 0 });
      const { rows } = await ctx.pool.query(
        'select email, first_name from contacts where workspace_id = $1 order by email',
        [workspace.id],
      );
      expect(rows).toEqual([
        { email: 'first@x.example', first_name: 'Imported' },
        { email: 'race@x.example', first_name: 'Imported' },
      ]);
    } finally {
      await ctx.pool.query('drop trigger race_ahead on contacts; drop function race_ahead()');
    }
  });

  it('a row the database refuses is reported alone; the rest of its chunk is imported', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    await ctx.pool.query(`
      create function refuse_poison() returns trigger language plpgsql as $$
      begin
        if new.email = 'poison@x.example' then raise exception 'poisoned row'; end if;
        return new;
      end $$;
      create trigger refuse_poison before insert on contacts for each row execute function refuse_poison();`);
    try {
      const lines = ['Email'];
      for (let i = 0; i < 50; i += 1) lines.push(i === 17 ? 'poison@x.example' : `ok${i}@x.example`);
      const job = await uploadFile(app, cookie, 'contacts', file(`${lines.join('\n')}\n`));
      const payload = { workspaceId: workspace.id, importId: job.id, phase: 'run' as const };
      await app.inject({ method: 'POST', url: `/api/imports/${job.id}/run`, headers: { cookie } });
      await prepareImport(ctx, payload);
      await runLane(ctx, payload);
      expect(await get(job.id, cookie)).toMatchObject({ status: 'done', created: 49, failed: 1 });
      expect(await errorsOf(app, cookie, job.id)).toEqual([
        { row: 19, code: 'failed', column: null, field: null, value: null, reason: 'could not be saved: poisoned row' },
      ]);
    } finally {
      await ctx.pool.query('drop trigger refuse_poison on contacts; drop function refuse_poison()');
    }
  });
});
