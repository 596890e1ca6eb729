import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { runPhase, saveMapping, uploadFile, useImportApp } from './test-kit';

const file = (text: string) => ({ name: 'file.csv', content: Buffer.from(text) });
const readCsv = (body: string) => {
  expect(body.charCodeAt(0)).toBe(0xfeff);
  return parse(body.slice(1), { columns: true }) as Record<string, string>[];
};

describe('exporting CSV', () => {
  const testApp = useImportApp();

  it('exports the contacts a filter selects, owners, companies and custom properties as columns, formulas guarded; the file imports back unchanged', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rita Rep');
    const text =
      'Email,First Name,Last Name,Company Name,Lifecycle Stage,Contact owner,Comment,Budget\n' +
      `ann@acme.example,Ann,Müller,Acme,MQL,${rep.email},"=HYPERLINK(""http://evil.example"",""click"")",1000\n` +
      `bob@acme.example,Bob,"Smith, Jr.",Acme,MQL,,+1 555 0100,250.5\n` +
      'cid@beta.example,Cid,Lee,Beta,lead,,@mention,\n';
    const job = await uploadFile(app, admin.cookie, 'contacts', file(text));
    await saveMapping(app, admin.cookie, job, (columns) => {
      columns[6] = { type: 'new_property', key: 'comment', label: 'Comment', propertyType: 'text' };
    });
    expect(await runPhase(app, admin.cookie, job.id, 'run')).toMatchObject({ created: 3 });

    const response = await app.inject({
      url: '/api/exports/contacts.csv?stage=mql&sort=name_asc',
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = readCsv(response.body);
    expect(rows.map((row) => row.Email)).toEqual(['ann@acme.example', 'bob@acme.example']);
    expect(rows[0]).toMatchObject({
      'First Name': 'Ann',
      'Last Name': 'Müller',
      Company: 'Acme',
      'Lifecycle Stage': 'mql',
      Owner: rep.email,
      'Owner Name': 'Rita Rep',
      Comment: '\'=HYPERLINK("http://evil.example","click")',
      Budget: '1000',
    });
    expect(rows[1]).toMatchObject({ 'Last Name': 'Smith, Jr.', Comment: "'+1 555 0100", Budget: '250.5' });
    expect(response.body).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);

    const exported = (await app.inject({ url: '/api/exports/contacts.csv', headers: { cookie: admin.cookie } })).body;
    const everyone = readCsv(exported);
    expect(everyone.find((row) => row.Email === 'cid@beta.example')!.Comment).toBe("'@mention");
    const byOwner = readCsv(
      (await app.inject({ url: `/api/exports/contacts.csv?owner=${rep.id}`, headers: { cookie: admin.cookie } })).body,
    );
    expect(byOwner.map((row) => row.Email)).toEqual(['ann@acme.example']);
    expect(
      (await app.inject({ url: '/api/exports/contacts.csv?stage=hot', headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(400);

    // The export, imported back: every column maps where it came from, and nothing changes.
    const back = await uploadFile(app, admin.cookie, 'contacts', file(exported));
    const mapped = Object.fromEntries(back.headers.map((header, index) => [header, back.mapping.columns[index]]));
    expect(mapped).toMatchObject({
      'Baton ID': { type: 'ignore' },
      Email: { type: 'field', field: 'email' },
      Owner: { type: 'field', field: 'owner' },
      'Owner Name': { type: 'ignore' },
      Comment: { type: 'property', key: 'comment' },
      Budget: { type: 'property', key: 'budget' },
      Score: { type: 'ignore' },
    });
    expect(await runPhase(app, admin.cookie, back.id, 'run')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 3,
      failed: 0,
    });
    const { rows: comment } = await ctx.pool.query(
      `select properties->>'comment' as comment from contacts where workspace_id = $1 and email = 'ann@acme.example'`,
      [workspace.id],
    );
    expect(comment[0].comment).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('shows a sales rep only the leads they may see when lead visibility is private', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Own Rep');
    const job = await uploadFile(
      app,
      admin.cookie,
      'contacts',
      file(`Email,Contact owner\nmine@x.example,${rep.email}\nother@x.example,\n`),
    );
    await runPhase(app, admin.cookie, job.id, 'run');
    await ctx.pool.query(`update workspaces set settings = settings || '{"leadVisibility":"own"}' where id = $1`, [
      workspace.id,
    ]);
    const rows = readCsv(
      (await app.inject({ url: '/api/exports/contacts.csv', headers: { cookie: rep.cookie } })).body,
    );
    expect(rows.map((row) => row.Email)).toEqual(['mine@x.example']);
  });

  it('exports companies and deals with the list filters, amounts in major units', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const companies = await uploadFile(
      app,
      admin.cookie,
      'companies',
      file('Name,Domain,Industry,Employees\nAcme,acme.example,Manufacturing,120\nBeta,beta.example,Retail,8\n'),
    );
    await runPhase(app, admin.cookie, companies.id, 'run');
    const deals = await uploadFile(
      app,
      admin.cookie,
      'deals',
      file(
        'Deal ID,Deal Name,Company,Stage,Amount,Currency,Close Date\nD1,Big,Acme,won,1234.5,USD,2024-05-01\nD2,Small,Beta,lost,99,JPY,2024-05-02\nD3,Open,Acme,proposal,10,USD,\n',
      ),
    );
    await runPhase(app, admin.cookie, deals.id, 'run');

    const byIndustry = readCsv(
      (await app.inject({ url: '/api/exports/companies.csv?industry=Retail', headers: { cookie: admin.cookie } })).body,
    );
    expect(byIndustry).toEqual([
      expect.objectContaining({ Name: 'Beta', Domain: 'beta.example', Employees: '8', 'Open Deals': '0' }),
    ]);
    const acme = readCsv(
      (await app.inject({ url: '/api/exports/companies.csv?q=acm', headers: { cookie: admin.cookie } })).body,
    );
    expect(acme).toEqual([expect.objectContaining({ Name: 'Acme', 'Open Deals': '1' })]);

    const closed = readCsv(
      (await app.inject({ url: '/api/exports/deals.csv?status=won', headers: { cookie: admin.cookie } })).body,
    );
    expect(closed).toEqual([
      expect.objectContaining({
        'Deal Name': 'Big',
        'External ID': 'D1',
        Company: 'Acme',
        Amount: '1234.50',
        Currency: 'USD',
        Stage: 'closed_won',
        Status: 'won',
        'Closed At': '2024-05-01T00:00:00.000Z',
      }),
    ]);
    const all = readCsv((await app.inject({ url: '/api/exports/deals.csv', headers: { cookie: admin.cookie } })).body);
    expect(all.find((row) => row['External ID'] === 'D2')!.Amount).toBe('99');
    const { rows: audit } = await ctx.pool.query(
      `select action from audit_events where workspace_id = $1 and action like 'export.%' order by at`,
      [workspace.id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'export.companies',
      'export.companies',
      'export.deals',
      'export.deals',
    ]);
  });
});
