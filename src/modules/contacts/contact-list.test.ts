import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';

describe('the lead list: filters, sorts, custom properties, saved views', () => {
  const testApp = useTestApp();

  async function workspaceWithLeads() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Rep');
    const headers = { cookie: admin.cookie };
    const industry = await app.inject({
      method: 'POST',
      url: '/api/properties',
      headers,
      payload: {
        object: 'contact',
        key: 'plan',
        label: 'Plan',
        type: 'single_select',
        options: ['free', 'pro', 'enterprise'],
      },
    });
    expect(industry.statusCode, industry.body).toBe(201);
    await app.inject({
      method: 'POST',
      url: '/api/properties',
      headers,
      payload: { object: 'contact', key: 'seats', label: 'Seats', type: 'number' },
    });
    const people = [
      {
        email: 'ann@acme.example',
        firstName: 'Ann',
        lastName: 'Archer',
        lifecycleStage: 'mql',
        properties: { plan: 'pro', seats: 12 },
        ownerId: rep.id,
      },
      {
        email: 'bob@beta.example',
        firstName: 'Bob',
        lastName: 'Baker',
        lifecycleStage: 'lead',
        properties: { plan: 'free' },
      },
      {
        email: 'cyd@acme.example',
        firstName: 'Cyd',
        lastName: 'Cole',
        lifecycleStage: 'mql',
        properties: { plan: 'enterprise', seats: 400 },
      },
      { email: 'dee@delta.example', firstName: 'Dee', lastName: 'Dunn', lifecycleStage: 'customer' },
    ];
    const ids: Record<string, string> = {};
    for (const person of people) {
      const response = await app.inject({ method: 'POST', url: '/api/contacts', headers, payload: person });
      expect(response.statusCode, response.body).toBe(201);
      ids[person.firstName] = response.json().id;
    }
    const list = async (query: string) =>
      ((await app.inject({ url: `/api/contacts?${query}`, headers })).json().items as { firstName: string }[]).map(
        (item) => item.firstName,
      );
    return { ctx, app, headers, admin, rep, ids, list };
  }

  it('filters by stage, owner, search text and custom property, and counts the same way', async () => {
    const { app, headers, rep, list } = await workspaceWithLeads();
    expect(await list('stage=mql&sort=name_asc')).toEqual(['Ann', 'Cyd']);
    expect(await list(`owner=${rep.id}`)).toEqual(['Ann']);
    expect(await list('owner=none&sort=name_asc')).toEqual(['Bob', 'Cyd', 'Dee']);
    // Search matches words by their beginning: names, the parts of an email, the company.
    expect(await list('q=ACME&sort=name_asc')).toEqual(['Ann', 'Cyd']);
    expect(await list('q=dun')).toEqual(['Dee']);
    expect(await list('q=ann%20arch')).toEqual(['Ann']);
    expect(await list('q=bob%40beta.example')).toEqual(['Bob']);
    expect(await list('q=cme')).toEqual([]);
    expect(await list('q=%26%7C!%3A*')).toEqual([]);
    expect(await list('property=plan:enterprise')).toEqual(['Cyd']);
    expect(await list('property=seats:12')).toEqual(['Ann']);
    expect((await app.inject({ url: '/api/contacts/count?stage=mql,customer', headers })).json()).toEqual({ count: 3 });
    const bad = await app.inject({ url: '/api/contacts?stage=hot', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toMatch(/^querystring\.stage/);
  });

  it('sorts every way and pages through each sort without gaps or repeats', async () => {
    const { app, headers, list } = await workspaceWithLeads();
    expect(await list('sort=name_asc')).toEqual(['Ann', 'Bob', 'Cyd', 'Dee']);
    expect(await list('sort=name_desc')).toEqual(['Dee', 'Cyd', 'Bob', 'Ann']);
    expect(await list('sort=created_asc')).toEqual(['Ann', 'Bob', 'Cyd', 'Dee']);
    for (const sort of [
      'last_activity_desc',
      'last_activity_asc',
      'created_desc',
      'created_asc',
      'score_desc',
      'score_asc',
      'name_asc',
      'name_desc',
    ]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await app.inject({ url: `/api/contacts?sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers })
        ).json();
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(4);
      expect(seen, sort).toHaveLength(4);
    }
    // A cursor from another sort is refused, not misread.
    const page = (await app.inject({ url: '/api/contacts?sort=name_asc&limit=1', headers })).json();
    expect(
      (await app.inject({ url: `/api/contacts?sort=score_desc&cursor=${page.nextCursor}`, headers })).statusCode,
    ).toBe(400);
  });

  it('validates custom properties on write, and merges them on update', async () => {
    const { app, headers, ids } = await workspaceWithLeads();
    const wrong = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${ids.Bob}`,
      headers,
      payload: { properties: { plan: 'gold', seats: 'many', colour: 'red' } },
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .error.details.map((detail: { path: string }) => detail.path)
        .sort(),
    ).toEqual(['body.properties.colour', 'body.properties.plan', 'body.properties.seats']);
    const right = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${ids.Ann}`,
      headers,
      payload: { properties: { seats: 15 } },
    });
    expect(right.json().properties).toEqual({ plan: 'pro', seats: 15 });
    const cleared = await app.inject({
      method: 'PATCH',
      url: `/api/contacts/${ids.Ann}`,
      headers,
      payload: { properties: { plan: null } },
    });
    expect(cleared.json().properties).toEqual({ seats: 15 });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers,
      payload: { email: 'ANN@acme.example' },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('saves views for their owner and shares them on request', async () => {
    const { app, headers, rep } = await workspaceWithLeads();
    const saved = await app.inject({
      method: 'POST',
      url: '/api/views',
      headers,
      payload: { list: 'contacts', name: 'Hot MQLs', query: { stage: 'mql', sort: 'score_desc' } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const mine = (await app.inject({ url: '/api/views?list=contacts', headers })).json().items;
    expect(mine.map((view: { name: string }) => view.name)).toEqual(['Hot MQLs']);
    expect(
      (await app.inject({ url: '/api/views?list=contacts', headers: { cookie: rep.cookie } })).json().items,
    ).toEqual([]);
    await app.inject({ method: 'PATCH', url: `/api/views/${saved.json().id}`, headers, payload: { shared: true } });
    expect(
      (await app.inject({ url: '/api/views?list=contacts', headers: { cookie: rep.cookie } })).json().items,
    ).toHaveLength(1);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/views/${saved.json().id}`, headers: { cookie: rep.cookie } }))
        .statusCode,
    ).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/views',
      headers,
      payload: { list: 'contacts', name: 'x', query: { stage: 'hot' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
