import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { createForm, demoForm } from '../forms/forms-test-kit';

describe('landing pages', () => {
  const testApp = useTestApp();
  const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

  async function setup() {
    const { app, ctx } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const slug = `report-${workspace.id.slice(-8)}`;
    const create = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/landing-pages', headers: { cookie: admin.cookie }, payload });
    return { app, ctx, workspace, admin, slug, create };
  }

  const cookieHeader = (cookies: { name: string; value: string }[]) =>
    cookies.map((c) => `${c.name}=${c.value}`).join('; ');

  it('serves a published page at /p/<slug> with its words escaped, SEO meta and the tracker', async () => {
    const { app, admin, slug, create } = await setup();
    const form = await createForm(app, admin.cookie, demoForm({ name: 'Report form' }));
    const page = await create({
      name: 'Report page',
      slug,
      template: 'split',
      seoTitle: 'The widget report',
      seoDescription: 'What <500> buyers said',
      formId: form.id,
      variants: [{ name: 'Control', headline: '<script>alert("x")</script> Widgets', body: '# Hi\n\n<iframe src=x>' }],
    });
    expect(page.statusCode).toBe(201);
    expect(page.json()).toMatchObject({ status: 'draft', variants: [{ id: 'a', name: 'Control', weight: 1 }] });

    expect((await app.inject({ url: `/p/${slug}` })).statusCode).toBe(404);
    // A draft previews for a signed-in member of its workspace only, uncounted and not indexed.
    const preview = await app.inject({ url: `/p/${slug}?preview=1`, headers: { cookie: admin.cookie } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('noindex');
    expect((await app.inject({ url: `/p/${slug}?preview=1` })).statusCode).toBe(404);

    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${page.json().id}/publish`,
      headers: { cookie: admin.cookie },
    });
    const shown = await app.inject({
      url: `/p/${slug}?utm_source=news&utm_medium=email&utm_campaign=spring`,
      headers: { 'user-agent': browser },
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shown.body).toContain('<title>The widget report</title>');
    expect(shown.body).toContain('content="What &lt;500&gt; buyers said"');
    expect(shown.body).toContain(`<link rel="canonical" href="http://localhost:80/p/${slug}">`);
    expect(shown.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Widgets');
    expect(shown.body).toContain('&lt;iframe src=x&gt;');
    expect(shown.body).not.toMatch(/<script>alert|<iframe/);
    expect(shown.body).toMatch(
      /<script async src="http:\/\/localhost:80\/t\.js" data-write-key="wk_\w{40}"><\/script>/,
    );
    // The form is on the page itself and works without JavaScript: page, variant and campaign ride along.
    expect(shown.body).toContain(`<form class="baton-form" method="post" action="http://localhost:80/f/${form.id}"`);
    const hidden = Object.fromEntries(
      [...shown.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(hidden).toMatchObject({ _baton_page: page.json().id, _baton_variant: 'a', utm_campaign: 'spring' });
    const posted = await app.inject({
      method: 'POST',
      url: `/f/${form.id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': browser },
      payload: new URLSearchParams({
        ...hidden,
        email: 'ada@widgets.example',
        first_name: 'Ada',
        consent: 'yes',
      }).toString(),
    });
    expect(posted.statusCode, posted.body).toBeLessThan(400);
    expect(shown.cookies.map((cookie) => cookie.name)).toEqual(expect.arrayContaining(['baton_aid']));
  });

  it('splits visitors between variants by weight, keeps each on theirs and measures conversion per variant', async () => {
    const { app, ctx, workspace, admin, slug, create } = await setup();
    const page = (
      await create({
        name: 'A/B',
        slug,
        variants: [
          { name: 'Long', headline: 'Variant A headline', weight: 1 },
          { name: 'Short', headline: 'Variant B headline', weight: 1 },
        ],
      })
    ).json();
    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${page.id}/publish`,
      headers: { cookie: admin.cookie },
    });

    const seen: Record<string, number> = { a: 0, b: 0 };
    for (let visitor = 0; visitor < 40; visitor += 1) {
      const first = await app.inject({ url: `/p/${slug}`, headers: { 'user-agent': browser } });
      const variant = first.body.includes('Variant A headline') ? 'a' : 'b';
      seen[variant]! += 1;
      // The same visitor comes back: same variant.
      const again = await app.inject({
        url: `/p/${slug}`,
        headers: { 'user-agent': browser, cookie: cookieHeader(first.cookies) },
      });
      expect(again.body).toContain(`Variant ${variant.toUpperCase()} headline`);
    }
    expect(seen.a).toBeGreaterThan(8);
    expect(seen.b).toBeGreaterThan(8);
    // Bots are not counted.
    await app.inject({
      url: `/p/${slug}`,
      headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' },
    });

    // Two submissions on variant a (as the forms module records them).
    await ctx.pool.query(
      `insert into conversion_events (workspace_id, id, at, step, landing_page_id, variant_id)
       values ($1, gen_random_uuid(), now(), 'submission', $2, 'a'), ($1, gen_random_uuid(), now(), 'submission', $2, 'a')`,
      [workspace.id, page.id],
    );
    const stats = await app.inject({ url: `/api/landing-pages/${page.id}/stats`, headers: { cookie: admin.cookie } });
    expect(stats.json().items).toEqual([
      { variantId: 'a', views: seen.a! * 2, submissions: 2, downloads: 0, conversionRate: 2 / (seen.a! * 2) },
      { variantId: 'b', views: seen.b! * 2, submissions: 0, downloads: 0, conversionRate: 0 },
    ]);
  });

  it('asks for cookie consent first when the page says so: no cookie, no visitor id, a split per view', async () => {
    const { app, ctx, workspace, admin, slug, create } = await setup();
    const form = await createForm(app, admin.cookie, demoForm({ name: 'Consent form' }));
    const page = (
      await create({
        name: 'Asks first',
        slug,
        formId: form.id,
        cookieConsent: true,
        variants: [
          { name: 'A', headline: 'Variant A headline' },
          { name: 'B', headline: 'Variant B headline' },
        ],
      })
    ).json();
    expect(page.cookieConsent).toBe(true);
    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${page.id}/publish`,
      headers: { cookie: admin.cookie },
    });

    // Before an answer: the question, a tracker that holds everything back, no cookie at all —
    // not even from an earlier visit's id, which is not read.
    const first = await app.inject({
      url: `/p/${slug}`,
      headers: { 'user-agent': browser, cookie: 'baton_aid=earlier-visitor' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.cookies).toEqual([]);
    expect(first.body).toContain('data-baton-consent');
    expect(first.body).toContain('data-consent="required"');
    expect(first.body).not.toContain('_baton_aid');
    const seen = new Set<string>();
    for (let view = 0; view < 30; view += 1) {
      const body = (await app.inject({ url: `/p/${slug}`, headers: { 'user-agent': browser } })).body;
      seen.add(body.includes('Variant A headline') ? 'a' : 'b');
    }
    expect([...seen].sort()).toEqual(['a', 'b']);
    const { rows: views } = await ctx.pool.query(
      `select count(*)::int as n, count(anonymous_id)::int as with_visitor from conversion_events
        where workspace_id = $1 and landing_page_id = $2 and step = 'page_view'`,
      [workspace.id, page.id],
    );
    expect(views[0]).toEqual({ n: 31, with_visitor: 0 });

    // Accepted: the visitor cookie and the sticky variant, no question, the tracker as usual.
    const accepted = await app.inject({
      url: `/p/${slug}`,
      headers: { 'user-agent': browser, cookie: 'baton_consent=granted' },
    });
    expect(accepted.cookies.map((cookie) => cookie.name).sort()).toEqual([
      'baton_aid',
      `baton_v_${page.id.replace(/-/g, '')}`,
    ]);
    expect(accepted.body).not.toContain('data-baton-consent');
    expect(accepted.body).not.toContain('data-consent="required"');
    expect(accepted.body).toContain('name="_baton_aid"');

    // Declined: no question again, still no cookie, and the old id stays unread.
    const declined = await app.inject({
      url: `/p/${slug}`,
      headers: { 'user-agent': browser, cookie: 'baton_consent=refused; baton_aid=earlier-visitor' },
    });
    expect(declined.cookies).toEqual([]);
    expect(declined.body).not.toContain('data-baton-consent');
    expect(declined.body).toContain('data-consent="required"');
    expect(declined.body).not.toContain('earlier-visitor');

    // A no holds on the pages that do not ask, too.
    const other = (
      await create({ name: 'Does not ask', slug: `${slug}-open`, variants: [{ name: 'A', headline: 'Open page' }] })
    ).json();
    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${other.id}/publish`,
      headers: { cookie: admin.cookie },
    });
    const open = await app.inject({
      url: `/p/${slug}-open`,
      headers: { 'user-agent': browser, cookie: 'baton_consent=refused' },
    });
    expect(open.cookies).toEqual([]);
    expect(open.body).not.toContain('data-baton-consent');
    expect((await app.inject({ url: `/p/${slug}-open`, headers: { 'user-agent': browser } })).cookies).not.toEqual([]);
  });

  it('asks a visitor it knows next-best questions on a hosted page, as the embedded form does', async () => {
    const { app, ctx, workspace, admin, slug, create } = await setup();
    const form = await createForm(app, admin.cookie, demoForm({ name: 'Progressive form' }));
    const page = (
      await create({ name: 'Known', slug, formId: form.id, variants: [{ name: 'A', headline: 'Hi' }] })
    ).json();
    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${page.id}/publish`,
      headers: { cookie: admin.cookie },
    });
    const stranger = await app.inject({ url: `/p/${slug}`, headers: { 'user-agent': browser } });
    expect(stranger.body).toContain('name="first_name"');
    expect(stranger.body).not.toContain('name="job_title"');

    // The visitor behind the cookie is a contact Baton knows by name and company.
    const contactId = crypto.randomUUID();
    await ctx.pool.query(
      `insert into contacts (workspace_id, id, email, first_name, company_name) values ($1, $2, 'lin@acme.example', 'Lin', 'Acme')`,
      [workspace.id, contactId],
    );
    await ctx.pool.query(
      `insert into identities (workspace_id, kind, value, contact_id, linked_at) values ($1, 'anonymous', 'visitor-lin', $2, now())`,
      [workspace.id, contactId],
    );
    const known = await app.inject({
      url: `/p/${slug}`,
      headers: { 'user-agent': browser, cookie: 'baton_aid=visitor-lin' },
    });
    expect(known.body).not.toContain('name="first_name"');
    expect(known.body).toContain('name="job_title"');
    expect(known.body).toContain('value="lin@acme.example"');
  });

  it('refuses bad input naming the field: slug, color, variants, a taken address', async () => {
    const { slug, create } = await setup();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'x', slug: 'Has Spaces', variants: [{ name: 'a', headline: 'h' }] }, 400, 'slug'],
      [{ name: 'x', slug, accentColor: 'red;}', variants: [{ name: 'a', headline: 'h' }] }, 400, 'accentColor'],
      [{ name: 'x', slug, variants: [] }, 400, 'variants'],
      [{ name: 'x', slug, variants: [{ name: 'a', headline: 'h', weight: 0 }] }, 400, 'variants'],
      [
        { name: 'x', slug, formId: '0196b3c2-0000-7000-8000-000000000001', variants: [{ name: 'a', headline: 'h' }] },
        400,
        'formId',
      ],
      [
        { name: 'x', slug, assetId: '0196b3c2-0000-7000-8000-000000000001', variants: [{ name: 'a', headline: 'h' }] },
        400,
        'assetId',
      ],
    ];
    for (const [payload, status, field] of cases) {
      const response = await create(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.body).toContain(field);
    }
    expect((await create({ name: 'x', slug, variants: [{ name: 'a', headline: 'h' }] })).statusCode).toBe(201);
    const taken = await create({ name: 'y', slug, variants: [{ name: 'a', headline: 'h' }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details[0].path).toBe('body.slug');
  });
});
