import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { defaultMomentSettings, interestingMoments, type MomentActivity } from './interesting-moments';

const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 0, n, hour));
const activity = (type: string, at: Date, extra: Partial<MomentActivity> = {}): MomentActivity => ({
  id: `${type}@${at.toISOString()}`,
  type,
  title: null,
  url: null,
  occurredAt: at,
  properties: {},
  ...extra,
});

describe('interesting moments', () => {
  // Jon Doe's history from seed 004, plus a return to the pricing page after three weeks.
  const jon: MomentActivity[] = [
    activity('page_view', day(1), { title: 'Widget ROI blog', url: 'https://widgets.example/blog/roi' }),
    activity('content_download', day(1, 11), {
      title: '10 Tips for Improving your Widget ROI',
      properties: { assetKind: 'White paper' },
    }),
    activity('email_sent', day(3), { title: 'The Lifecycle of a Widget' }),
    activity('email_open', day(3, 12), { title: 'The Lifecycle of a Widget' }),
    activity('email_click', day(3, 13), { title: 'The Lifecycle of a Widget' }),
    activity('content_download', day(3, 14), {
      title: 'Lifecycle of a Widget',
      properties: { assetKind: 'Infographic' },
    }),
    activity('page_view', day(24), { title: 'Pricing', url: 'https://widgets.example/pricing' }),
    activity('page_view', day(24, 11), { title: 'Pricing', url: 'https://widgets.example/pricing?plan=pro' }),
    activity('form_submit', day(24, 12), {
      title: 'Contact sales',
      properties: { comments: 'Can we get a quote for 3 plants?' },
    }),
  ];

  it('picks what matters, newest first, in plain words: the request, the downloads, the click, the return after silence', () => {
    expect(interestingMoments(jon, defaultMomentSettings).map((moment) => moment.text)).toEqual([
      'Asked for sales through “Contact sales”: “Can we get a quote for 3 plants?”',
      'Came back after 20 days without activity, on the pricing page',
      'Downloaded the infographic “Lifecycle of a Widget”',
      'Clicked through from the email “The Lifecycle of a Widget”',
      'Downloaded the white paper “10 Tips for Improving your Widget ROI”',
    ]);
  });

  it('follows the workspace’s choices: key pages by address, one a day; kinds switched off; no return visits', () => {
    const moments = interestingMoments(jon, {
      ...defaultMomentSettings,
      downloads: false,
      emailClicks: false,
      returnAfterDays: null,
      keyPages: [{ contains: '/PRICING', label: 'the pricing page' }],
    });
    expect(moments.map((moment) => [moment.kind, moment.text])).toEqual([
      ['hand_raiser', 'Asked for sales through “Contact sales”: “Can we get a quote for 3 plants?”'],
      ['key_page', 'Visited the pricing page'],
    ]);
    expect(interestingMoments([], defaultMomentSettings)).toEqual([]);
    expect(
      interestingMoments([activity('form_submit', day(2), { title: 'Newsletter' })], {
        ...defaultMomentSettings,
        otherForms: false,
      }),
    ).toEqual([]);
  });
});

describe('interesting moments over HTTP', () => {
  const testApp = useTestApp();

  it('shows a lead’s moments to whoever may see the lead, and lets marketing (not reps) choose them', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const marketer = await createTestUser(ctx, app, workspace.id, 'marketing');
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const [lead] = (
      await ctx.db.execute<{ id: string }>(sql`
        insert into contacts (workspace_id, id, email) values (${workspace.id}, gen_random_uuid(), 'jon@example.org') returning id`)
    ).rows;
    await ctx.db.execute(sql`
      insert into activities (workspace_id, id, contact_id, type, occurred_at, title, url, properties) values
        (${workspace.id}, gen_random_uuid(), ${lead!.id}, 'page_view', ${day(5)}, 'Pricing', 'https://w.example/pricing', '{}'),
        (${workspace.id}, gen_random_uuid(), ${lead!.id}, 'content_download', ${day(6)}, 'Widget buyer’s guide', null, '{"assetKind": "E-book"}')`);
    const get = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });

    const moments = await get(rep.cookie, `/api/contacts/${lead!.id}/moments`);
    expect(moments.statusCode, moments.body).toBe(200);
    expect(moments.json().items.map((item: { text: string }) => item.text)).toEqual([
      'Downloaded the e-book “Widget buyer’s guide”',
      'Visited the pricing page',
    ]);

    const choice = { ...defaultMomentSettings, keyPages: [], downloads: true };
    const byRep = await app.inject({
      method: 'PUT',
      url: '/api/interesting-moments',
      headers: { cookie: rep.cookie },
      payload: choice,
    });
    expect(byRep.statusCode).toBe(403);
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/interesting-moments',
      headers: { cookie: marketer.cookie },
      payload: choice,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().keyPages).toEqual([]);
    expect(
      (await get(rep.cookie, `/api/contacts/${lead!.id}/moments`))
        .json()
        .items.map((item: { kind: string }) => item.kind),
    ).toEqual(['download']);
    // The other workspace settings are untouched.
    expect((await get(admin.cookie, '/api/workspace/settings')).json()).toEqual({ leadVisibility: 'all' });

    const bad = await app.inject({
      method: 'PUT',
      url: '/api/interesting-moments',
      headers: { cookie: marketer.cookie },
      payload: { ...choice, returnAfterDays: 0, keyPages: [{ contains: '', label: 'x' }], sparkle: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('returnAfterDays');
    expect(bad.body).toContain('sparkle');
    expect((await get(rep.cookie, '/api/contacts/00000000-0000-4000-8000-000000000000/moments')).statusCode).toBe(404);
  });
});
