import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';
import { startJobWorker } from '../../core/jobs/worker';
import { recoverLostDeliveries, staleLockMs } from './recover-lost-deliveries';
import { deliveriesOf, publishInTransaction, queuedJob, runQueuedJob, startReceiver } from './test-kit';
import { deliverJob } from './webhook-jobs';

/**
 * A receiver's verifier, written from the README (not from Baton's code): it must accept what
 * Baton signs, with either secret during a rotation, and nothing else.
 */
function verifySignature(secret: string, header: string, rawBody: string, nowSeconds: number): boolean {
  const parts = header.split(',').map((part) => part.split('=') as [string, string]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('webhook delivery', () => {
  const clock = fixedClock(new Date());
  const testApp = useTestApp({ clock, env: { BATON_WEBHOOK_TIMEOUT_MS: '500' } });
  const receivers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
  });

  async function setUp(options: Parameters<typeof startReceiver>[0] = {}, endpoint: Record<string, unknown> = {}) {
    const { ctx, app } = testApp();
    clock.set(new Date());
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const receiver = await startReceiver(options);
    receivers.push(receiver);
    const created = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: admin.cookie },
      payload: { url: receiver.url, eventTypes: ['lead.mql'], ...endpoint },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { endpoint: created_, secret } = created.json() as { endpoint: { id: string }; secret: string };
    return { ctx, app, workspace, admin, receiver, endpointId: created_.id, secret };
  }

  it('delivers after five failures; every request carries the same event id, so the receiver processes it once', async () => {
    const { ctx, workspace, receiver } = await setUp({ plan: Array.from({ length: 5 }, () => ({ status: 503 })) });
    const eventId = await publishInTransaction(ctx, {
      workspaceId: workspace.id,
      type: 'lead.mql',
      data: { contact_id: 'c1', score: 72 },
    });
    const [delivery] = await deliveriesOf(ctx, eventId);
    // Backoff ceilings 10, 20, 40, 80, 160 s; the fixed random (0.5) takes half of each.
    const expectedDelays = [5_000, 10_000, 20_000, 40_000, 80_000];
    for (const delay of expectedDelays) {
      expect(await runQueuedJob(ctx, delivery!.id)).toBe('retry_scheduled');
      const next = await queuedJob(ctx, delivery!.id);
      expect(next!.runAt.getTime() - clock.now().getTime()).toBe(delay);
      clock.set(next!.runAt);
    }
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('delivered');
    expect(await queuedJob(ctx, delivery!.id)).toBeUndefined();

    expect(receiver.requests.map((request) => request.headers['baton-delivery-attempt'])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(new Set(receiver.requests.map((request) => request.headers['baton-event-id']))).toEqual(new Set([eventId]));
    const processed = new Set<string>();
    for (const request of receiver.requests) {
      if (request.answeredWith === 200) processed.add(request.headers['baton-event-id'] as string);
    }
    expect([...processed]).toEqual([eventId]);

    const [done] = await deliveriesOf(ctx, eventId);
    expect(done).toMatchObject({ status: 'delivered', attempts: 6 });
    const log = await ctx.pool.query(
      'select attempt, response_status from webhook_attempts where delivery_id = $1 order by attempt',
      [delivery!.id],
    );
    expect(log.rows.map((row) => row.response_status)).toEqual([503, 503, 503, 503, 503, 200]);
    const endpoint = await ctx.pool.query(
      'select consecutive_failures from webhook_endpoints where workspace_id = $1',
      [workspace.id],
    );
    expect(endpoint.rows[0].consecutive_failures).toBe(0);
  });

  it('sends a signed JSON body through the job worker that a README verifier accepts', async () => {
    const { ctx, workspace, receiver, secret } = await setUp();
    const worker = await startJobWorker({
      pool: ctx.pool,
      jobs: [deliverJob(ctx)],
      concurrency: 2,
      logger: ctx.logger,
    });
    try {
      const eventId = await publishInTransaction(ctx, {
        workspaceId: workspace.id,
        type: 'lead.mql',
        data: { contact_id: 'c1', grade: 'A' },
      });
      const deadline = Date.now() + 10_000;
      while (receiver.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const [request] = receiver.requests;
      expect(request).toBeDefined();
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['user-agent']).toBe('Baton-Webhooks/1');
      expect(request!.headers['baton-event-type']).toBe('lead.mql');
      expect(JSON.parse(request!.body)).toEqual({
        id: eventId,
        type: 'lead.mql',
        created_at: clock.now().toISOString(),
        workspace_id: workspace.id,
        data: { contact_id: 'c1', grade: 'A' },
      });
      const header = request!.headers['baton-signature'] as string;
      const now = Math.floor(clock.now().getTime() / 1000);
      expect(verifySignature(secret, header, request!.body, now)).toBe(true);
      expect(verifySignature(secret, header, request!.body.replace('"A"', '"B"'), now)).toBe(false);
      expect(verifySignature('whsec_wrong', header, request!.body, now)).toBe(false);
      expect(verifySignature(secret, header, request!.body, now + 3600)).toBe(false);
    } finally {
      await worker.stop();
    }
  });

  it('does not send events an endpoint is not subscribed to, and sends everything to `*`', async () => {
    const { ctx, app, admin, workspace, receiver } = await setUp();
    const all = await app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: admin.cookie },
      payload: { url: receiver.url, eventTypes: ['*'] },
    });
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'sla.breached' });
    const deliveries = await deliveriesOf(ctx, eventId);
    expect(deliveries.map((delivery) => delivery.endpoint_id)).toEqual([all.json().endpoint.id]);
  });

  it('sends nothing when the publishing transaction rolls back', async () => {
    const { ctx, workspace } = await setUp();
    const client = await ctx.pool.connect();
    await client.query('begin');
    const { publishEvent } = await import('./publish-event');
    const eventId = await publishEvent(client, {
      workspaceId: workspace.id,
      type: 'lead.mql',
      data: {},
      at: clock.now(),
    });
    await client.query('rollback');
    client.release();
    expect(await deliveriesOf(ctx, eventId)).toEqual([]);
    const jobs = await ctx.pool.query(
      `select count(*)::int as n from graphile_worker._private_jobs where payload->>'workspaceId' = $1`,
      [workspace.id],
    );
    expect(jobs.rows[0].n).toBe(0);
  });

  it('gives up at once on a 400 and keeps the response in the log', async () => {
    const { ctx, workspace } = await setUp({ plan: [{ status: 400, body: `bad ${'x'.repeat(3000)}` }] });
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('failed');
    expect(await queuedJob(ctx, delivery!.id)).toBeUndefined();
    const { rows } = await ctx.pool.query(
      'select d.status, d.last_status, d.last_error, a.response_body from webhook_deliveries d join webhook_attempts a on a.delivery_id = d.id where d.id = $1',
      [delivery!.id],
    );
    expect(rows[0]).toMatchObject({
      status: 'failed',
      last_status: 400,
      last_error: 'HTTP 400; gave up: HTTP 400 is not retried',
    });
    expect(rows[0].response_body).toHaveLength(1024);
    expect(rows[0].response_body.startsWith('bad x')).toBe(true);
  });

  it('waits as long as a 429 Retry-After says, then delivers', async () => {
    const { ctx, workspace, receiver } = await setUp({ plan: [{ status: 429, headers: { 'retry-after': '120' } }] });
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('retry_scheduled');
    const next = await queuedJob(ctx, delivery!.id);
    expect(next!.runAt.getTime() - clock.now().getTime()).toBe(120_000);
    expect(next!.payload.attempt).toBe(2);
    clock.advance(120_000);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('delivered');
    expect(receiver.requests.map((request) => request.answeredWith)).toEqual([429, 200]);
  });

  it('counts a timeout as a failure to retry', async () => {
    const { ctx, workspace } = await setUp({ plan: [{ status: 200, delayMs: 2_000 }] });
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('retry_scheduled');
    const { rows } = await ctx.pool.query(
      'select error, response_status from webhook_attempts where delivery_id = $1',
      [delivery!.id],
    );
    expect(rows[0]).toEqual({ error: 'timed out after 500 ms', response_status: null });
  });

  it('never sends the same attempt twice, however many jobs ask for it', async () => {
    const { ctx, workspace, receiver } = await setUp({ plan: [{ status: 200, delayMs: 100 }] });
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    const { deliverWebhook } = await import('./deliver-webhook');
    const job = { workspaceId: workspace.id, deliveryId: delivery!.id, attempt: 1 };
    const results = await Promise.all([1, 2, 3].map(() => deliverWebhook(ctx, job)));
    expect(results.sort()).toEqual(['delivered', 'skipped', 'skipped']);
    expect(await deliverWebhook(ctx, job)).toBe('skipped');
    expect(receiver.requests).toHaveLength(1);
  });

  it('disables an endpoint after 100 failed attempts in a row, records it in the audit log, and cancels what is left', async () => {
    const { ctx, app, admin, workspace, receiver, endpointId } = await setUp({ otherwise: { status: 500 } });
    const deliveryIds: string[] = [];
    for (let i = 0; i < 101; i += 1) {
      const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
      deliveryIds.push((await deliveriesOf(ctx, eventId))[0]!.id);
    }
    for (const id of deliveryIds.slice(0, 99)) await runQueuedJob(ctx, id);
    let endpoint = (await app.inject({ url: `/api/webhooks/${endpointId}`, headers: { cookie: admin.cookie } })).json();
    expect(endpoint).toMatchObject({ enabled: true, consecutiveFailures: 99 });

    expect(await runQueuedJob(ctx, deliveryIds[99]!)).toBe('retry_scheduled');
    endpoint = (await app.inject({ url: `/api/webhooks/${endpointId}`, headers: { cookie: admin.cookie } })).json();
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: '100 consecutive failed attempts' });
    const audit = await ctx.pool.query(
      'select actor_type, target_id from audit_events where workspace_id = $1 and action = $2',
      [workspace.id, 'webhook.endpoint_disabled'],
    );
    expect(audit.rows).toEqual([{ actor_type: 'system', target_id: endpointId }]);

    const sent = receiver.requests.length;
    expect(await runQueuedJob(ctx, deliveryIds[100]!)).toBe('cancelled');
    expect(receiver.requests.length).toBe(sent);
    const published = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    expect(await deliveriesOf(ctx, published)).toEqual([]);

    const enabled = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${endpointId}/enable`,
      headers: { cookie: admin.cookie },
    });
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
  });

  it('resets the failure count on a success', async () => {
    const { ctx, workspace } = await setUp({ plan: [{ status: 500 }, { status: 500 }] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
      ids.push((await deliveriesOf(ctx, eventId))[0]!.id);
    }
    await runQueuedJob(ctx, ids[0]!);
    await runQueuedJob(ctx, ids[1]!);
    const failures = () =>
      ctx.pool
        .query('select consecutive_failures from webhook_endpoints where workspace_id = $1', [workspace.id])
        .then((result) => result.rows[0].consecutive_failures);
    expect(await failures()).toBe(2);
    await runQueuedJob(ctx, ids[2]!);
    expect(await failures()).toBe(0);
  });

  it('replays a delivered delivery as a new attempt with the same event id', async () => {
    const { ctx, app, admin, workspace, receiver } = await setUp();
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('delivered');
    const replayed = await app.inject({
      method: 'POST',
      url: `/api/webhook-deliveries/${delivery!.id}/replay`,
      headers: { cookie: admin.cookie },
    });
    expect(replayed.statusCode, replayed.body).toBe(202);
    expect(replayed.json()).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('delivered');
    expect(receiver.requests.map((request) => request.headers['baton-event-id'])).toEqual([eventId, eventId]);
    expect(receiver.requests.map((request) => request.headers['baton-delivery-attempt'])).toEqual(['1', '2']);
    const attempts = await app.inject({
      url: `/api/webhook-deliveries/${delivery!.id}/attempts`,
      headers: { cookie: admin.cookie },
    });
    expect(
      attempts.json().items.map((attempt: { attempt: number; responseStatus: number }) => attempt.responseStatus),
    ).toEqual([200, 200]);
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const { ctx, app, admin, workspace, receiver, endpointId, secret: oldSecret } = await setUp();
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/webhooks/${endpointId}/rotate-secret`,
      headers: { cookie: admin.cookie },
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().secret as string;
    expect(newSecret).not.toBe(oldSecret);

    const send = async () => {
      const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
      await runQueuedJob(ctx, (await deliveriesOf(ctx, eventId))[0]!.id);
      const request = receiver.requests.at(-1)!;
      const now = Math.floor(clock.now().getTime() / 1000);
      const header = request.headers['baton-signature'] as string;
      return {
        v1s: header.split(',').filter((part) => part.startsWith('v1=')).length,
        old: verifySignature(oldSecret, header, request.body, now),
        new: verifySignature(newSecret, header, request.body, now),
      };
    };
    expect(await send()).toEqual({ v1s: 2, old: true, new: true });
    clock.advance(24 * 3_600_000 + 1000);
    expect(await send()).toEqual({ v1s: 1, old: false, new: true });
  });

  it('sends Slack-format endpoints `{ text }`', async () => {
    const { ctx, workspace, receiver } = await setUp(
      {},
      { format: 'slack', eventTypes: ['lead.mql', 'lead.assigned'] },
    );
    for (const [type, text] of [
      ['lead.mql', 'Jon Doe became an MQL (grade A, score 72)'],
      ['lead.assigned', undefined],
    ] as const) {
      const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type, text });
      await runQueuedJob(ctx, (await deliveriesOf(ctx, eventId))[0]!.id);
    }
    expect(receiver.requests.map((request) => JSON.parse(request.body))).toEqual([
      { text: 'Jon Doe became an MQL (grade A, score 72)' },
      { text: 'Baton: A lead was assigned to a rep.' },
    ]);
  });

  it('queues again a pending delivery whose job was lost with a killed worker', async () => {
    const { ctx, workspace } = await setUp();
    const eventId = await publishInTransaction(ctx, { workspaceId: workspace.id, type: 'lead.mql' });
    const [delivery] = await deliveriesOf(ctx, eventId);
    // The worker claimed the job, then died: the job stays locked, nothing else will run it.
    await ctx.pool.query(
      `update graphile_worker._private_jobs set locked_at = now(), locked_by = 'dead-worker' where key = $1`,
      [`webhooks.deliver:${delivery!.id}`],
    );
    expect(await recoverLostDeliveries(ctx)).toBe(0); // not overdue yet
    clock.advance(staleLockMs(ctx) + 1000);
    expect(await recoverLostDeliveries(ctx)).toBe(0); // the lock is still recent: a live worker may hold it
    await ctx.pool.query(
      `update graphile_worker._private_jobs set locked_at = now() - interval '10 minutes' where locked_by = 'dead-worker'`,
    );
    expect(await recoverLostDeliveries(ctx)).toBe(1);
    expect((await queuedJob(ctx, delivery!.id))?.payload.attempt).toBe(1);
    expect(await runQueuedJob(ctx, delivery!.id)).toBe('delivered');
    expect(await recoverLostDeliveries(ctx)).toBe(0);
  });
});
