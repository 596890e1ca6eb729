import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { errorsOf, runPhase, uploadFile, useImportApp } from './test-kit';

const file = (text: string) => ({ name: 'file.csv', content: Buffer.from(text) });

describe('importing companies, deals, sales activities and campaign costs', () => {
  const testApp = useImportApp();

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    return { ctx, app, workspace, cookie: admin.cookie, admin };
  }

  it('upserts companies by external id, domain or name; a domain another company has is a row error', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const first = await uploadFile(
      app,
      cookie,
      'companies',
      file(
        'Account ID,Account Name,Website,Industry,Employees,Billing Country\n' +
          'A1,Acme,https://www.acme.example/about,Manufacturing,"1,200",Germany\n' +
          'A2,Beta,beta.example,Retail,50,France\n' +
          ',Gamma,,Software,abc,\n',
      ),
    );
    expect(first.mapping.columns).toEqual([
      { type: 'field', field: 'externalId' },
      { type: 'field', field: 'name' },
      { type: 'field', field: 'domain' },
      { type: 'field', field: 'industry' },
      { type: 'field', field: 'employees' },
      { type: 'field', field: 'country' },
    ]);
    expect(await runPhase(app, cookie, first.id, 'run')).toMatchObject({ created: 2, failed: 1 });
    expect((await errorsOf(app, cookie, first.id)).map((error) => [error.row, error.column, error.value])).toEqual([
      [4, 'Employees', 'abc'],
    ]);
    const second = await uploadFile(
      app,
      cookie,
      'companies',
      file(
        'Account ID,Account Name,Website,Industry,Employees,Billing Country\n' +
          'A1,Acme Corp,acme.example,Manufacturing,1200,Germany\n' +
          ',Beta,beta.example,Retail,60,France\n' +
          'A3,Gamma,,Software,10,\n' +
          'A4,Delta,acme.example,,,\n',
      ),
    );
    expect(await runPhase(app, cookie, second.id, 'run')).toMatchObject({
      created: 1,
      updated: 2,
      unchanged: 0,
      failed: 1,
    });
    expect((await errorsOf(app, cookie, second.id)).map((error) => [error.row, error.code, error.reason])).toEqual([
      [5, 'duplicate', 'duplicate of row 2 (same domain)'],
    ]);
    const { rows } = await ctx.pool.query(
      'select external_id, name, domain, employees, country from companies where workspace_id = $1 order by name',
      [workspace.id],
    );
    expect(rows).toEqual([
      { external_id: 'A1', name: 'Acme Corp', domain: 'acme.example', employees: 1200, country: 'Germany' },
      { external_id: 'A2', name: 'Beta', domain: 'beta.example', employees: 60, country: 'France' },
      { external_id: 'A3', name: 'Gamma', domain: null, employees: 10, country: null },
    ]);
  });

  it('imports HubSpot deals: stages, owners by email or name, accounts and contacts linked, amounts in minor units', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Sam Seller');
    const contacts = await uploadFile(app, cookie, 'contacts', file('Email,First Name\nbuyer@acme.example,Bea\n'));
    await runPhase(app, cookie, contacts.id, 'run');
    const text =
      'Deal ID,Deal Name,Associated Company,Deal Stage,Amount,Deal Currency Code,Close Date,Deal owner,Contact Email,Closed Lost Reason\n' +
      `D1,Acme expansion,Acme,closedwon,"12,500.50",EUR,2024-06-30,${rep.email},buyer@acme.example,\n` +
      'D2,Beta pilot,Beta,closedlost,800,USD,06/15/2024,Sam Seller,,Budget\n' +
      'D3,Gamma trial,Gamma,presentationscheduled,3000,USD,2024-09-01,Sam Seller,,\n' +
      'D4,Broken,Acme,won-ish,1,USD,2024-09-01,Nobody Known,,\n' +
      'D5,Negative,Acme,appointmentscheduled,-5,USD,,,,\n' +
      'D6,Unknown contact,Acme,qualifiedtobuy,5,USD,,,ghost@acme.example,\n';
    const job = await uploadFile(app, cookie, 'deals', file(text));
    expect(job.mapping.columns.map((column) => (column.type === 'field' ? column.field : column.type))).toEqual([
      'externalId',
      'name',
      'company',
      'stage',
      'amount',
      'currency',
      'closeDate',
      'owner',
      'contactEmail',
      'lostReason',
    ]);
    expect(await runPhase(app, cookie, job.id, 'run')).toMatchObject({ created: 3, failed: 3 });
    const errors = await errorsOf(app, cookie, job.id);
    expect(errors.map((error) => [error.row, error.column, error.value])).toEqual([
      [5, 'Deal Stage', 'won-ish'],
      [5, 'Deal owner', 'Nobody Known'],
      [6, 'Amount', '-5'],
      [7, 'Contact Email', 'ghost@acme.example'],
    ]);
    const { rows } = await ctx.pool.query(
      `select d.external_id, d.stage, d.status, d.amount_minor, d.currency, d.closed_at::date::text as closed,
              d.expected_close_on::text as expected, d.lost_reason, u.name as owner, co.name as company,
              (select count(*)::int from deal_contacts dc where dc.workspace_id = d.workspace_id and dc.deal_id = d.id) as contacts
         from deals d left join users u on u.workspace_id = d.workspace_id and u.id = d.owner_id
         left join companies co on co.workspace_id = d.workspace_id and co.id = d.company_id
        where d.workspace_id = $1 order by d.external_id`,
      [workspace.id],
    );
    expect(rows).toEqual([
      {
        external_id: 'D1',
        stage: 'closed_won',
        status: 'won',
        amount_minor: 1_250_050,
        currency: 'EUR',
        closed: '2024-06-30',
        expected: null,
        lost_reason: null,
        owner: 'Sam Seller',
        company: 'Acme',
        contacts: 1,
      },
      {
        external_id: 'D2',
        stage: 'closed_lost',
        status: 'lost',
        amount_minor: 80_000,
        currency: 'USD',
        closed: '2024-06-15',
        expected: null,
        lost_reason: 'Budget',
        owner: 'Sam Seller',
        company: 'Beta',
        contacts: 0,
      },
      {
        external_id: 'D3',
        stage: 'demo',
        status: 'open',
        amount_minor: 300_000,
        currency: 'USD',
        closed: null,
        expected: '2024-09-01',
        lost_reason: null,
        owner: 'Sam Seller',
        company: 'Gamma',
        contacts: 0,
      },
    ]);
  });

  it('imports sales activities about contacts, deals and companies, and skips them the second time', async () => {
    const { ctx, app, workspace, cookie, admin } = await setup();
    const contacts = await uploadFile(app, cookie, 'contacts', file('Email,Company Name\nlead@acme.example,Acme\n'));
    await runPhase(app, cookie, contacts.id, 'run');
    const text =
      'Activity ID,Type,Date,Email,Company,Outcome,Duration,Subject,Notes,Assigned To,Due Date\n' +
      `E1,Call,2024-05-02 10:00,lead@acme.example,,Connected,05:30,Intro call,"Talked budget, timing",${admin.email},\n` +
      `E2,Meeting,2024-05-03 15:00,lead@acme.example,,Held,3600,Demo,,${admin.email},\n` +
      `E3,Note,2024-05-04,,Acme,,,Account note,Big fish,${admin.email},\n` +
      `E4,Task,2024-05-05,lead@acme.example,,,,Send quote,,${admin.email},2024-05-10\n` +
      `E5,Call,2024-05-06,lead@acme.example,,Held,,,,${admin.email},\n` +
      `E6,Task,2024-05-06,lead@acme.example,,,,No due date,,${admin.email},\n` +
      `E7,Email,2024-05-07,nobody@acme.example,,,,Hello,,${admin.email},\n`;
    const job = await uploadFile(app, cookie, 'sales_activities', file(text));
    expect(job.mapping.columns.map((column) => (column.type === 'field' ? column.field : column.type))).toEqual([
      'externalId',
      'type',
      'occurredAt',
      'contactEmail',
      'company',
      'outcome',
      'durationSeconds',
      'subject',
      'body',
      'owner',
      'dueAt',
    ]);
    expect(await runPhase(app, cookie, job.id, 'run')).toMatchObject({ created: 4, failed: 3 });
    expect((await errorsOf(app, cookie, job.id)).map((error) => [error.row, error.field, error.reason])).toEqual([
      [6, 'outcome', 'a call has no outcome "held" (one of connected, voicemail, no_answer, wrong_number)'],
      [7, 'dueAt', 'a task needs a due date'],
      [8, 'contactEmail', 'no contact with the email nobody@acme.example'],
    ]);
    const { rows } = await ctx.pool.query(
      `select type, outcome, duration_seconds, subject, body, contact_id is not null as contact, company_id is not null as company,
              user_id, due_at is not null as due
         from sales_activities where workspace_id = $1 order by occurred_at`,
      [workspace.id],
    );
    expect(rows).toEqual([
      {
        type: 'call',
        outcome: 'connected',
        duration_seconds: 330,
        subject: 'Intro call',
        body: 'Talked budget, timing',
        contact: true,
        company: false,
        user_id: admin.id,
        due: false,
      },
      {
        type: 'meeting',
        outcome: 'held',
        duration_seconds: 3600,
        subject: 'Demo',
        body: null,
        contact: true,
        company: false,
        user_id: admin.id,
        due: false,
      },
      {
        type: 'note',
        outcome: null,
        duration_seconds: null,
        subject: 'Account note',
        body: 'Big fish',
        contact: false,
        company: true,
        user_id: admin.id,
        due: false,
      },
      {
        type: 'task',
        outcome: null,
        duration_seconds: null,
        subject: 'Send quote',
        body: null,
        contact: true,
        company: false,
        user_id: admin.id,
        due: true,
      },
    ]);
    const again = await uploadFile(app, cookie, 'sales_activities', file(text));
    expect(await runPhase(app, cookie, again.id, 'run')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
      failed: 3,
    });
  });

  it('imports campaign costs: campaigns found or created with their channel, amounts in minor units, updated on re-import', async () => {
    const { ctx, app, workspace, cookie } = await setup();
    const text = (spring: string) =>
      'Campaign,Channel,Month,Spend,Currency,Note\n' +
      `Spring Webinar,Webinar,2024-03-01,"1,500.00",USD,\n` +
      `Spring Webinar,Webinar,2024-04-01,${spring},USD,\n` +
      'Trade Fair Hannover,Trade Show,2024-04-01,"12.000,50",EUR,booth\n' +
      'Mystery,,2024-04-01,10,USD,\n' +
      'Spring Webinar,,2024-05-01,abc,USD,\n';
    const job = await uploadFile(app, cookie, 'campaign_costs', file(text('750.25')));
    expect(job.mapping.columns.map((column) => (column.type === 'field' ? column.field : column.type))).toEqual([
      'campaign',
      'channel',
      'periodStart',
      'amount',
      'currency',
      'note',
    ]);
    expect(await runPhase(app, cookie, job.id, 'run')).toMatchObject({ created: 2, failed: 3 });
    expect((await errorsOf(app, cookie, job.id)).map((error) => [error.row, error.column, error.reason])).toEqual([
      [4, 'Spend', '"12.000,50" is not an amount'],
      [5, 'Campaign', 'no campaign named "Mystery" (map a Channel column to create it)'],
      [6, 'Spend', '"abc" is not an amount'],
    ]);
    const again = await uploadFile(app, cookie, 'campaign_costs', file(text('800')));
    expect(await runPhase(app, cookie, again.id, 'run')).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
      failed: 3,
    });
    const { rows } = await ctx.pool.query(
      `select c.name, c.channel, k.period_start::text as period, k.amount_minor, k.currency
         from campaign_costs k join campaigns c on c.workspace_id = k.workspace_id and c.id = k.campaign_id
        where k.workspace_id = $1 order by k.period_start`,
      [workspace.id],
    );
    expect(rows).toEqual([
      { name: 'Spring Webinar', channel: 'webinar', period: '2024-03-01', amount_minor: 150_000, currency: 'USD' },
      { name: 'Spring Webinar', channel: 'webinar', period: '2024-04-01', amount_minor: 80_000, currency: 'USD' },
    ]);
  });
});
