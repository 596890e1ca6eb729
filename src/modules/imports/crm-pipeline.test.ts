import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { repoRoot } from '../../../test/helpers/run-cli';
import { errorsOf, runPhase, saveMapping, uploadFile, useImportApp } from './test-kit';

const dataDir = path.join(repoRoot, '..', 'shared', 'data', 'crm-pipeline');
const read = (file: string) =>
  parse(fs.readFileSync(path.join(dataDir, file)), { columns: true }) as Record<string, string>[];

describe('importing the CRM pipeline data set (Maven Analytics)', () => {
  const testApp = useImportApp();

  it('gives the same won and lost counts and won revenue as the files; its agents become sales reps; a second run changes nothing', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const cookie = admin.cookie;
    // What the files say, counted directly.
    const pipeline = read('sales_pipeline.csv');
    const accounts = read('accounts.csv');
    const teams = read('sales_teams.csv');
    const won = pipeline.filter((row) => row.deal_stage === 'Won');
    const lost = pipeline.filter((row) => row.deal_stage === 'Lost');
    const wonRevenue = won.reduce((sum, row) => sum + Number(row.close_value), 0);
    const agents = new Set(pipeline.map((row) => row.sales_agent));
    const wonByProduct = new Map<string, number>();
    for (const row of won)
      wonByProduct.set(row.product!, (wonByProduct.get(row.product!) ?? 0) + Number(row.close_value));
    expect(pipeline).toHaveLength(8800);

    // accounts.csv as companies.
    const companies = await uploadFile(app, cookie, 'companies', {
      name: 'accounts.csv',
      content: path.join(dataDir, 'accounts.csv'),
    });
    expect(companies.mapping.columns).toEqual([
      { type: 'field', field: 'name' },
      { type: 'field', field: 'industry' },
      { type: 'new_property', key: 'year_established', label: 'year_established', propertyType: 'number' },
      { type: 'new_property', key: 'revenue', label: 'revenue', propertyType: 'number' },
      { type: 'field', field: 'employees' },
      { type: 'field', field: 'country' },
      {
        type: 'new_property',
        key: 'subsidiary_of',
        label: 'subsidiary_of',
        propertyType: 'single_select',
        options: expect.any(Array),
      },
    ]);
    await saveMapping(app, cookie, companies);
    expect(await runPhase(app, cookie, companies.id, 'run')).toMatchObject({
      status: 'done',
      created: accounts.length,
      failed: 0,
    });

    // sales_pipeline.csv as deals; its sales agents (sales_teams.csv) become users.
    const deals = await uploadFile(app, cookie, 'deals', {
      name: 'sales_pipeline.csv',
      content: path.join(dataDir, 'sales_pipeline.csv'),
    });
    expect(deals.mapping.columns).toEqual([
      { type: 'field', field: 'externalId' },
      { type: 'field', field: 'owner' },
      {
        type: 'new_property',
        key: 'product',
        label: 'product',
        propertyType: 'single_select',
        options: expect.any(Array),
      },
      { type: 'field', field: 'company' },
      { type: 'field', field: 'stage' },
      { type: 'field', field: 'createdAt' },
      { type: 'field', field: 'closeDate' },
      { type: 'field', field: 'amount' },
    ]);
    // Without users for the agents, every row with an owner is an error, and nothing is written.
    const refused = await runPhase(app, cookie, deals.id, 'dry-run');
    expect(refused.dryRun).toMatchObject({ processed: 8800, created: 0, failed: 8800 });
    expect((await errorsOf(app, cookie, deals.id, 'dry_run'))[0]!.reason).toMatch(/no user with the email or name "/);

    await saveMapping(app, cookie, deals, undefined, { createMissingOwners: true });
    const dry = await runPhase(app, cookie, deals.id, 'dry-run');
    expect(dry.dryRun).toMatchObject({ processed: 8800, created: 8800, failed: 0 });
    const { rows: none } = await ctx.pool.query(
      `select (select count(*)::int from deals where workspace_id = $1) as deals,
              (select count(*)::int from users where workspace_id = $1) as users`,
      [workspace.id],
    );
    expect(none[0]).toEqual({ deals: 0, users: 1 });

    const done = await runPhase(app, cookie, deals.id, 'run');
    expect(done).toMatchObject({ status: 'done', processed: 8800, created: 8800, updated: 0, failed: 0 });

    const { rows: totals } = await ctx.pool.query(
      `select count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
              count(*) filter (where status = 'open')::int as open,
              coalesce(sum(amount_minor) filter (where status = 'won'), 0)::bigint as won_minor,
              count(*) filter (where status <> 'open' and closed_at is null)::int as closed_without_date,
              count(company_id)::int as with_company
         from deals where workspace_id = $1`,
      [workspace.id],
    );
    expect(totals[0]).toEqual({
      won: won.length,
      lost: lost.length,
      open: 8800 - won.length - lost.length,
      won_minor: wonRevenue * 100,
      closed_without_date: 0,
      with_company: pipeline.filter((row) => row.account).length,
    });
    console.log(
      `crm-pipeline: ${won.length} won, ${lost.length} lost, won revenue ${wonRevenue.toLocaleString('en-US')} USD, ${agents.size} agents`,
    );

    // Revenue by product agrees too (the pipeline writes "GTXPro" where products.csv says "GTX Pro").
    const { rows: byProduct } = await ctx.pool.query(
      `select properties->>'product' as product, sum(amount_minor)::bigint as minor from deals
        where workspace_id = $1 and status = 'won' group by 1`,
      [workspace.id],
    );
    expect(new Map(byProduct.map((row) => [row.product, Number(row.minor) / 100]))).toEqual(wonByProduct);
    // Linked to the imported accounts: no company was created from a deal.
    const { rows: companyCount } = await ctx.pool.query(
      'select count(*)::int as n from companies where workspace_id = $1',
      [workspace.id],
    );
    expect(companyCount[0].n).toBe(accounts.length);

    // The agents are sales reps, as named in sales_teams.csv.
    const { rows: reps } = await ctx.pool.query(
      `select name, role, password_hash from users where workspace_id = $1 and id <> $2 order by name`,
      [workspace.id, admin.id],
    );
    expect(reps.map((row) => row.name)).toEqual([...agents].sort());
    expect(reps.every((row) => row.role === 'sales_rep' && row.password_hash === null)).toBe(true);
    const teamAgents = new Set(teams.map((row) => row.sales_agent));
    expect([...agents].every((agent) => teamAgents.has(agent))).toBe(true);
    const { rows: owned } = await ctx.pool.query(
      `select u.name, count(*)::int as deals from deals d join users u on u.workspace_id = d.workspace_id and u.id = d.owner_id
        where d.workspace_id = $1 group by u.name`,
      [workspace.id],
    );
    const expectedOwned = new Map<string, number>();
    for (const row of pipeline) expectedOwned.set(row.sales_agent!, (expectedOwned.get(row.sales_agent!) ?? 0) + 1);
    expect(new Map(owned.map((row) => [row.name, row.deals]))).toEqual(expectedOwned);

    // A close date is kept for closed deals; an engage date is the deal's creation.
    const sample = won[0]!;
    const { rows: one } = await ctx.pool.query(
      `select d.name, d.stage, d.amount_minor, d.closed_at, d.created_at, co.name as company
         from deals d left join companies co on co.workspace_id = d.workspace_id and co.id = d.company_id
        where d.workspace_id = $1 and d.external_id = $2`,
      [workspace.id, sample.opportunity_id],
    );
    expect(one[0]).toMatchObject({
      stage: 'closed_won',
      amount_minor: Number(sample.close_value) * 100,
      company: sample.account,
      name: sample.account,
    });
    expect(new Date(one[0].closed_at).toISOString().slice(0, 10)).toBe(sample.close_date);
    expect(new Date(one[0].created_at).toISOString().slice(0, 10)).toBe(sample.engage_date);

    // The same file again: nothing created, nothing changed.
    const again = await uploadFile(app, cookie, 'deals', {
      name: 'sales_pipeline.csv',
      content: path.join(dataDir, 'sales_pipeline.csv'),
    });
    expect(again.mapping.columns[2]).toEqual({ type: 'property', key: 'product' });
    await saveMapping(app, cookie, again, undefined, { createMissingOwners: true });
    expect(await runPhase(app, cookie, again.id, 'run')).toMatchObject({
      status: 'done',
      created: 0,
      updated: 0,
      unchanged: 8800,
      failed: 0,
    });
  }, 120_000);
});
