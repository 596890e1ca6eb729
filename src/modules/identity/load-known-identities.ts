import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';

export type KnownIdentityRows = {
  anonymous: Map<string, string>;
  userIds: Map<string, string>;
  emails: Map<string, string>;
  contacts: Map<string, { email: string | null; externalId: string | null }>;
  sessions: Map<string, { lastSeenAt: Date; sessionStartedAt: Date; campaign: string | null }>;
};

/** One round trip per kind: who the anonymous ids, user ids and emails of a batch already are. */
export async function loadKnownIdentities(
  db: Executor,
  input: { workspaceId: string; anonymousIds: string[]; userIds: string[]; emails: string[]; visitors: string[] },
): Promise<KnownIdentityRows> {
  const { workspaceId } = input;
  const known: KnownIdentityRows = {
    anonymous: new Map(),
    userIds: new Map(),
    emails: new Map(),
    contacts: new Map(),
    sessions: new Map(),
  };
  // A contact's own user id and email come before the ones it inherited in a merge (first wins).
  const { rows } = await db.execute<{
    kind: string;
    value: string;
    contact_id: string;
    email: string | null;
    external_id: string | null;
  }>(sql`
    select 'anonymous' as kind, i.value, c.id as contact_id, c.email, c.external_id
      from identities i join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id
     where i.workspace_id = ${workspaceId} and i.kind = 'anonymous' and i.value = any(${sql.param(input.anonymousIds)}::text[])
       and c.merged_into_id is null
    union all
    select 'user_id', c.external_id, c.id, c.email, c.external_id from contacts c
     where c.workspace_id = ${workspaceId} and c.external_id = any(${sql.param(input.userIds)}::text[]) and c.merged_into_id is null
    union all
    select 'user_id', i.value, c.id, c.email, c.external_id
      from identities i join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id
     where i.workspace_id = ${workspaceId} and i.kind = 'user_id' and i.value = any(${sql.param(input.userIds)}::text[])
       and c.merged_into_id is null
    union all
    select 'email', lower(c.email), c.id, c.email, c.external_id from contacts c
     where c.workspace_id = ${workspaceId} and lower(c.email) = any(${sql.param(input.emails)}::text[]) and c.email is not null
       and c.merged_into_id is null
    union all
    select 'email', i.value, c.id, c.email, c.external_id
      from identities i join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id
     where i.workspace_id = ${workspaceId} and i.kind = 'email' and i.value = any(${sql.param(input.emails)}::text[])
       and c.merged_into_id is null`);
  for (const row of rows) {
    const target = row.kind === 'anonymous' ? known.anonymous : row.kind === 'user_id' ? known.userIds : known.emails;
    if (!target.has(row.value)) target.set(row.value, row.contact_id);
    known.contacts.set(row.contact_id, { email: row.email?.toLowerCase() ?? null, externalId: row.external_id });
  }
  if (input.visitors.length > 0) {
    const sessions = await db.execute<{
      anonymous_id: string;
      last_seen_at: Date;
      session_started_at: Date;
      campaign: string | null;
    }>(sql`
      select anonymous_id, last_seen_at, session_started_at, campaign from visitor_sessions
       where workspace_id = ${workspaceId} and anonymous_id = any(${sql.param(input.visitors)}::text[])`);
    for (const row of sessions.rows) {
      known.sessions.set(row.anonymous_id, {
        lastSeenAt: new Date(row.last_seen_at),
        sessionStartedAt: new Date(row.session_started_at),
        campaign: row.campaign,
      });
    }
  }
  return known;
}
