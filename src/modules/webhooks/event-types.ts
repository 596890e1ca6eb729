/** Every event Baton sends to webhooks, with the one line the settings page shows beside it. */
export const webhookEventTypes = {
  'lead.mql': 'A lead became marketing-qualified (MQL).',
  'lead.hand_raiser': 'A lead asked for sales (a hand-raiser form such as "Contact sales").',
  'lead.assigned': 'A lead was assigned to a rep.',
  'lead.reassigned': 'A lead moved from one rep to another.',
  'lead.unassigned': 'No rep could take a lead: it fell to the fallback queue.',
  'lead.stage_changed': 'A person or the API moved a lead to another lifecycle stage (rule moves to MQL are lead.mql).',
  'lead.first_touch': 'A rep worked a lead for the first time (call, email or meeting).',
  'sla.reminder': 'A lead is close to breaching its response SLA.',
  'sla.breached': 'A lead was not worked within its response SLA.',
  'sla.reassigned': 'A lead was reassigned because its SLA was breached.',
  'webhook.test': 'A test event sent from Settings → Webhooks.',
} as const;

export type WebhookEventType = keyof typeof webhookEventTypes;

export const webhookEventTypeNames = Object.keys(webhookEventTypes) as WebhookEventType[];

/** An endpoint subscribes to event types, or to `*` for every type, present and future. */
export const allWebhookEvents = '*';

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(webhookEventTypes, value);
}
