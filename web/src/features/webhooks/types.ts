/** The webhooks API's shapes (src/modules/webhooks/webhook-routes.ts). */
export type WebhookFormat = 'baton' | 'slack';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export type WebhookEndpoint = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  format: WebhookFormat;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  lastDelivery: { status: DeliveryStatus; at: string; lastStatus: number | null } | null;
};

export type WebhookDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
};

export type WebhookAttempt = {
  id: string;
  attempt: number;
  at: string;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  responseBody: string | null;
};

export const statusColors: Record<DeliveryStatus, string> = {
  pending: 'yellow',
  delivered: 'teal',
  failed: 'red',
  cancelled: 'gray',
};
