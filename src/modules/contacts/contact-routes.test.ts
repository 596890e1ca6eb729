import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { eventSender } from '../../../test/helpers/send-events';
import { useTestApp } from '../../../test/helpers/test-app';
import { type Pipeline, startPipeline } from '../pipeline';

describe('contacts API', () => {
  const testApp = useTestApp();
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = startPipeline(testApp().ctx, { idlePollMs: 50 });
  });
  afterAll(() => pipeline.stop());

  async function workspaceWithLeads() {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const send = eventSender(app, key, pipeline);
    const get = (url: string, cookie = admin.cookie) => app.inject({ url, headers: { cookie } });
    return { ctx, app, workspace, admin, send, get };
  }

  it('lists contacts newest activity first, searchable, page by page', async () => {
    const { send, get } = await workspaceWithLeads();
    await send(
      Array.from({ length: 7 }, (_, i) => ({
        type: 'identify',
        userId: `u${i}`,
        timestamp: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
        traits: { email: `person${i}@acme.example`, firstName: i === 3 ? 'Zelda' : `P${i}` },
      })),
    );
    await send(
      Array.from({ length: 7 }, (_, i) => ({
        type: 'track',
        userId: `u${i}`,
        event: 'Visited',
        timestamp: new Date(Date.now() - (10 - i) * 60_000).toISOString(),
      })),
    );
    const first = (await get('/api/contacts?limit=3')).json();
    expect(first.items.map((item: { email: string }) => item.email)).toEqual([
      'person6@acme.example',
      'person5@acme.example',
      'person4@acme.example',
    ]);
    const second = (await get(`/api/contacts?limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((item: { email: string }) => item.email)).toEqual([
      'person3@acme.example',
      'person2@acme.example',
      'person1@acme.example',
    ]);
    const third = (await get(`/api/contacts?limit=3&cursor=${second.nextCursor}`)).json();
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    expect(
      (await get('/api/contacts?q=zel')).json().items.map((item: { firstName: string }) => item.firstName),
    ).toEqual(['Zelda']);
    expect((await get('/api/contacts?cursor=garbage')).statusCode).toBe(400);
  });

  it('merges a duplicate by hand: history moves, the merge is recorded, the old record points to the survivor', async () => {
    const { ctx, app, workspace, send, get } = await workspaceWithLeads();
    await send([
      { type: 'identify', anonymousId: 'work-laptop', traits: { email: 'dana@acme.example', firstName: 'Dana' } },
      { type: 'page', anonymousId: 'work-laptop', properties: { title: 'Pricing', url: 'https://x.example/pricing' } },
      { type: 'identify', anonymousId: 'home-phone', traits: { email: 'dana.k@gmail.com', phone: '+1 555 0199' } },
      {
        type: 'track',
        anonymousId: 'home-phone',
        event: 'Content Downloaded',
        properties: { title: 'Lifecycle of a Widget' },
      },
    ]);
    const items = (await get('/api/contacts')).json().items as { id: string; email: string }[];
    const work = items.find((item) => item.email === 'dana@acme.example')!;
    const home = items.find((item) => item.email === 'dana.k@gmail.com')!;
    const manager = await createTestUser(ctx, app, workspace.id, 'sales_manager');
    const rep = await createTestUser(ctx, app, workspace.id, 'sales_rep');
    const byRep = await app.inject({
      method: 'POST',
      url: `/api/contacts/${work.id}/merge`,
      headers: { cookie: rep.cookie },
      payload: { otherId: home.id },
    });
    expect(byRep.statusCode).toBe(403);

    const merged = await app.inject({
      method: 'POST',
      url: `/api/contacts/${work.id}/merge`,
      headers: { cookie: manager.cookie },
      payload: { otherId: home.id, reason: 'same person, personal email' },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ email: 'dana@acme.example', phone: '+1 555 0199' });
    expect([...merged.json().anonymousIds].sort()).toEqual(['home-phone', 'work-laptop']);
    expect(merged.json().merges[0]).toMatchObject({
      mergedId: home.id,
      reason: 'same person, personal email',
      email: 'dana.k@gmail.com',
    });
    const timeline = (await get(`/api/contacts/${work.id}/timeline`)).json().items as { kind: string; title: string }[];
    expect(
      timeline
        .filter((item) => item.kind === 'activity')
        .map((item) => item.title)
        .sort(),
    ).toEqual(['Lifecycle of a Widget', 'Pricing']);
    expect((await get(`/api/contacts/${home.id}`)).json().mergedIntoId).toBe(work.id);
    expect((await get('/api/contacts')).json().items.map((item: { email: string }) => item.email)).toEqual([
      'dana@acme.example',
    ]);

    // The old address keeps finding the survivor.
    await send([{ type: 'identify', anonymousId: 'tablet', traits: { email: 'dana.k@gmail.com' } }]);
    expect((await get('/api/contacts')).json().items).toHaveLength(1);
    // Merging again, or into itself, is refused clearly.
    const again = await app.inject({
      method: 'POST',
      url: `/api/contacts/${work.id}/merge`,
      headers: { cookie: manager.cookie },
      payload: { otherId: home.id },
    });
    expect(again.statusCode).toBe(409);
    const self = await app.inject({
      method: 'POST',
      url: `/api/contacts/${work.id}/merge`,
      headers: { cookie: manager.cookie },
      payload: { otherId: work.id },
    });
    expect(self.statusCode).toBe(400);
  });

  it('shows a contact only to its own workspace', async () => {
    const { send, get } = await workspaceWithLeads();
    await send([{ type: 'identify', userId: 'private', traits: { email: 'private@acme.example' } }]);
    const [contact] = (await get('/api/contacts')).json().items;
    const { ctx, app } = testApp();
    const other = await createTestWorkspace(ctx, app);
    expect((await get(`/api/contacts/${contact.id}`, other.admin.cookie)).statusCode).toBe(404);
    expect((await get(`/api/contacts/${contact.id}/timeline`, other.admin.cookie)).statusCode).toBe(404);
  });

  it('shows live ingest: accepted events with their pipeline status, and refused ones with the reason', async () => {
    const { send, get, app, ctx, workspace } = await workspaceWithLeads();
    await send([{ type: 'track', userId: 'live-1', event: 'Signed Up' }]);
    const key = await createTestKey(ctx, workspace.id, 'write');
    await app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: `Bearer ${key}` },
      payload: { userId: 'x' },
    });
    const live = (await get('/api/ingest/live')).json();
    expect(live.events).toEqual([
      expect.objectContaining({ type: 'track', name: 'Signed Up', userId: 'live-1', status: 'processed' }),
    ]);
    expect(live.rejections).toEqual([
      expect.objectContaining({ reason: 'event is required for track', field: 'event' }),
    ]);
    expect(live.today).toMatchObject({ accepted: 1, rejected: 1 });
    expect(live.pipeline).toMatchObject({ queued: 0, failures: 0 });
    const history = (await get('/api/ingest/history?days=3')).json();
    expect(history.days).toHaveLength(3);
    expect(history.days.at(-1)).toMatchObject({ accepted: 1, rejected: 1 });
  });
});

describe('timeline paging', () => {
  const testApp = useTestApp();

  it('pages through items that share a moment without skipping any', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const key = await createTestKey(ctx, workspace.id, 'write');
    const pipeline = startPipeline(ctx, { idlePollMs: 50 });
    try {
      const at = new Date(Date.now() - 60_000).toISOString();
      const response = await app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: `Bearer ${key}` },
        payload: {
          batch: [
            { type: 'identify', userId: 'same-moment', timestamp: at, traits: { email: 'same@moment.example' } },
            ...Array.from({ length: 5 }, (_, i) => ({
              type: 'track',
              userId: 'same-moment',
              event: `Event ${i}`,
              timestamp: at,
            })),
            {
              type: 'page',
              userId: 'same-moment',
              timestamp: at,
              properties: { url: 'https://x.example/?utm_source=a&utm_campaign=b' },
            },
          ],
        },
      });
      expect(response.statusCode).toBe(200);
      await pipeline.drain();
      const [contact] = (await app.inject({ url: '/api/contacts', headers: { cookie: admin.cookie } })).json().items;
      const all = (
        await app.inject({ url: `/api/contacts/${contact.id}/timeline?limit=100`, headers: { cookie: admin.cookie } })
      ).json().items;
      const paged: { id: string }[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await app.inject({
            url: `/api/contacts/${contact.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            headers: { cookie: admin.cookie },
          })
        ).json();
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(all.length).toBe(8); // 6 activities, 1 touch, 1 stage
      expect(paged.map((item) => item.id)).toEqual(all.map((item: { id: string }) => item.id));
      const bad = await app.inject({
        url: `/api/contacts/${contact.id}/timeline?cursor=e30`,
        headers: { cookie: admin.cookie },
      });
      expect(bad.statusCode).toBe(400);
    } finally {
      await pipeline.stop();
    }
  });
});
