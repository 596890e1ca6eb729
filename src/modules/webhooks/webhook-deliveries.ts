import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid } from '../../core/ids';
import { recordAudit } from '../audit';
import type { Principal } from '../auth';
import { assertEnabled, getEndpoint } from './manage-endpoints';
import { enqueueDelivery, recordEvent } from './publish-event';
import { type WebhookDeliveryStatus, webhookAttempts, webhookDeliveries, webhookEvents } from './schema';

export type WebhookDeliveryView = {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  eventId: webhookDeliveries.eventId,
  eventType: webhookEvents.type,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  lastStatus: webhookDeliveries.lastStatus,
  lastError: webhookDeliveries.lastError,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
};

const eventJoin = and(
  eq(webhookEvents.workspaceId, webhookDeliveries.workspaceId),
  eq(webhookEvents.id, webhookDeliveries.eventId),
);

/** An endpoint's deliveries, newest first (ids are time-ordered), keyset-paginated on the id. */
export async function listDeliveries(
  ctx: AppContext,
  input: {
    workspaceId: string;
    endpointId: string;
    status?: WebhookDeliveryStatus;
    cursor?: string;
    limit: number;
  },
): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  const cursor = input.cursor
    ? decodeCursor<{ id: string }>(input.cursor, (value) => typeof value.id === 'string' && isUuid(value.id))
    : undefined;
  await getEndpoint(ctx, input.workspaceId, input.endpointId);
  const items = await ctx.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eventJoin)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, input.workspaceId),
        eq(webhookDeliveries.endpointId, input.endpointId),
        input.status ? eq(webhookDeliveries.status, input.status) : undefined,
        cursor ? lt(webhookDeliveries.id, cursor.id) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(input.limit);
  const last = items.at(-1);
  return { items, nextCursor: items.length === input.limit && last ? encodeCursor({ id: last.id }) : null };
}

export async function getDelivery(ctx: AppContext, workspaceId: string, id: string): Promise<WebhookDeliveryView> {
  const [delivery] = await ctx.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eventJoin)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, id)));
  if (!delivery) throw notFound('Webhook delivery');
  return delivery;
}

/** The delivery log: every attempt of one delivery, first to last. */
export async function listAttempts(ctx: AppContext, workspaceId: string, deliveryId: string) {
  await getDelivery(ctx, workspaceId, deliveryId);
  return ctx.db
    .select({
      id: webhookAttempts.id,
      attempt: webhookAttempts.attempt,
      at: webhookAttempts.at,
      durationMs: webhookAttempts.durationMs,
      responseStatus: webhookAttempts.responseStatus,
      error: webhookAttempts.error,
      responseBody: webhookAttempts.responseBody,
    })
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.workspaceId, workspaceId), eq(webhookAttempts.deliveryId, deliveryId)))
    .orderBy(asc(webhookAttempts.attempt));
}

/**
 * Sends a delivery again now, whatever its state (delivered, failed, cancelled or waiting for a
 * retry). If a worker is sending it this instant, this waits for that attempt to be recorded.
 */
export async function replayDelivery(
  ctx: AppContext,
  input: { workspaceId: string; id: string; actor: Principal },
): Promise<WebhookDeliveryView> {
  const delivery = await getDelivery(ctx, input.workspaceId, input.id);
  assertEnabled(await getEndpoint(ctx, input.workspaceId, delivery.endpointId));
  await inTransaction(ctx, async (client) => {
    const { rows } = await client.query<{ attempts: number }>(
      `update webhook_deliveries set status = 'pending', next_attempt_at = $3
        where workspace_id = $1 and id = $2
        returning attempts`,
      [input.workspaceId, input.id, ctx.clock.now()],
    );
    if (!rows[0]) throw notFound('Webhook delivery');
    await enqueueDelivery(client, {
      workspaceId: input.workspaceId,
      deliveryId: input.id,
      attempt: rows[0].attempts + 1,
    });
  });
  await recordAudit(ctx, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'webhook.delivery_replayed',
    targetType: 'webhook_delivery',
    targetId: input.id,
  });
  return getDelivery(ctx, input.workspaceId, input.id);
}

/** Publishes a `webhook.test` event to one endpoint, subscribed to it or not. */
export async function sendTestEvent(
  ctx: AppContext,
  input: { workspaceId: string; endpointId: string },
): Promise<{ eventId: string; deliveryId: string }> {
  const endpoint = await getEndpoint(ctx, input.workspaceId, input.endpointId);
  assertEnabled(endpoint);
  const at = ctx.clock.now();
  const eventId = await inTransaction(ctx, (client) =>
    recordEvent(
      client,
      {
        workspaceId: input.workspaceId,
        type: 'webhook.test',
        data: { message: 'A test event from Baton', endpoint_id: endpoint.id },
        text: `Baton test event: this endpoint (${endpoint.url}) receives Baton's webhooks.`,
        at,
      },
      [endpoint.id],
    ),
  );
  const [delivery] = await ctx.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, input.workspaceId), eq(webhookDeliveries.eventId, eventId)));
  return { eventId, deliveryId: delivery!.id };
}

async function inTransaction<T>(ctx: AppContext, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
