import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { errorsOf, runPhase, saveMapping, uploadFile, useImportApp } from './test-kit';

const csv = (rows: string[][]) =>
  rows
    .map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(','))
    .join('\n');

describe('importing contacts', () => {
  const testApp = useImportApp();

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rita Rep');
    return { ctx, app, workspace, admin, rep, cookie: admin.cookie };
  }

  it('imports a HubSpot export: guessed mapping, dry run, run, companies, owners, first stages; the same file again changes nothing', async () => {
    const { ctx, app, workspace, rep, cookie } = await setup();
    const header = [
      'First Name',
      'Last Name',
      'Email Address',
      'Company Name',
      'Lifecycle Stage',
      'Lead Status',
      'Contact owner',
      'Create Date',
      'Annual Revenue',
      'Segment',
    ];
    const rows = [
      [
        'Anna',
        'Smith',
        'Anna@Acme.example',
        'Acme',
        'marketingqualifiedlead',
        'NEW',
        rep.email,
        '2024-03-01 09:30',
        '1000000',
        'Enterprise',
      ],
      [
        'Bob',
        'Jones',
        'bob@acme.example',
        'Acme',
        'Lead',
        'ATTEMPTED_TO_CONTACT',
        'Rita Rep',
        '2024-03-02',
        '',
        'Enterprise',
      ],
      [
        'Cara',
        'Lee',
        'cara@beta.example',
        'Beta GmbH',
        'Sales Qualified Lead',
        '',
        '',
        '2024-03-03',
        '250000.5',
        'SMB',
      ],
      ['Dan', 'Ode', 'dan@gmail.com', '', 'subscriber', '', '', '', '', 'SMB'],
      ...Array.from({ length: 8 }, (_, i) => [
        `P${i}`,
        'Filler',
        `p${i}@filler.example`,
        'Filler Inc',
        'lead',
        '',
        '',
        '',
        '',
        i % 2 ? 'SMB' : 'Mid-market',
      ]),
    ];
    const file = Buffer.from(csv([header, ...rows]));
    const job = await uploadFile(app, cookie, 'contacts', { name: 'hubspot-contacts.csv', content: file });
    expect(job).toMatchObject({ status: 'uploaded', totalRows: 12, encoding: 'utf-8', delimiter: ',' });
    expect(job.mapping.columns).toEqual([
      { type: 'field', field: 'firstName' },
      { type: 'field', field: 'lastName' },
      { type: 'field', field: 'email' },
      { type: 'field', field: 'companyName' },
      { type: 'field', field: 'lifecycleStage' },
      { type: 'field', field: 'workingStatus' },
      { type: 'field', field: 'owner' },
      { type: 'field', field: 'createdAt' },
      { type: 'new_property', key: 'annual_revenue', label: 'Annual Revenue', propertyType: 'number' },
      {
        type: 'new_property',
        key: 'segment',
        label: 'Segment',
        propertyType: 'single_select',
        options: ['Enterprise', 'Mid-market', 'SMB'],
      },
    ]);
    await saveMapping(app, cookie, job);

    const dry = await runPhase(app, cookie, job.id, 'dry-run');
    expect(dry.status).toBe('validated');
    expect(dry.dryRun).toMatchObject({ processed: 12, created: 12, updated: 0, unchanged: 0, failed: 0 });
    const { rows: nothing } = await ctx.pool.query(
      `select (select count(*)::int from contacts where workspace_id = $1) as contacts,
              (select count(*)::int from companies where workspace_id = $1) as companies,
              (select count(*)::int from property_definitions where workspace_id = $1) as properties`,
      [workspace.id],
    );
    expect(nothing[0]).toEqual({ contacts: 0, companies: 0, properties: 0 });

    const done = await runPhase(app, cookie, job.id, 'run');
    expect(done).toMatchObject({ status: 'done', processed: 12, created: 12, updated: 0, unchanged: 0, failed: 0 });
    const { rows: anna } = await ctx.pool.query(
      `select c.email, c.lifecycle_stage, c.working_status, c.owner_id, c.created_at, c.properties, co.name as company
         from contacts c left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
        where c.workspace_id = $1 order by c.email`,
      [workspace.id],
    );
    expect(anna[0]).toMatchObject({
      email: 'anna@acme.example',
      lifecycle_stage: 'mql',
      working_status: 'new',
      owner_id: rep.id,
      company: 'Acme',
      properties: { annual_revenue: 1_000_000, segment: 'Enterprise' },
    });
    expect(new Date(anna[0].created_at).toISOString()).toBe('2024-03-01T09:30:00.000Z');
    expect(anna.find((row: Record<string, unknown>) => row.email === 'bob@acme.example')).toMatchObject({
      owner_id: rep.id,
      working_status: 'attempting',
      lifecycle_stage: 'lead',
    });
    expect(anna.find((row: Record<string, unknown>) => row.email === 'dan@gmail.com')).toMatchObject({
      company: null,
      lifecycle_stage: 'subscriber',
    });
    const { rows: companies } = await ctx.pool.query(
      'select name from companies where workspace_id = $1 order by name',
      [workspace.id],
    );
    expect(companies.map((row: Record<string, unknown>) => row.name)).toEqual(['Acme', 'Beta GmbH', 'Filler Inc']);
    const { rows: transitions } = await ctx.pool.query(
      `select to_stage, from_stage, actor_type, details->>'importId' as import_id from stage_transitions where workspace_id = $1`,
      [workspace.id],
    );
    expect(transitions).toHaveLength(12);
    expect(
      transitions.every(
        (row: Record<string, unknown>) =>
          row.actor_type === 'import' && row.from_stage === null && row.import_id === job.id,
      ),
    ).toBe(true);

    const again = await uploadFile(app, cookie, 'contacts', { name: 'hubspot-contacts.csv', content: file });
    expect(again.mapping.columns[8]).toEqual({ type: 'property', key: 'annual_revenue' });
    const second = await runPhase(app, cookie, again.id, 'run');
    expect(second).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 12, failed: 0 });

    // One changed value, one stage moved: exactly one update, and the move recorded.
    rows[2]![4] = 'customer';
    const changed = await uploadFile(app, cookie, 'contacts', {
      name: 'changed.csv',
      content: Buffer.from(csv([header, ...rows])),
    });
    const third = await runPhase(app, cookie, changed.id, 'run');
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 11, failed: 0 });
    const { rows: moves } = await ctx.pool.query(
      `select from_stage, to_stage from stage_transitions where workspace_id = $1 and from_stage is not null`,
      [workspace.id],
    );
    expect(moves).toEqual([{ from_stage: 'sql', to_stage: 'customer' }]);
  });

  it('reports every bad row with its column, value and reason, imports the good ones and drops nothing', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const header = ['Email', 'First Name', 'Lifecycle Stage', 'Create Date', 'Contact owner', 'Visits'];
    const rows = [
      ['good1@x.example', 'Good', 'lead', '2024-01-31', '', '3'],
      ['not-an-email', 'Bad Email', 'lead', '', '', ''],
      ['good2@x.example', 'Good', 'MQL', '31/01/2024', '', ''],
      ['good3@x.example', 'Good', 'Hot prospect', '', '', ''],
      ['good4@x.example', 'Good', 'lead', '', 'nobody@x.example', ''],
      ['good1@x.example', 'Duplicate', 'lead', '', '', ''],
      ['good5@x.example', 'Good', 'customer', '2024-02-30', '', 'many'],
      ['good6@x.example', 'Good', 'lead', '', '', '4', 'stray'],
      ['', 'No key', 'lead', '', '', ''],
      ['GOOD7@x.example', 'Good', 'sql', '02/03/2024', '', '7'],
      ...Array.from({ length: 6 }, (_, i) => [`more${i}@x.example`, 'More', 'lead', '', '', '1']),
    ];
    const job = await uploadFile(app, cookie, 'contacts', {
      name: 'bad.csv',
      content: Buffer.from(`${csv([header, ...rows])}\n,,,,,\n`),
    });
    expect(job.totalRows).toBe(16);
    expect(job.blankRows).toBe(1);
    // The file has 31/01/2024 (day first) and 02/03/2024: say it is month first, so 31/01 is a wrong date.
    expect(job.options.dateOrder).toBe('dmy');
    const mapped = await saveMapping(
      app,
      cookie,
      job,
      (columns) => {
        columns[2] = { type: 'field', field: 'lifecycleStage' };
        columns[5] = { type: 'new_property', key: 'visits', label: 'Visits', propertyType: 'number' };
      },
      { dateOrder: 'mdy' },
    );
    const dry = await runPhase(app, cookie, mapped.id, 'dry-run');
    expect(dry.dryRun).toMatchObject({ processed: 16, created: 8, failed: 8 });
    const dryErrors = await errorsOf(app, cookie, job.id, 'dry_run');

    const done = await runPhase(app, cookie, job.id, 'run');
    expect(done).toMatchObject({ status: 'done', processed: 16, created: 8, updated: 0, unchanged: 0, failed: 8 });
    const errors = await errorsOf(app, cookie, job.id, 'run');
    expect(errors.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 3, column: 'Email', value: 'not-an-email', code: 'invalid' },
      { row: 4, column: 'Create Date', value: '31/01/2024', code: 'invalid' },
      { row: 5, column: 'Lifecycle Stage', value: 'Hot prospect', code: 'invalid' },
      { row: 6, column: 'Contact owner', value: 'nobody@x.example', code: 'invalid' },
      { row: 7, column: 'Email', value: 'good1@x.example', code: 'duplicate' },
      { row: 8, column: 'Create Date', value: '2024-02-30', code: 'invalid' },
      { row: 8, column: 'Visits', value: 'many', code: 'invalid' },
      { row: 9, column: null, value: 'stray', code: 'invalid' },
      { row: 10, column: 'Email', value: '', code: 'invalid' },
    ]);
    expect(errors.find((error) => error.row === 5)!.reason).toMatch(/unknown lifecycle stage "Hot prospect"/);
    expect(errors.find((error) => error.row === 6)!.reason).toMatch(/no user with the email or name/);
    expect(errors.find((error) => error.row === 7)!.reason).toBe('duplicate of row 2 (same email)');
    expect(errors.find((error) => error.row === 9)!.reason).toMatch(/7 values but the header has 6 columns/);
    expect(dryErrors).toEqual(errors);

    const { rows: stored } = await ctx.pool.query(
      'select email, first_name, lifecycle_stage, properties from contacts where workspace_id = $1 order by email',
      [workspace.id],
    );
    expect(stored.map((row: Record<string, unknown>) => row.email)).toEqual(
      ['good1@x.example', 'good7@x.example', ...Array.from({ length: 6 }, (_, i) => `more${i}@x.example`)].sort(),
    );
    expect(stored.find((row: Record<string, unknown>) => row.email === 'good1@x.example')).toMatchObject({
      first_name: 'Good',
      properties: { visits: 3 },
    });

    const report = await app.inject({ url: `/api/imports/${job.id}/errors.csv`, headers: { cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(report.body.startsWith('\ufeffRow,Column,Value,Reason,Email,First Name')).toBe(true);
    const lines = parse(report.body.slice(1), { relax_column_count: true }) as string[][];
    expect(lines).toHaveLength(10);
    expect(lines[1]!.slice(0, 4)).toEqual([
      '3',
      'Email',
      'not-an-email',
      '"not-an-email" is not a valid email address',
    ]);
    expect(lines[1]!.slice(4)).toEqual(rows[1]);
  });

  it('reads Windows-1252 (Latin-1) files, files with a UTF-8 BOM, and semicolon files with day-first dates and decimal commas', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const latin1 = Buffer.from(
      'Email,First Name,Last Name,City\nm1@x.example,J\xfcrgen,M\xfcller,K\xf6ln\nm2@x.example,Ren\xe9e,Fa\xe7ade,S\xe3o Paulo\n',
      'latin1',
    );
    const first = await uploadFile(app, cookie, 'contacts', { name: 'latin1.csv', content: latin1 });
    expect(first.encoding).toBe('windows-1252');
    expect(first.sample[0]).toEqual(['m1@x.example', 'Jürgen', 'Müller', 'Köln']);
    expect((await runPhase(app, cookie, first.id, 'run')).created).toBe(2);

    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Email,Last Name\r\nm3@x.example,Ødegård\r\n'),
    ]);
    const second = await uploadFile(app, cookie, 'contacts', { name: 'bom.csv', content: bom });
    expect(second).toMatchObject({ encoding: 'utf-8', headers: ['Email', 'Last Name'] });
    expect(second.mapping.columns[0]).toEqual({ type: 'field', field: 'email' });
    expect((await runPhase(app, cookie, second.id, 'run')).created).toBe(1);

    const semicolon = Buffer.from(
      'E-Mail;Nachname;Erstellt;Umsatz\nm4@x.example;"Groß; AG";31.12.2023;1.234,50\nm5@x.example;Klein;01.02.2024;99,9\n',
    );
    const third = await uploadFile(app, cookie, 'contacts', { name: 'de.csv', content: semicolon });
    expect(third.delimiter).toBe(';');
    expect(third.options).toMatchObject({ decimalComma: true, dateOrder: 'dmy' });
    await saveMapping(app, cookie, third, (columns) => {
      columns[1] = { type: 'field', field: 'lastName' };
      columns[2] = { type: 'field', field: 'createdAt' };
    });
    expect((await runPhase(app, cookie, third.id, 'run')).created).toBe(2);

    const { rows } = await ctx.pool.query(
      `select email, first_name, last_name, city, created_at, properties from contacts where workspace_id = $1 order by email`,
      [workspace.id],
    );
    expect(rows.map((row: Record<string, unknown>) => [row.email, row.first_name, row.last_name, row.city])).toEqual([
      ['m1@x.example', 'Jürgen', 'Müller', 'Köln'],
      ['m2@x.example', 'Renée', 'Façade', 'São Paulo'],
      ['m3@x.example', null, 'Ødegård', null],
      ['m4@x.example', null, 'Groß; AG', null],
      ['m5@x.example', null, 'Klein', null],
    ]);
    expect(new Date(rows[3].created_at).toISOString()).toBe('2023-12-31T00:00:00.000Z');
    expect(rows[3].properties).toEqual({ umsatz: 1234.5 });
    expect(rows[4].properties).toEqual({ umsatz: 99.9 });
  });

  it('imports a 50 MB file streamed from disk: good rows in, each bad row reported', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-import-test-'));
    const file = path.join(dir, 'big.csv');
    const notes =
      'Met at the Hannover fair; interested in the 2025 line, wants a quote for 40 units, follow up in Q3. '.repeat(8);
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, 'Email,First Name,Last Name,Company,Notes\n');
    let rows = 0;
    let bytes = 0;
    const bad = new Set([1_000, 25_000, 49_999]);
    let chunk = '';
    while (bytes < 50 * 2 ** 20) {
      rows += 1;
      const email = bad.has(rows) ? `broken${rows}@` : `lead${rows}@company${rows % 500}.example`;
      const line = `${email},Lead,Number ${rows},Company ${rows % 500},"${notes}"\n`;
      chunk += line;
      bytes += line.length;
      if (chunk.length > 1 << 20) {
        fs.writeSync(out, chunk);
        chunk = '';
      }
    }
    fs.writeSync(out, `${chunk}lead7@company7.example,Lead,Again,Company 7,a duplicate of the seventh lead\n`);
    rows += 1;
    fs.closeSync(out);
    try {
      const job = await uploadFile(app, cookie, 'contacts', { name: 'big.csv', content: file });
      expect(job.totalRows).toBe(rows);
      expect(job.mapping.columns[4]).toMatchObject({ type: 'new_property', key: 'notes', propertyType: 'text' });
      const done = await runPhase(app, cookie, job.id, 'run', 120_000);
      expect(done).toMatchObject({ status: 'done', processed: rows, created: rows - 4, failed: 4 });
      const errors = await errorsOf(app, cookie, job.id);
      expect(errors.map((error) => [error.row, error.code, error.reason])).toEqual([
        [1_001, 'invalid', '"broken1000@" is not a valid email address'],
        [25_001, 'invalid', '"broken25000@" is not a valid email address'],
        [50_000, 'invalid', '"broken49999@" is not a valid email address'],
        [rows + 1, 'duplicate', 'duplicate of row 8 (same email)'],
      ]);
      const { rows: count } = await ctx.pool.query('select count(*)::int as n from contacts where workspace_id = $1', [
        workspace.id,
      ]);
      expect(count[0].n).toBe(rows - 4);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
