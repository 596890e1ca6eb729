import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';

/** Records which contact each anonymous id (and alias'd old user id) belongs to from now on. */
export async function saveIdentityLinks(
  db: Executor,
  input: { workspaceId: string; anonymous: Map<string, string>; userIds: Map<string, string>; at: Date },
): Promise<void> {
  const rows = [
    ...[...input.anonymous].map(([value, contactId]) => ({ kind: 'anonymous', value, contact_id: contactId })),
    ...[...input.userIds].map(([value, contactId]) => ({ kind: 'user_id', value, contact_id: contactId })),
  ];
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into identities (workspace_id, kind, value, contact_id, linked_at)
    select ${input.workspaceId}, kind, value, contact_id, ${input.at}
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(kind text, value text, contact_id uuid)
    on conflict (workspace_id, kind, value) do update set contact_id = excluded.contact_id, linked_at = excluded.linked_at`);
}

export async function saveVisitorSessions(
  db: Executor,
  input: {
    workspaceId: string;
    sessions: Map<string, { lastSeenAt: Date; sessionStartedAt: Date; campaign: string | null }>;
  },
): Promise<void> {
  if (input.sessions.size === 0) return;
  const rows = [...input.sessions].map(([anonymousId, session]) => ({
    anonymous_id: anonymousId,
    last_seen_at: session.lastSeenAt,
    session_started_at: session.sessionStartedAt,
    campaign: session.campaign,
  }));
  await db.execute(sql`
    insert into visitor_sessions (workspace_id, anonymous_id, last_seen_at, session_started_at, campaign)
    select ${input.workspaceId}, anonymous_id, last_seen_at, session_started_at, campaign
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(anonymous_id text, last_seen_at timestamptz, session_started_at timestamptz, campaign text)
    on conflict (workspace_id, anonymous_id) do update
      set last_seen_at = greatest(visitor_sessions.last_seen_at, excluded.last_seen_at),
          session_started_at = excluded.session_started_at,
          campaign = excluded.campaign`);
}
