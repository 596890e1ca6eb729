import { describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('CTAs', () => {
  const testApp = useTestApp();

  it('serves a CTA publicly to the tracker, with its landing page and its id in the link', async () => {
    const { app, ctx } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const slug = `offer-${workspace.id.slice(-8)}`;
    const page = await app.inject({
      method: 'POST',
      url: '/api/landing-pages',
      headers: { cookie: admin.cookie },
      payload: { name: 'Offer', slug, variants: [{ name: 'A', headline: 'Offer' }] },
    });
    const cta = await app.inject({
      method: 'POST',
      url: '/api/ctas',
      headers: { cookie: admin.cookie },
      payload: {
        name: 'Sidebar',
        text: '<img src=x onerror=alert(1)> Get it',
        targetPageId: page.json().id,
        backgroundColor: '#0f766e',
      },
    });
    expect(cta.statusCode).toBe(201);
    const id = cta.json().id;
    // Hidden while its page is a draft.
    expect((await app.inject({ url: `/c/${id}` })).statusCode).toBe(404);
    await app.inject({
      method: 'POST',
      url: `/api/landing-pages/${page.json().id}/publish`,
      headers: { cookie: admin.cookie },
    });
    const served = await app.inject({ url: `/c/${id}`, headers: { origin: 'https://www.widgets.example' } });
    expect(served.statusCode).toBe(200);
    expect(served.headers['access-control-allow-origin']).toBe('*');
    // Its link is built from the Host header here (no BATON_PUBLIC_URL): no shared cache may keep it.
    expect(served.headers['cache-control']).toBe('private, max-age=60');
    expect(served.json()).toEqual({
      id,
      text: '<img src=x onerror=alert(1)> Get it',
      style: 'button',
      backgroundColor: '#0f766e',
      textColor: '#ffffff',
      href: `http://localhost/p/${slug}?baton_cta=${id}`,
      landingPage: true,
    });
    expect((await app.inject({ url: '/c/0196b3c2-0000-7000-8000-000000000009' })).statusCode).toBe(404);
  });

  it('records views and clicks sent as beacons, with the visit’s channel and campaign', async () => {
    const { app, ctx } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const cta = await app.inject({
      method: 'POST',
      url: '/api/ctas',
      headers: { cookie: admin.cookie },
      payload: {
        name: 'Footer',
        text: 'Talk to sales',
        style: 'link',
        targetUrl: 'https://www.widgets.example/contact?x=1',
      },
    });
    const id = cta.json().id;
    expect((await app.inject({ url: `/c/${id}` })).json().href).toBe(
      `https://www.widgets.example/contact?x=1&baton_cta=${id}`,
    );
    const send = (body: unknown, contentType = 'text/plain;charset=UTF-8') =>
      app.inject({
        method: 'POST',
        url: `/c/${id}/events`,
        headers: { 'content-type': contentType },
        payload: JSON.stringify(body),
      });
    const visit = {
      anonymousId: 'v-1',
      url: 'https://www.widgets.example/blog',
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring' },
    };
    expect((await send({ step: 'view', ...visit })).statusCode).toBe(204);
    expect((await send({ step: 'click', ...visit }, 'application/json')).statusCode).toBe(204);
    const bad = await send({ step: 'hover' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('step');
    const { rows } = await ctx.pool.query(
      'select step, anonymous_id, cta_id, source, campaign from conversion_events where workspace_id = $1 order by step desc',
      [workspace.id],
    );
    expect(rows).toEqual([
      { step: 'cta_view', anonymous_id: 'v-1', cta_id: id, source: 'email', campaign: 'spring' },
      { step: 'cta_click', anonymous_id: 'v-1', cta_id: id, source: 'email', campaign: 'spring' },
    ]);
  });

  it('refuses a CTA without exactly one target, or with a script URL', async () => {
    const { app, ctx } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const create = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/ctas', headers: { cookie: admin.cookie }, payload });
    const none = await create({ name: 'x', text: 'Go' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('targetPageId');
    const script = await create({ name: 'x', text: 'Go', targetUrl: 'javascript:alert(1)' });
    expect(script.statusCode).toBe(400);
    expect(script.body).toContain('targetUrl');
  });
});
