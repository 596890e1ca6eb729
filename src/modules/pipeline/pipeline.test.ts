import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestWorkspace } from '../../../test/helpers/factories';
import { eventSender } from '../../../test/helpers/send-events';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from './pipeline-worker';

const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('the event pipeline', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    // Three loops sharing one listener, as a worker process runs them: every test below also shows
    // that batches applied side by side keep each visitor's events in order and apply them once.
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50, loops: 3 });
  });
  afterAll(async () => {
    await pipeline.stop();
  });

  async function setup() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const send = eventSender(app, key, pipeline, { context: { userAgent: browser } });
    const q = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
      (await ctx.pool.query(text, [workspace.id, ...values])).rows as T[];
    return { ctx, app, workspace, admin, key, send, q };
  }

  it('moves an anonymous visitor’s whole history onto the contact when they identify', async () => {
    const { send, q } = await setup();
    await send([
      {
        type: 'page',
        anonymousId: 'jon-browser',
        timestamp: minutesAgo(3 * 24 * 60),
        properties: {
          title: 'Measuring widget ROI',
          url: 'https://widgetworks.example/blog/roi?utm_source=google&utm_medium=cpc&utm_campaign=Widget%20ROI',
        },
        context: { userAgent: browser, page: { referrer: 'https://www.google.com/' } },
      },
      {
        type: 'page',
        anonymousId: 'jon-browser',
        timestamp: minutesAgo(3 * 24 * 60 - 5),
        properties: { title: 'Pricing', url: 'https://widgetworks.example/pricing' },
      },
    ]);
    expect(await q('select count(*)::int as n from contacts where workspace_id = $1')).toEqual([{ n: 0 }]);
    expect(await q(`select count(*)::int as n from activities where workspace_id = $1 and contact_id is null`)).toEqual(
      [{ n: 2 }],
    );

    await send([
      {
        type: 'identify',
        anonymousId: 'jon-browser',
        timestamp: minutesAgo(10),
        traits: {
          email: 'Jon.Doe@Brightforge.example',
          firstName: 'Jon',
          lastName: 'Doe',
          title: 'Director of Operations',
        },
      },
    ]);
    const [jon] = await q<{
      id: string;
      email: string;
      first_name: string;
      company_id: string;
      source: string;
      first_seen_at: Date;
      lifecycle_stage: string;
    }>(
      'select id, email, first_name, company_id, source, first_seen_at, lifecycle_stage from contacts where workspace_id = $1',
    );
    expect(jon).toMatchObject({
      email: 'jon.doe@brightforge.example',
      first_name: 'Jon',
      source: 'paid_search',
      lifecycle_stage: 'subscriber',
    });
    const timeline = await q<{ type: string; title: string }>(
      'select type, title from activities where workspace_id = $1 and contact_id = $2 order by occurred_at',
      [jon!.id],
    );
    expect(timeline).toEqual([
      { type: 'page_view', title: 'Measuring widget ROI' },
      { type: 'page_view', title: 'Pricing' },
    ]);
    expect(Date.now() - new Date(jon!.first_seen_at).getTime()).toBeGreaterThan(2.9 * 24 * 3_600_000);
    // One session, one touch: paid search on the Widget ROI campaign, which now exists.
    const touches = await q(
      'select t.channel, c.name as campaign from touches t left join campaigns c on c.workspace_id = t.workspace_id and c.id = t.campaign_id where t.workspace_id = $1 and t.contact_id = $2',
      [jon!.id],
    );
    expect(touches).toEqual([{ channel: 'paid_search', campaign: 'Widget ROI' }]);
    const [company] = await q('select name, domain from companies where workspace_id = $1 and id = $2', [
      jon!.company_id,
    ]);
    expect(company).toEqual({ name: 'Brightforge', domain: 'brightforge.example' });
    expect(
      await q('select to_stage, from_stage from stage_transitions where workspace_id = $1 and contact_id = $2', [
        jon!.id,
      ]),
    ).toEqual([{ to_stage: 'subscriber', from_stage: null }]);

    // Later visits from the same browser land on Jon directly.
    await send([
      {
        type: 'track',
        anonymousId: 'jon-browser',
        event: 'Content Downloaded',
        properties: { title: 'Lifecycle of a Widget' },
      },
    ]);
    expect(
      await q('select count(*)::int as n from activities where workspace_id = $1 and contact_id = $2', [jon!.id]),
    ).toEqual([{ n: 3 }]);
  });

  it('recognises a returning lead by email or user id, and does not link free-mail addresses to a company', async () => {
    const { send, q } = await setup();
    await send([
      {
        type: 'identify',
        userId: 'u-42',
        anonymousId: 'laptop',
        traits: { email: 'sam@gmail.com', name: 'Sam Smith' },
      },
    ]);
    await send([
      { type: 'identify', anonymousId: 'phone', traits: { email: 'SAM@gmail.com', phone: '+1 555 0100' } },
      { type: 'track', userId: 'u-42', event: 'Played Demo Video' },
      { type: 'page', anonymousId: 'phone', properties: { url: 'https://widgetworks.example/' } },
    ]);
    const contacts = await q(
      'select email, external_id, first_name, last_name, phone, company_id from contacts where workspace_id = $1',
    );
    expect(contacts).toEqual([
      {
        email: 'sam@gmail.com',
        external_id: 'u-42',
        first_name: 'Sam',
        last_name: 'Smith',
        phone: '+1 555 0100',
        company_id: null,
      },
    ]);
    expect(
      await q('select count(*)::int as n from activities where workspace_id = $1 and contact_id is not null'),
    ).toEqual([{ n: 2 }]);
    expect(await q('select count(*)::int as n from companies where workspace_id = $1')).toEqual([{ n: 0 }]);
  });

  it('merges two known records an alias call proves to be one person', async () => {
    const { send, q } = await setup();
    await send([
      { type: 'identify', userId: 'old-id', traits: { email: 'pat@acme.example', title: 'CTO' } },
      { type: 'identify', userId: 'new-id', traits: { name: 'Pat Lee' } },
      { type: 'track', userId: 'old-id', event: 'Form Submitted', properties: { form: 'Contact sales' } },
      { type: 'track', userId: 'new-id', event: 'Viewed Docs' },
    ]);
    await send([{ type: 'alias', previousId: 'old-id', userId: 'new-id' }]);
    const live = await q<{ id: string; email: string; first_name: string; title: string }>(
      'select id, email, first_name, title from contacts where workspace_id = $1 and merged_into_id is null',
    );
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ email: 'pat@acme.example', first_name: 'Pat', title: 'CTO' });
    expect(
      await q('select count(*)::int as n from activities where workspace_id = $1 and contact_id = $2', [live[0]!.id]),
    ).toEqual([{ n: 2 }]);
    expect(await q('select reason from contact_merges where workspace_id = $1')).toEqual([
      { reason: 'alias old-id → new-id' },
    ]);
    // Events still sent with the old id reach the survivor.
    await send([{ type: 'track', userId: 'old-id', event: 'Came Back' }]);
    expect(
      await q('select count(*)::int as n from activities where workspace_id = $1 and contact_id = $2', [live[0]!.id]),
    ).toEqual([{ n: 3 }]);
  });

  it('links group members to the company the group call describes', async () => {
    const { send, q } = await setup();
    await send([
      { type: 'identify', userId: 'm1', traits: { email: 'm1@gmail.com' } },
      {
        type: 'group',
        userId: 'm1',
        groupId: 'acct-7',
        traits: {
          name: 'Summit Logistics',
          website: 'https://www.summitlogistics.example',
          employees: 1200,
          industry: 'Logistics',
        },
      },
    ]);
    expect(
      await q(
        'select c.name, c.domain, c.employees, c.industry from contacts p join companies c on c.workspace_id = p.workspace_id and c.id = p.company_id where p.workspace_id = $1',
      ),
    ).toEqual([
      { name: 'Summit Logistics', domain: 'summitlogistics.example', employees: 1200, industry: 'Logistics' },
    ]);
  });

  it('keeps one contact per email when two browsers identify the same person in one batch', async () => {
    const { send, q } = await setup();
    await send([
      { type: 'identify', anonymousId: 'b1', traits: { email: 'twin@example.test' } },
      { type: 'identify', anonymousId: 'b2', traits: { email: 'twin@example.test' } },
      { type: 'page', anonymousId: 'b1', properties: { url: 'https://x.example/1' } },
      { type: 'page', anonymousId: 'b2', properties: { url: 'https://x.example/2' } },
    ]);
    expect(await q('select count(*)::int as n from contacts where workspace_id = $1')).toEqual([{ n: 1 }]);
    expect(await q('select count(distinct contact_id)::int as n from activities where workspace_id = $1')).toEqual([
      { n: 1 },
    ]);
  });

  it('starts a new touch after 30 minutes of quiet or a new campaign, not on every page', async () => {
    const { send, q } = await setup();
    const page = (minutes: number, url: string) => ({
      type: 'page',
      anonymousId: 'v',
      timestamp: minutesAgo(minutes),
      properties: { url },
    });
    await send([
      page(120, 'https://x.example/?utm_source=newsletter&utm_medium=email&utm_campaign=june'),
      page(118, 'https://x.example/pricing'),
      page(117, 'https://x.example/docs'),
      page(60, 'https://x.example/'),
      page(59, 'https://x.example/?utm_source=linkedin&utm_medium=paid_social&utm_campaign=lifecycle'),
    ]);
    expect(await q('select channel from touches where workspace_id = $1 order by occurred_at')).toEqual([
      { channel: 'email' },
      { channel: 'direct' },
      { channel: 'paid_social' },
    ]);
  });
});
