import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { repoRoot } from '../../../test/helpers/run-cli';
import { rescoreWorkspace } from '../scoring';
import { runPhase, saveMapping, uploadFile, useImportApp } from './test-kit';

const file = path.join(repoRoot, '..', 'shared', 'data', 'leads-x-education', 'Leads.csv');

describe('importing the X Education leads data set', () => {
  const testApp = useImportApp();

  it('imports all 9,240 leads keyed by Prospect ID, their columns as typed custom properties', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rows = parse(fs.readFileSync(file), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(9240);

    const job = await uploadFile(app, admin.cookie, 'contacts', { name: 'Leads.csv', content: file });
    expect(job.totalRows).toBe(9240);
    const target = (header: string) => job.mapping.columns[job.headers.indexOf(header)];
    expect(target('Prospect ID')).toEqual({ type: 'field', field: 'externalId' });
    expect(target('Country')).toEqual({ type: 'field', field: 'country' });
    expect(target('City')).toEqual({ type: 'field', field: 'city' });
    expect(target('Lead Origin')).toMatchObject({
      type: 'new_property',
      key: 'lead_origin',
      propertyType: 'single_select',
    });
    expect(target('Lead Source')).toMatchObject({
      type: 'new_property',
      key: 'lead_source',
      propertyType: 'single_select',
    });
    expect(target('Converted')).toMatchObject({ type: 'new_property', key: 'converted', propertyType: 'boolean' });
    expect(target('TotalVisits')).toMatchObject({ type: 'new_property', key: 'totalvisits', propertyType: 'number' });
    expect(target('Total Time Spent on Website')).toMatchObject({
      type: 'new_property',
      key: 'total_time_spent_on_website',
      propertyType: 'number',
    });
    expect(target('Page Views Per Visit')).toMatchObject({ key: 'page_views_per_visit', propertyType: 'number' });
    expect(target('Last Activity')).toMatchObject({ key: 'last_activity', propertyType: 'single_select' });
    expect(target('What is your current occupation')).toMatchObject({
      key: 'what_is_your_current_occupation',
      propertyType: 'single_select',
    });
    expect(target('Do Not Email')).toMatchObject({ key: 'do_not_email', propertyType: 'boolean' });
    expect(job.mapping.columns.every((column) => column.type !== 'ignore')).toBe(true);

    await saveMapping(app, admin.cookie, job);
    const done = await runPhase(app, admin.cookie, job.id, 'run');
    expect(done).toMatchObject({ status: 'done', processed: 9240, created: 9240, updated: 0, failed: 0 });

    const { rows: stored } = await ctx.pool.query(
      `select count(*)::int as contacts,
              count(*) filter (where properties->>'lead_origin' is not null)::int as with_origin,
              count(*) filter (where (properties->>'converted')::boolean)::int as converted,
              sum((properties->>'totalvisits')::numeric)::float8 as visits,
              sum((properties->>'total_time_spent_on_website')::numeric)::float8 as seconds,
              count(*) filter (where lifecycle_stage = 'lead')::int as leads
         from contacts where workspace_id = $1`,
      [workspace.id],
    );
    const sum = (column: string) => rows.reduce((total, row) => total + (row[column] ? Number(row[column]) : 0), 0);
    expect(stored[0]).toEqual({
      contacts: 9240,
      with_origin: 9240,
      converted: rows.filter((row) => row.Converted === '1').length,
      visits: sum('TotalVisits'),
      seconds: sum('Total Time Spent on Website'),
      leads: 9240,
    });
    const first = rows[0]!;
    const { rows: one } = await ctx.pool.query(
      `select external_id, country, properties from contacts where workspace_id = $1 and external_id = $2`,
      [workspace.id, first['Prospect ID']],
    );
    expect(one[0].properties).toMatchObject({
      lead_number: Number(first['Lead Number']),
      lead_origin: first['Lead Origin'],
      lead_source: first['Lead Source'],
      converted: first.Converted === '1',
      last_activity: first['Last Activity'],
      what_is_your_current_occupation: first['What is your current occupation'],
      page_views_per_visit: Number(first['Page Views Per Visit']),
      do_not_email: first['Do Not Email'] === 'Yes',
    });
    const { rows: definitions } = await ctx.pool.query(
      `select count(*)::int as n from property_definitions where workspace_id = $1 and object = 'contact'`,
      [workspace.id],
    );
    expect(definitions[0].n).toBe(job.headers.length - 3);
    const { rows: transitions } = await ctx.pool.query(
      `select count(*)::int as n from stage_transitions where workspace_id = $1 and actor_type = 'import' and to_stage = 'lead'`,
      [workspace.id],
    );
    expect(transitions[0].n).toBe(9240);

    // Calibration: a fit model built from what a lead tells us before sales talks to them (never the
    // columns sales fills in afterwards: Tags, Lead Quality, Asymmetrique*) ranks converters first.
    const criterion = (label: string, field: string, operator: string, values: string[], points: number) => ({
      label,
      field: `properties.${field}`,
      operator,
      values,
      points,
    });
    const current = await app.inject({ method: 'GET', url: '/api/scoring', headers: { cookie: admin.cookie } });
    const model = {
      ...current.json().model,
      criteria: [
        criterion('Came through the lead add form', 'lead_origin', 'equals_any', ['Lead Add Form'], 50),
        criterion('Referred or from our own site', 'lead_source', 'equals_any', ['Reference', 'Welingak Website'], 20),
        criterion(
          'Working professional',
          'what_is_your_current_occupation',
          'equals_any',
          ['Working Professional'],
          40,
        ),
        criterion('Last activity: SMS sent', 'last_activity', 'equals_any', ['SMS Sent'], 30),
        criterion('Last activity: email opened', 'last_activity', 'equals_any', ['Email Opened'], 10),
        criterion(
          'Last activity: chat or bounce',
          'last_activity',
          'equals_any',
          ['Olark Chat Conversation', 'Email Bounced'],
          -15,
        ),
        criterion('Long time on the site', 'total_time_spent_on_website', 'gte', ['500'], 15),
        criterion('Very long time on the site', 'total_time_spent_on_website', 'gte', ['1000'], 20),
        criterion('Asked not to be emailed', 'do_not_email', 'equals_any', ['true'], -20),
      ],
    };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/scoring',
      headers: { cookie: admin.cookie },
      payload: model,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await rescoreWorkspace(ctx, workspace.id);
    const calibration = await app.inject({
      method: 'GET',
      url: '/api/scoring/calibration?outcome=property:converted',
      headers: { cookie: admin.cookie },
    });
    const figures = calibration.json();
    expect(figures).toMatchObject({ contacts: 9240, positives: rows.filter((row) => row.Converted === '1').length });
    console.info(`X Education calibration: ROC AUC ${figures.auc} over ${figures.contacts} leads`);
    expect(figures.auc).toBeGreaterThan(0.8);
    // The top decile converts far more often than the bottom one.
    expect(figures.byScoreDecile[0].rate).toBeGreaterThan(figures.byScoreDecile[9].rate * 3);

    const again = await uploadFile(app, admin.cookie, 'contacts', { name: 'Leads.csv', content: file });
    expect(again.mapping.columns.every((column) => column.type !== 'new_property')).toBe(true);
    expect(await runPhase(app, admin.cookie, again.id, 'run')).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 9240,
    });
  }, 120_000);
});
