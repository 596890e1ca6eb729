import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { recordConversionEvent } from './record-conversion';
import type { ConversionStep } from './schema';

describe('conversion funnel', () => {
  const testApp = useTestApp();

  it('counts each step and rates it against the one before, in total, per group and per day or week', async () => {
    const { app, ctx } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const cta = await app.inject({
      method: 'POST',
      url: '/api/ctas',
      headers: { cookie: admin.cookie },
      payload: { name: 'Hero button', text: 'Get the report', targetUrl: 'https://www.widgets.example/report' },
    });
    const ctaId = cta.json().id as string;
    const record = async (step: ConversionStep, times: number, at: string, source: string, campaign: string | null) => {
      for (let i = 0; i < times; i += 1) {
        await recordConversionEvent(ctx.pool, {
          workspaceId: workspace.id,
          step,
          at: new Date(at),
          source,
          campaign,
          ctaId,
        });
      }
    };
    // Monday 1 June: email (spring) 10 → 4 → 4 → 2 → 1; Tuesday 2 June: search 10 → 1 → 1 → 1 → 0.
    await record('cta_view', 10, '2026-06-01T09:00:00Z', 'email', 'spring');
    await record('cta_click', 4, '2026-06-01T09:01:00Z', 'email', 'spring');
    await record('page_view', 4, '2026-06-01T09:02:00Z', 'email', 'spring');
    await record('submission', 2, '2026-06-01T09:03:00Z', 'email', 'spring');
    await record('download', 1, '2026-06-01T09:04:00Z', 'email', 'spring');
    await record('cta_view', 10, '2026-06-02T23:59:59Z', 'organic_search', null);
    await record('cta_click', 1, '2026-06-02T10:00:00Z', 'organic_search', null);
    await record('page_view', 1, '2026-06-02T10:00:00Z', 'organic_search', null);
    await record('submission', 1, '2026-06-02T10:00:00Z', 'organic_search', null);
    // Outside the range, and another workspace: not counted.
    await record('cta_view', 5, '2026-06-03T00:00:00Z', 'email', 'spring');
    const other = await createTestWorkspace(ctx, app);
    await recordConversionEvent(ctx.pool, {
      workspaceId: other.workspace.id,
      step: 'cta_view',
      at: new Date('2026-06-01T10:00:00Z'),
    });

    const funnel = async (query: string) =>
      app.inject({
        url: `/api/conversions/funnel?from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z&${query}`,
        headers: { cookie: admin.cookie },
      });

    const bySource = (await funnel('groupBy=source&interval=day')).json();
    expect(bySource.total.counts).toEqual({ cta_view: 20, cta_click: 5, page_view: 5, submission: 3, download: 1 });
    expect(bySource.total.stepRates.map((rate: { rate: number | null }) => rate.rate)).toEqual([0.25, 1, 0.6, 1 / 3]);
    expect(bySource.total.pageConversion).toBe(0.6);
    expect(bySource.groups).toEqual([
      expect.objectContaining({ key: 'email', label: 'email', pageConversion: 0.5 }),
      expect.objectContaining({ key: 'organic_search', label: 'organic_search', pageConversion: 1 }),
    ]);
    expect(bySource.groups[0].stepRates.map((rate: { rate: number | null }) => rate.rate)).toEqual([0.4, 1, 0.5, 0.5]);
    expect(bySource.groups[1].stepRates.map((rate: { rate: number | null }) => rate.rate)).toEqual([0.1, 1, 1, 0]);
    expect(
      bySource.series.map((day: { period: string; counts: { cta_view: number } }) => [day.period, day.counts.cta_view]),
    ).toEqual([
      ['2026-06-01T00:00:00.000Z', 10],
      ['2026-06-02T00:00:00.000Z', 10],
    ]);

    const byCampaign = (await funnel('groupBy=campaign&interval=week')).json();
    expect(
      byCampaign.groups.map((group: { label: string; counts: { submission: number } }) => [
        group.label,
        group.counts.submission,
      ]),
    ).toEqual([
      ['spring', 2],
      ['(none)', 1],
    ]);
    // ISO weeks start on Monday: both days fall in the week of 1 June.
    expect(byCampaign.series).toHaveLength(1);
    expect(byCampaign.series[0].period).toBe('2026-06-01T00:00:00.000Z');

    const byCta = (await funnel('groupBy=cta')).json();
    expect(byCta.groups).toEqual([expect.objectContaining({ key: ctaId, label: 'Hero button' })]);
  });

  it('validates its query, naming the parameter', async () => {
    const { app, ctx } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const get = (query: string) =>
      app.inject({ url: `/api/conversions/funnel?${query}`, headers: { cookie: admin.cookie } });
    const badGroup = await get('groupBy=planet');
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.body).toContain('groupBy');
    expect((await get('interval=month')).statusCode).toBe(400);
    expect((await get('from=yesterday')).statusCode).toBe(400);
    const backwards = await get('from=2026-06-02&to=2026-06-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].path).toBe('querystring.from');
    expect((await get('')).statusCode).toBe(200);
  });
});
