import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../core/context';
import { deliverWebhook } from './deliver-webhook';
import type { WebhookEventType } from './event-types';
import { type DeliverJobPayload, deliverJobKey, publishEvent } from './publish-event';

export type ReceivedRequest = { headers: http.IncomingHttpHeaders; body: string; answeredWith: number };
type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A local webhook receiver for tests: answers each request with the next planned answer (then
 * with `otherwise`), and records every request it got.
 */
export async function startReceiver(options: { plan?: Answer[]; otherwise?: Answer } = {}) {
  const plan = [...(options.plan ?? [])];
  const otherwise = options.otherwise ?? { status: 200, body: 'ok' };
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = plan.shift() ?? otherwise;
      requests.push({
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answeredWith: answer.status,
      });
      setTimeout(() => {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body ?? '');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Publishes an event in its own transaction, as a module would inside its change. */
export async function publishInTransaction(
  ctx: AppContext,
  input: { workspaceId: string; type: WebhookEventType; data?: Record<string, unknown>; text?: string },
): Promise<string> {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const eventId = await publishEvent(client, { data: {}, ...input, at: ctx.clock.now() });
    await client.query('commit');
    return eventId;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** The queued `webhooks.deliver` job of a delivery (one per delivery: they are keyed), if any. */
export async function queuedJob(
  ctx: AppContext,
  deliveryId: string,
): Promise<{ payload: DeliverJobPayload; runAt: Date } | undefined> {
  const { rows } = await ctx.pool.query<{ payload: DeliverJobPayload; run_at: Date }>(
    `select payload, run_at from graphile_worker._private_jobs
      where key = $1 and locked_at is null and attempts < max_attempts`,
    [deliverJobKey(deliveryId)],
  );
  return rows[0] ? { payload: rows[0].payload, runAt: rows[0].run_at } : undefined;
}

/** Runs a delivery's queued job as the worker would (taking it off the queue), without a worker. */
export async function runQueuedJob(ctx: AppContext, deliveryId: string, random: () => number = () => 0.5) {
  const job = await queuedJob(ctx, deliveryId);
  if (!job) throw new Error(`no job queued for delivery ${deliveryId}`);
  await ctx.pool.query('select graphile_worker.remove_job($1)', [deliverJobKey(deliveryId)]);
  return deliverWebhook(ctx, job.payload, { random });
}

export async function deliveriesOf(ctx: AppContext, eventId: string) {
  const { rows } = await ctx.pool.query<{ id: string; status: string; attempts: number; endpoint_id: string }>(
    'select id, status, attempts, endpoint_id from webhook_deliveries where event_id = $1 order by id',
    [eventId],
  );
  return rows;
}
