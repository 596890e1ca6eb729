import { describe, expect, it } from 'vitest';
import { signIn } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { demoContent } from './seed-demo-content';
import { seedDemoWorkspace, workspaceTables } from './seed-demo-workspace';

describe('the demo workspace', () => {
  const testApp = useTestApp();

  it('builds Widget Works with people, teams, campaigns and coherent lead histories', async () => {
    const { ctx, app } = testApp();
    const seeded = await seedDemoWorkspace(ctx, {
      contacts: 600,
      ifMissing: false,
      now: new Date('2026-06-01T12:00:00Z'),
    });
    expect(seeded).toBeDefined();
    const { workspace, counts, password } = seeded!;
    expect(counts.contacts).toBe(600);
    const q = async (text: string) => (await ctx.pool.query(text, [workspace.id])).rows;

    expect(await q('select count(*)::int as n from contacts where workspace_id = $1')).toEqual([{ n: 600 }]);
    const [{ activities }] = await q('select count(*)::int as activities from activities where workspace_id = $1');
    expect(activities).toBe(counts.activities);
    expect(activities).toBeGreaterThan(600 * 4);

    // Every hand-off has an owner; every deal has its contact and company; offline campaigns have costs.
    expect(
      await q(
        `select count(*)::int as n from contacts where workspace_id = $1 and lifecycle_stage in ('mql','sal','sql','opportunity','customer') and owner_id is null`,
      ),
    ).toEqual([{ n: 0 }]);
    expect(
      await q(
        `select count(*)::int as n from deals d where workspace_id = $1 and not exists (select 1 from deal_contacts dc where dc.workspace_id = d.workspace_id and dc.deal_id = d.id)`,
      ),
    ).toEqual([{ n: 0 }]);
    const statuses = (await q('select distinct status from deals where workspace_id = $1 order by 1')).map(
      (row) => row.status,
    );
    expect(statuses).toEqual(['lost', 'open', 'won']);
    const channels = (
      await q(
        `select distinct c.channel from campaign_costs k join campaigns c on c.workspace_id = k.workspace_id and c.id = k.campaign_id where k.workspace_id = $1`,
      )
    ).map((row) => row.channel);
    expect(channels).toEqual(expect.arrayContaining(['trade_show', 'radio', 'cold_call', 'paid_search']));
    // Stage history agrees with the current stage.
    expect(
      await q(`select count(*)::int as n from contacts c where c.workspace_id = $1 and c.lifecycle_stage <> (
        select t.to_stage from stage_transitions t where t.workspace_id = c.workspace_id and t.contact_id = c.id order by t.at desc, t.id desc limit 1)`),
    ).toEqual([{ n: 0 }]);
    // Activities never lie in the future, nor before the contact was first seen.
    expect(
      await q(`select count(*)::int as n from activities a join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
               where a.workspace_id = $1 and (a.occurred_at > '2026-06-01T12:00:00Z' or a.occurred_at < c.first_seen_at)`),
    ).toEqual([{ n: 0 }]);

    // Jon Doe's seven interactions, in the article's order, with content titles.
    const jon =
      await q(`select a.type, a.title from activities a join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
      where a.workspace_id = $1 and c.email = 'jon.doe@brightforge.example' order by a.occurred_at`);
    expect(jon.map((row) => row.type)).toEqual([
      'page_view',
      'content_download',
      'email_sent',
      'email_open',
      'email_click',
      'page_view',
      'content_download',
    ]);
    expect(jon.filter((row) => row.type === 'content_download').map((row) => row.title)).toEqual([
      '10 Tips for Improving your Widget ROI',
      'Lifecycle of a Widget',
    ]);
    const [joe] =
      await q(`select a.properties from activities a join contacts c on c.workspace_id = a.workspace_id and c.id = a.contact_id
      where a.workspace_id = $1 and c.email = 'joe.blow@summitlogistics.example' and a.type = 'form_submit'`);
    expect(joe.properties).toMatchObject({ handRaiser: true, comments: expect.stringContaining('referred me') });

    // Routing is set up, and past moves to MQL are history: nothing waits to be routed.
    const [routing] = await q(`select (select count(*)::int from routing_rules where workspace_id = $1) as rules,
      (select count(*)::int from handoffs where workspace_id = $1) as handoffs,
      (select count(*)::int from stage_transitions where workspace_id = $1 and to_stage = 'mql') as mqls`);
    expect(routing).toMatchObject({ rules: 4, handoffs: 0 });
    expect(routing.mqls).toBeGreaterThan(0);

    // The demo users sign in with the printed password.
    const cookie = await signIn(app, 'mia@widgetworks.example', password);
    expect(cookie).toMatch(/^baton_session=/);

    // Conversion paths: published forms and pages, a gated guide, and a funnel with a story.
    const forms = await app.inject({ method: 'GET', url: '/api/forms', headers: { cookie } });
    expect(
      forms
        .json()
        .items.map((form: { name: string }) => form.name)
        .sort(),
    ).toEqual(['Buyer’s guide download', 'Contact sales']);
    const page = await app.inject({ method: 'GET', url: `/p/${demoContent.guideSlug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Buy widgets without regret|What do widgets really cost you\?/);
    expect(page.body).toContain('name="email"');
    const funnel = await app.inject({
      method: 'GET',
      url: '/api/conversions/funnel?from=2026-04-01&to=2026-06-01&groupBy=variant',
      headers: { cookie },
    });
    const byVariant = funnel.json().groups as { key: string; pageConversion: number }[];
    const rate = (key: string) => byVariant.find((group) => group.key?.endsWith(`:${key}`))?.pageConversion ?? 0;
    expect(funnel.json().total.counts.download).toBeGreaterThan(0);
    expect(rate('b')).toBeGreaterThan(rate('a'));
    const [submissions] = await q(`select count(*)::int as n, count(contact_id)::int as linked from form_submissions
      where workspace_id = $1 and status = 'processed'`);
    expect(submissions.n).toBeGreaterThan(0);
    expect(submissions.linked).toBe(submissions.n);
  });

  it('refuses to seed twice unless asked to replace, and replacing gives the same workspace again', async () => {
    const { ctx } = testApp();
    await expect(seedDemoWorkspace(ctx, { contacts: 50, ifMissing: false })).rejects.toThrow(/--replace/);
    expect(await seedDemoWorkspace(ctx, { contacts: 50, ifMissing: true })).toBeUndefined();
    const replaced = await seedDemoWorkspace(ctx, { contacts: 50, ifMissing: false, replace: true });
    expect(replaced?.counts.contacts).toBe(50);
    const { rows } = await ctx.pool.query(
      `select count(*)::int as n from contacts c join workspaces w on w.id = c.workspace_id where w.slug = 'widgetworks'`,
    );
    expect(rows[0].n).toBe(50);
  });

  it('knows every table that holds workspace data, so replacing the demo leaves nothing behind', async () => {
    const { ctx } = testApp();
    const { rows } = await ctx.pool.query<{ table_name: string }>(
      `select distinct table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'workspace_id' order by 1`,
    );
    expect(rows.map((row) => row.table_name).filter((table) => !workspaceTables.includes(table))).toEqual([]);
  });
});
