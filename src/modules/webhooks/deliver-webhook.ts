import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { newId } from '../../core/ids';
import { recordAudit } from '../audit';
import {
  type AttemptOutcome,
  disableAfterConsecutiveFailures,
  type NextStep,
  nextStep,
  signatureHeader,
  signingSecrets,
} from './delivery-policy';
import { type DeliverJobPayload, enqueueDelivery } from './publish-event';
import { renderBody } from './render-body';
import type { WebhookFormat } from './schema';
import { sendRequest } from './send-request';

export type DeliveryResult = 'delivered' | 'retry_scheduled' | 'failed' | 'cancelled' | 'skipped';

type DeliveryRow = {
  status: string;
  attempts: number;
  event_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  text: string | null;
  event_at: Date;
  endpoint_id: string;
  url: string;
  format: WebhookFormat;
  enabled: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
};

/**
 * Makes attempt `attempt` of one delivery: the `webhooks.deliver` job. The delivery row stays
 * locked (`for update skip locked`) from before the request until its outcome is recorded, so two
 * workers never send the same attempt; a job for an attempt already made, or for a delivery that
 * is no longer pending, does nothing. The next attempt is a new job, scheduled here.
 */
export async function deliverWebhook(
  ctx: AppContext,
  job: DeliverJobPayload,
  options: { random?: () => number } = {},
): Promise<DeliveryResult> {
  const client = await ctx.pool.connect();
  let disabledEndpoint: { endpointId: string; url: string } | undefined;
  let result: DeliveryResult;
  try {
    await client.query('begin');
    const { rows } = await client.query<DeliveryRow>(
      `select d.status, d.attempts, e.id as event_id, e.type as event_type, e.payload, e.text,
              e.created_at as event_at, p.id as endpoint_id, p.url, p.format, p.enabled, p.secret,
              p.previous_secret, p.previous_secret_expires_at
         from webhook_deliveries d
         join webhook_events e on e.workspace_id = d.workspace_id and e.id = d.event_id
         join webhook_endpoints p on p.workspace_id = d.workspace_id and p.id = d.endpoint_id
        where d.workspace_id = $1 and d.id = $2
        for update of d skip locked`,
      [job.workspaceId, job.deliveryId],
    );
    const delivery = rows[0];
    if (delivery?.status !== 'pending' || delivery.attempts + 1 !== job.attempt) {
      // Gone, locked by a worker making this very attempt, already settled, or a stale job.
      await client.query('commit');
      return 'skipped';
    }
    if (!delivery.enabled) {
      await client.query(
        `update webhook_deliveries set status = 'cancelled', next_attempt_at = null, last_error = 'endpoint disabled'
          where workspace_id = $1 and id = $2`,
        [job.workspaceId, job.deliveryId],
      );
      await client.query('commit');
      return 'cancelled';
    }

    const at = ctx.clock.now();
    const body = renderBody(delivery.format, {
      id: delivery.event_id,
      type: delivery.event_type,
      createdAt: delivery.event_at,
      workspaceId: job.workspaceId,
      data: delivery.payload,
      text: delivery.text,
    });
    const secrets = signingSecrets(
      {
        secret: delivery.secret,
        previousSecret: delivery.previous_secret,
        previousSecretExpiresAt: delivery.previous_secret_expires_at,
      },
      at,
    );
    const sent = await sendRequest({
      url: delivery.url,
      body,
      timeoutMs: ctx.config.webhookTimeoutMs,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Baton-Webhooks/1',
        'baton-signature': signatureHeader(secrets, Math.floor(at.getTime() / 1000), body),
        'baton-event-id': delivery.event_id,
        'baton-event-type': delivery.event_type,
        'baton-delivery-attempt': String(job.attempt),
      },
    });

    const now = ctx.clock.now();
    const step = nextStep({
      outcome: sent.outcome,
      failedAttempt: job.attempt,
      eventAt: delivery.event_at,
      now,
      random: options.random,
    });
    const error = errorOf(sent.outcome, step);
    await client.query(
      `insert into webhook_attempts
         (workspace_id, id, delivery_id, attempt, at, duration_ms, response_status, error, response_body)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        job.workspaceId,
        newId(),
        job.deliveryId,
        job.attempt,
        at,
        sent.durationMs,
        sent.outcome.kind === 'response' ? sent.outcome.status : null,
        sent.outcome.kind === 'network_error' ? sent.outcome.message : null,
        sent.bodyExcerpt,
      ],
    );
    await client.query(
      `update webhook_deliveries
          set status = $3, attempts = $4, last_attempt_at = $5, last_status = $6, last_error = $7,
              next_attempt_at = $8, delivered_at = case when $3 = 'delivered' then $9::timestamptz else delivered_at end
        where workspace_id = $1 and id = $2`,
      [
        job.workspaceId,
        job.deliveryId,
        step.kind === 'delivered' ? 'delivered' : step.kind === 'retry' ? 'pending' : 'failed',
        job.attempt,
        at,
        sent.outcome.kind === 'response' ? sent.outcome.status : null,
        error,
        step.kind === 'retry' ? step.at : null,
        now,
      ],
    );
    if (step.kind === 'retry') {
      await enqueueDelivery(client, { ...job, attempt: job.attempt + 1 }, step.at);
    }
    if (step.kind === 'delivered') {
      await client.query(
        `update webhook_endpoints set consecutive_failures = 0
          where workspace_id = $1 and id = $2 and consecutive_failures <> 0`,
        [job.workspaceId, delivery.endpoint_id],
      );
    } else {
      disabledEndpoint = await countFailure(client, job.workspaceId, delivery.endpoint_id, now);
    }
    await client.query('commit');
    result = step.kind === 'delivered' ? 'delivered' : step.kind === 'retry' ? 'retry_scheduled' : 'failed';
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  if (disabledEndpoint) {
    ctx.logger.warn({ workspaceId: job.workspaceId, ...disabledEndpoint }, 'webhook endpoint disabled');
    await recordAudit(ctx, {
      workspaceId: job.workspaceId,
      actor: undefined,
      action: 'webhook.endpoint_disabled',
      targetType: 'webhook_endpoint',
      targetId: disabledEndpoint.endpointId,
      details: { url: disabledEndpoint.url, consecutiveFailures: disableAfterConsecutiveFailures },
    });
  }
  return result;
}

/** Counts a failed attempt against the endpoint; the attempt that reaches the limit disables it. */
async function countFailure(
  client: pg.PoolClient,
  workspaceId: string,
  endpointId: string,
  now: Date,
): Promise<{ endpointId: string; url: string } | undefined> {
  const { rows } = await client.query<{ url: string; just_disabled: boolean }>(
    `update webhook_endpoints p
        set consecutive_failures = p.consecutive_failures + 1,
            enabled = p.enabled and p.consecutive_failures + 1 < $3,
            disabled_reason = case when p.enabled and p.consecutive_failures + 1 >= $3 then $4 else p.disabled_reason end,
            updated_at = case when p.enabled and p.consecutive_failures + 1 >= $3 then $5 else p.updated_at end
       from (select enabled from webhook_endpoints where workspace_id = $1 and id = $2 for no key update) old
      where p.workspace_id = $1 and p.id = $2
      returning p.url, old.enabled and not p.enabled as just_disabled`,
    [
      workspaceId,
      endpointId,
      disableAfterConsecutiveFailures,
      `${disableAfterConsecutiveFailures} consecutive failed attempts`,
      now,
    ],
  );
  const row = rows[0];
  return row?.just_disabled ? { endpointId, url: row.url } : undefined;
}

function errorOf(outcome: AttemptOutcome, step: NextStep): string | null {
  if (step.kind === 'delivered') return null;
  const what = outcome.kind === 'network_error' ? outcome.message : `HTTP ${outcome.status}`;
  return step.kind === 'give_up' ? `${what}; gave up: ${step.reason}` : what;
}
