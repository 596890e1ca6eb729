import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import type { Channel } from '../campaigns';
import type { ActivityType } from './schema';

export type ActivityRow = {
  id: string;
  contactId: string | null;
  anonymousId: string | null;
  type: ActivityType;
  occurredAt: Date;
  title: string | null;
  url: string | null;
  campaignId: string | null;
  properties: Record<string, unknown>;
  messageId: string | null;
};

export type TouchRow = {
  id: string;
  contactId: string | null;
  anonymousId: string | null;
  occurredAt: Date;
  channel: Channel;
  campaignId: string | null;
  source: string | null;
  medium: string | null;
  referrer: string | null;
  landingUrl: string | null;
};

export async function insertActivities(
  db: Executor,
  workspaceId: string,
  rows: ActivityRow[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((row) => ({
    id: row.id,
    contact_id: row.contactId,
    anonymous_id: row.anonymousId,
    type: row.type,
    occurred_at: row.occurredAt,
    title: row.title,
    url: row.url,
    campaign_id: row.campaignId,
    properties: row.properties,
    message_id: row.messageId,
  }));
  await db.execute(sql`
    insert into activities (workspace_id, id, contact_id, anonymous_id, type, occurred_at, title, url, campaign_id, properties, message_id, created_at)
    select ${workspaceId}, id, contact_id, anonymous_id, type, occurred_at, title, url, campaign_id, properties, message_id, ${at}
      from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(
        id uuid, contact_id uuid, anonymous_id text, type text, occurred_at timestamptz, title text, url text,
        campaign_id uuid, properties jsonb, message_id text)`);
}

export async function insertTouches(db: Executor, workspaceId: string, rows: TouchRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((row) => ({
    id: row.id,
    contact_id: row.contactId,
    anonymous_id: row.anonymousId,
    occurred_at: row.occurredAt,
    channel: row.channel,
    campaign_id: row.campaignId,
    source: row.source,
    medium: row.medium,
    referrer: row.referrer,
    landing_url: row.landingUrl,
  }));
  await db.execute(sql`
    insert into touches (workspace_id, id, contact_id, anonymous_id, occurred_at, channel, campaign_id, source, medium, referrer, landing_url, created_at)
    select ${workspaceId}, id, contact_id, anonymous_id, occurred_at, channel, campaign_id, source, medium, referrer, landing_url, ${at}
      from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(
        id uuid, contact_id uuid, anonymous_id text, occurred_at timestamptz, channel text, campaign_id uuid,
        source text, medium text, referrer text, landing_url text)`);
}

/**
 * When an anonymous visitor becomes known, their whole past — activities and touches recorded
 * while anonymous — moves onto the contact. Returns the contacts that received history.
 */
export async function attachAnonymousHistory(
  db: Executor,
  workspaceId: string,
  stitched: Map<string, string>,
): Promise<string[]> {
  if (stitched.size === 0) return [];
  const pairs = JSON.stringify(
    [...stitched].map(([anonymousId, contactId]) => ({ anonymous_id: anonymousId, contact_id: contactId })),
  );
  const { rows } = await db.execute<{ contact_id: string }>(sql`
    with pairs as (select * from jsonb_to_recordset(${pairs}::jsonb) as p(anonymous_id text, contact_id uuid)),
    moved as (
      update activities a set contact_id = p.contact_id from pairs p
       where a.workspace_id = ${workspaceId} and a.anonymous_id = p.anonymous_id and a.contact_id is null
      returning a.contact_id
    ), moved_touches as (
      update touches t set contact_id = p.contact_id from pairs p
       where t.workspace_id = ${workspaceId} and t.anonymous_id = p.anonymous_id and t.contact_id is null
      returning t.contact_id
    )
    select distinct contact_id from moved union select distinct contact_id from moved_touches`);
  return rows.map((row) => row.contact_id);
}
