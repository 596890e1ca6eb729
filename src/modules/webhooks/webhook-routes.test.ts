import { describe, expect, it } from 'vitest';
import { createTestUser, createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { deliveriesOf, publishInTransaction, runQueuedJob, startReceiver } from './test-kit';

describe('webhooks API', () => {
  const testApp = useTestApp();

  it('refuses a bad URL or event type with the field and the reason, and non-admins outright', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const post = (payload: unknown, cookie = admin.cookie) =>
      app.inject({ method: 'POST', url: '/api/webhooks', headers: { cookie }, payload: payload as object });

    const ftp = await post({ url: 'ftp://example.com/hook', eventTypes: ['lead.mql'] });
    expect(ftp.statusCode).toBe(400);
    expect(ftp.json().error.details[0]).toEqual({ path: 'body.url', message: 'must be an http:// or https:// URL' });
    expect((await post({ url: 'not a url', eventTypes: [] })).json().error.details[0].path).toBe('body.url');
    const badType = await post({ url: 'https://example.com/hook', eventTypes: ['lead.mql', 'lead.exploded'] });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details[0]).toEqual({ path: 'body.eventTypes.1', message: 'not a Baton event type' });
    expect((await post({ url: 'https://example.com/hook', eventTypes: ['*'], format: 'teams' })).statusCode).toBe(400);
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/webhooks/not-a-uuid',
      headers: { cookie: admin.cookie },
      payload: {},
    });
    expect(patch.statusCode).toBe(400);

    const marketer = await createTestUser(ctx, app, workspace.id, 'marketing');
    expect((await post({ url: 'https://example.com/hook', eventTypes: ['*'] }, marketer.cookie)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/webhooks', headers: { cookie: marketer.cookie } })).statusCode).toBe(403);
  });

  it('creates, lists, updates and deletes endpoints; the secret is shown only on create', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const headers = { cookie: admin.cookie };
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers,
      payload: { url: 'https://example.com/hook', eventTypes: ['lead.mql', 'lead.mql', 'sla.breached'] },
    });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json();
    expect(secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    expect(endpoint).toMatchObject({ eventTypes: ['lead.mql', 'sla.breached'], format: 'baton', enabled: true });

    const list = await app.inject({ url: '/api/webhooks', headers });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(secret);

    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${endpoint.id}`,
      headers,
      payload: { description: 'CRM sync', format: 'slack', enabled: false },
    });
    expect(updated.json()).toMatchObject({ description: 'CRM sync', format: 'slack', enabled: false });

    expect((await app.inject({ method: 'DELETE', url: `/api/webhooks/${endpoint.id}`, headers })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/webhooks/${endpoint.id}`, headers })).statusCode).toBe(404);
    const types = await app.inject({ url: '/api/webhook-event-types', headers });
    expect(types.json().items.map((item: { type: string }) => item.type)).toContain('sla.reassigned');
  });

  it('sends a test event to one endpoint only and pages its delivery log newest first, by status', async () => {
    const { ctx, app } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const headers = { cookie: admin.cookie };
    const receiver = await startReceiver({ plan: [{ status: 400 }] });
    try {
      const create = (eventTypes: string[]) =>
        app
          .inject({ method: 'POST', url: '/api/webhooks', headers, payload: { url: receiver.url, eventTypes } })
          .then((response) => response.json().endpoint.id as string);
      const target = await create([]);
      const other = await create(['*']);

      const test = await app.inject({ method: 'POST', url: `/api/webhooks/${target}/test`, headers });
      expect(test.statusCode).toBe(202);
      const { eventId, deliveryId } = test.json();
      expect((await deliveriesOf(ctx, eventId)).map((delivery) => delivery.endpoint_id)).toEqual([target]);
      expect(await runQueuedJob(ctx, deliveryId)).toBe('failed');
      expect(JSON.parse(receiver.requests[0]!.body).type).toBe('webhook.test');

      for (let i = 0; i < 3; i += 1) await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
      await app.inject({ method: 'POST', url: `/api/webhooks/${target}/test`, headers });
      const page1 = await app.inject({ url: `/api/webhooks/${target}/deliveries?limit=1`, headers });
      expect(page1.json().items).toHaveLength(1);
      expect(page1.json().items[0]).toMatchObject({ status: 'pending', eventType: 'webhook.test' });
      const page2 = await app.inject({
        url: `/api/webhooks/${target}/deliveries?limit=1&cursor=${page1.json().nextCursor}`,
        headers,
      });
      expect(page2.json().items[0]).toMatchObject({ id: deliveryId, status: 'failed', lastStatus: 400 });
      const failed = await app.inject({ url: `/api/webhooks/${target}/deliveries?status=failed`, headers });
      expect(failed.json().items.map((item: { id: string }) => item.id)).toEqual([deliveryId]);
      const others = await app.inject({ url: `/api/webhooks/${other}/deliveries`, headers });
      expect(others.json().items).toHaveLength(3);
      const badCursor = await app.inject({ url: `/api/webhooks/${target}/deliveries?cursor=nope`, headers });
      expect(badCursor.statusCode).toBe(400);
      const badStatus = await app.inject({ url: `/api/webhooks/${target}/deliveries?status=lost`, headers });
      expect(badStatus.statusCode).toBe(400);

      const endpoints = await app.inject({ url: '/api/webhooks', headers });
      const row = endpoints.json().items.find((item: { id: string }) => item.id === target);
      expect(row.lastDelivery).toMatchObject({ status: 'pending' });
    } finally {
      await receiver.close();
    }
  });

  it('refuses to test or replay on a disabled endpoint until it is enabled again', async () => {
    const { ctx, app } = testApp();
    const { admin } = await createTestWorkspace(ctx, app);
    const headers = { cookie: admin.cookie };
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers,
      payload: { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] },
    });
    const id = created.json().endpoint.id;
    const test = await app.inject({ method: 'POST', url: `/api/webhooks/${id}/test`, headers });
    await app.inject({ method: 'PATCH', url: `/api/webhooks/${id}`, headers, payload: { enabled: false } });
    expect((await app.inject({ method: 'POST', url: `/api/webhooks/${id}/test`, headers })).statusCode).toBe(409);
    const replay = await app.inject({
      method: 'POST',
      url: `/api/webhook-deliveries/${test.json().deliveryId}/replay`,
      headers,
    });
    expect(replay.statusCode).toBe(409);
    await app.inject({ method: 'POST', url: `/api/webhooks/${id}/enable`, headers });
    expect((await app.inject({ method: 'POST', url: `/api/webhooks/${id}/test`, headers })).statusCode).toBe(202);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/webhook-deliveries/0190d6b1-0000-7000-8000-000000000000/replay',
      headers,
    });
    expect(missing.statusCode).toBe(404);
  });
});
