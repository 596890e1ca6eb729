import { newId } from '../../core/ids';
import { enqueueJob, type Queryable } from '../../core/jobs/enqueue-job';
import { allWebhookEvents, type WebhookEventType } from './event-types';

export const deliverJobName = 'webhooks.deliver';

/** The payload of one `webhooks.deliver` job: attempt `attempt` of one delivery. */
export type DeliverJobPayload = { workspaceId: string; deliveryId: string; attempt: number };

/** One pending job per delivery: a re-enqueue (replay, the sweeper) replaces rather than adds. */
export const deliverJobKey = (deliveryId: string) => `${deliverJobName}:${deliveryId}`;

export async function enqueueDelivery(db: Queryable, payload: DeliverJobPayload, runAt?: Date): Promise<void> {
  await enqueueJob(db, deliverJobName, payload, { runAt, jobKey: deliverJobKey(payload.deliveryId) });
}

/** How long the job of a delivery its publisher sends at once waits before it checks that it was sent. */
export const fallbackDelaySeconds = 15;

export type PublishEventInput = {
  workspaceId: string;
  type: WebhookEventType;
  /** The body's `data`: what happened, as JSON. */
  data: Record<string, unknown>;
  /** A plain sentence for Slack-format endpoints ("Jon Doe became an MQL (grade A, score 72)"). */
  text?: string;
  at: Date;
};

/**
 * Records an event and one delivery per enabled endpoint subscribed to its type (or to `*`), and
 * queues a `webhooks.deliver` job for each — all on `db`, so inside the caller's transaction the
 * event exists, and will be sent, exactly when the change it describes commits. Returns the event
 * id (the `Baton-Event-Id` receivers dedupe on). With no subscribed endpoint nothing is stored.
 */
export async function publishEvent(
  db: Queryable,
  input: PublishEventInput,
  options: {
    /**
     * The caller will send these deliveries itself right after its commit (`DeliveryDispatcher`):
     * their ids are pushed here, and their jobs wait a little, as the fallback that guarantees them.
     */
    dispatchLater?: string[];
  } = {},
): Promise<string> {
  const eventId = newId();
  // Delivery ids: this id's time and sequence, the endpoint's row number as the last bits.
  const base = newId().replaceAll('-', '');
  const prefix = `${base.slice(0, 8)}-${base.slice(8, 12)}-${base.slice(12, 16)}-${base.slice(16, 20)}-${base.slice(20, 24)}`;
  // One round trip, as it runs inside hot transactions (every routed lead publishes two events).
  const result = (await db.query(
    `with endpoints as (
       select id, row_number() over (order by id) as n from webhook_endpoints
        where workspace_id = $1 and enabled and event_types && array[$2, $3]::text[]),
     event as (
       insert into webhook_events (workspace_id, id, type, payload, text, created_at)
       select $1, $4, $2, $5::jsonb, $6, $7 where exists (select 1 from endpoints)
       returning id),
     deliveries as (
       insert into webhook_deliveries (workspace_id, id, event_id, endpoint_id, status, next_attempt_at, created_at)
       select $1, ($8 || lpad(to_hex(e.n), 8, '0'))::uuid, ev.id, e.id, 'pending', $7, $7
         from endpoints e cross join event ev
       returning id)
     select d.id, graphile_worker.add_job($9, json_build_object('workspaceId', $1::text, 'deliveryId', d.id::text, 'attempt', 1),
                                          job_key => $9 || ':' || d.id::text,
                                          run_at => now() + make_interval(secs => $10)) as job
       from deliveries d`,
    [
      input.workspaceId,
      input.type,
      allWebhookEvents,
      eventId,
      JSON.stringify(input.data),
      input.text ?? null,
      input.at,
      prefix,
      deliverJobName,
      options.dispatchLater ? fallbackDelaySeconds : 0,
    ],
  )) as { rows: { id: string }[] };
  options.dispatchLater?.push(...result.rows.map((row) => row.id));
  return eventId;
}

/** Records an event for exactly these endpoints (the test event goes to one endpoint only). */
export async function recordEvent(db: Queryable, input: PublishEventInput, endpointIds: string[]): Promise<string> {
  const eventId = newId();
  if (endpointIds.length === 0) return eventId;
  await db.query(
    `insert into webhook_events (workspace_id, id, type, payload, text, created_at)
     values ($1, $2, $3, $4::jsonb, $5, $6)`,
    [input.workspaceId, eventId, input.type, JSON.stringify(input.data), input.text ?? null, input.at],
  );
  const deliveryIds = endpointIds.map(() => newId());
  await db.query(
    `insert into webhook_deliveries (workspace_id, id, event_id, endpoint_id, status, next_attempt_at, created_at)
     select $1, delivery_id, $2, endpoint_id, 'pending', $5, $5
       from unnest($3::uuid[], $4::uuid[]) as d(delivery_id, endpoint_id)`,
    [input.workspaceId, eventId, deliveryIds, endpointIds, input.at],
  );
  for (const deliveryId of deliveryIds) {
    await enqueueDelivery(db, { workspaceId: input.workspaceId, deliveryId, attempt: 1 });
  }
  return eventId;
}
