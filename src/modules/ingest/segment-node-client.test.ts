import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';

describe('the official Segment Node.js library sending to Baton', () => {
  const testApp = useTestApp();
  let address = '';
  let pipeline: Pipeline;
  beforeAll(async () => {
    address = await testApp().app.listen({ port: 0, host: '127.0.0.1' });
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(async () => {
    await pipeline.stop();
  });

  it('lands track, identify and page calls as activities on the right contact', async () => {
    const { ctx, app } = testApp();
    const { workspace } = await createTestWorkspace(ctx, app);
    const writeKey = await createTestKey(ctx, workspace.id, 'write');
    const analytics = new Analytics({ writeKey, host: address, flushAt: 3, flushInterval: 100, maxRetries: 2 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));

    analytics.page({
      anonymousId: 'visitor-9',
      name: 'Pricing',
      properties: { url: 'https://widgetworks.example/pricing', title: 'Pricing' },
    });
    analytics.identify({
      anonymousId: 'visitor-9',
      userId: 'crm-1001',
      traits: { email: 'ann.lee@northwind.example', firstName: 'Ann', lastName: 'Lee', title: 'VP Operations' },
    });
    analytics.track({
      userId: 'crm-1001',
      event: 'Content Downloaded',
      properties: { title: 'The Widget Buyer’s Guide 2026' },
    });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(errors).toEqual([]);
    await pipeline.drain();

    const { rows: contacts } = await ctx.pool.query(
      'select id, email, external_id, first_name, title from contacts where workspace_id = $1',
      [workspace.id],
    );
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      email: 'ann.lee@northwind.example',
      external_id: 'crm-1001',
      first_name: 'Ann',
      title: 'VP Operations',
    });
    const { rows: activities } = await ctx.pool.query(
      // The library stamps calls made in the same millisecond alike: compare as a set.
      'select type, title from activities where workspace_id = $1 and contact_id = $2 order by type',
      [workspace.id, contacts[0].id],
    );
    expect(activities).toEqual([
      { type: 'content_download', title: 'The Widget Buyer’s Guide 2026' },
      { type: 'page_view', title: 'Pricing' },
    ]);
    const { rows: events } = await ctx.pool.query(
      `select count(*)::int as n, bool_and(context->'library'->>'name' = '@segment/analytics-node') as from_library
         from events where workspace_id = $1`,
      [workspace.id],
    );
    expect(events[0]).toEqual({ n: 3, from_library: true });
  });
});
