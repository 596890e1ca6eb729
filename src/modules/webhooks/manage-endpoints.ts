import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { newId, randomToken } from '../../core/ids';
import { recordAudit } from '../audit';
import type { Principal } from '../auth';
import { type WebhookFormat, webhookEndpoints } from './schema';

/** How long a rotated-out secret keeps signing, so receivers can switch without missing a request. */
export const rotationOverlapMs = 24 * 3_600_000;

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  format: WebhookFormat;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lastDelivery: { status: string; at: Date; lastStatus: number | null } | null;
};

export type EndpointInput = { url: string; description: string; eventTypes: string[]; format: WebhookFormat };

const newSecret = () => `whsec_${randomToken(32)}`;

// Qualified by hand: drizzle leaves columns unqualified in a one-table select.
const lastDelivery = sql<WebhookEndpointView['lastDelivery']>`(
  select json_build_object('status', d.status, 'at', coalesce(d.last_attempt_at, d.created_at), 'lastStatus', d.last_status)
    from webhook_deliveries d
   where d.workspace_id = webhook_endpoints.workspace_id and d.endpoint_id = webhook_endpoints.id
   order by d.id desc limit 1)`;

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  format: webhookEndpoints.format,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  consecutiveFailures: webhookEndpoints.consecutiveFailures,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
  lastDelivery,
};

function withDates(row: WebhookEndpointView): WebhookEndpointView {
  // json_build_object hands the timestamp back as a string.
  const last = row.lastDelivery;
  return { ...row, lastDelivery: last ? { ...last, at: new Date(last.at) } : null };
}

export async function listEndpoints(ctx: AppContext, workspaceId: string): Promise<WebhookEndpointView[]> {
  const rows = await ctx.db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, workspaceId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return rows.map(withDates);
}

export async function getEndpoint(ctx: AppContext, workspaceId: string, id: string): Promise<WebhookEndpointView> {
  const [row] = await ctx.db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.id, id)));
  if (!row) throw notFound('Webhook endpoint');
  return withDates(row);
}

/** Creates an endpoint. The response is the only time its secret is shown. */
export async function createEndpoint(
  ctx: AppContext,
  input: EndpointInput & { workspaceId: string; actor: Principal },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newSecret();
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.insert(webhookEndpoints).values({
    workspaceId: input.workspaceId,
    id,
    url: input.url,
    description: input.description,
    eventTypes: [...new Set(input.eventTypes)],
    format: input.format,
    secret,
    createdAt: now,
    updatedAt: now,
  });
  await audit(ctx, input.workspaceId, input.actor, 'webhook.endpoint_created', id, { url: input.url });
  return { endpoint: await getEndpoint(ctx, input.workspaceId, id), secret };
}

export async function updateEndpoint(
  ctx: AppContext,
  input: Partial<EndpointInput> & { workspaceId: string; id: string; enabled?: boolean; actor: Principal },
): Promise<WebhookEndpointView> {
  const changes = {
    url: input.url,
    description: input.description,
    eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : undefined,
    format: input.format,
    ...(input.enabled === true ? { enabled: true, disabledReason: null, consecutiveFailures: 0 } : {}),
    ...(input.enabled === false ? { enabled: false, disabledReason: 'disabled by an admin' } : {}),
  };
  const updated = await ctx.db
    .update(webhookEndpoints)
    .set({ ...changes, updatedAt: ctx.clock.now() })
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, input.id)))
    .returning({ id: webhookEndpoints.id });
  if (updated.length === 0) throw notFound('Webhook endpoint');
  const changed = Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined);
  await audit(ctx, input.workspaceId, input.actor, 'webhook.endpoint_updated', input.id, { changed });
  return getEndpoint(ctx, input.workspaceId, input.id);
}

/** Turns a disabled endpoint back on, with a fresh failure count. */
export async function enableEndpoint(
  ctx: AppContext,
  input: { workspaceId: string; id: string; actor: Principal },
): Promise<WebhookEndpointView> {
  return updateEndpoint(ctx, { ...input, enabled: true });
}

export async function deleteEndpoint(
  ctx: AppContext,
  input: { workspaceId: string; id: string; actor: Principal },
): Promise<void> {
  const deleted = await ctx.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, input.id)))
    .returning({ url: webhookEndpoints.url });
  if (deleted.length === 0) throw notFound('Webhook endpoint');
  await audit(ctx, input.workspaceId, input.actor, 'webhook.endpoint_deleted', input.id, { url: deleted[0]!.url });
}

/**
 * A new secret, shown once. The old one keeps signing (a second `v1`) for 24 hours, so the
 * receiver can switch over without refusing a single request.
 */
export async function rotateSecret(
  ctx: AppContext,
  input: { workspaceId: string; id: string; actor: Principal },
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newSecret();
  const now = ctx.clock.now();
  const updated = await ctx.db
    .update(webhookEndpoints)
    .set({
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretExpiresAt: new Date(now.getTime() + rotationOverlapMs),
      secret,
      updatedAt: now,
    })
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, input.id)))
    .returning({ id: webhookEndpoints.id });
  if (updated.length === 0) throw notFound('Webhook endpoint');
  await audit(ctx, input.workspaceId, input.actor, 'webhook.secret_rotated', input.id, {});
  return { endpoint: await getEndpoint(ctx, input.workspaceId, input.id), secret };
}

export function assertEnabled(endpoint: { enabled: boolean }): void {
  if (!endpoint.enabled) {
    throw new AppError('conflict', 'The endpoint is disabled: enable it first', {
      details: [{ path: 'enabled', message: 'endpoint is disabled' }],
    });
  }
}

async function audit(
  ctx: AppContext,
  workspaceId: string,
  actor: Principal,
  action: string,
  endpointId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(ctx, { workspaceId, actor, action, targetType: 'webhook_endpoint', targetId: endpointId, details });
}
