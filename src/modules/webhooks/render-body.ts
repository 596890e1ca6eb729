import { fallbackText } from './delivery-policy';
import type { WebhookFormat } from './schema';

export type RenderableEvent = {
  id: string;
  type: string;
  createdAt: Date;
  workspaceId: string;
  data: Record<string, unknown>;
  text: string | null;
};

/**
 * The raw body Baton POSTs (and signs). `baton`: the event as JSON; `slack`: `{ text }`, what a
 * Slack incoming webhook (and Mattermost, Teams workflows…) accepts.
 */
/**
 * Slack reads `<…>` as links and mentions (`<!channel>`) and `&` as the start of an entity; text
 * typed by a visitor into a form must stay text. Slack's own escaping: only these three.
 */
export function escapeSlackText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function renderBody(format: WebhookFormat, event: RenderableEvent): string {
  if (format === 'slack') return JSON.stringify({ text: escapeSlackText(event.text ?? fallbackText(event.type)) });
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    workspace_id: event.workspaceId,
    data: event.data,
  });
}
