import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { idAt, newId } from '../../core/ids';
import { histogram } from '../../core/metrics';
import { attachAnonymousHistory, insertActivities, insertTouches } from '../activities';
import { ensureUtmCampaigns } from '../campaigns';
import {
  createContacts,
  linkCompaniesByEmailDomain,
  refreshContactActivity,
  updateContactFields,
  upsertGroupCompanies,
} from '../contacts';
import { emailInEvent } from '../contacts/contact-from-traits';
import { loadKnownIdentities, mergeContacts, saveIdentityLinks, saveVisitorSessions } from '../identity';
import { recordTransitions } from '../lifecycle';
import { loadModel, lockScoring, scoreContacts } from '../scoring';
import { type PipelineEvent, planBatch } from './plan-batch';

const scoringSeconds = histogram(
  'baton_pipeline_scoring_seconds',
  'Scoring a batch’s contacts after its activities are written (score, grade, MQL moves)',
  [],
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5],
);

/** A queued event; `queueRow` is its event_queue row's ctid (stable: queue rows are never updated). */
export type QueuedEvent = PipelineEvent & { workspaceId: string; queueRow: string; receivedAt: Date };

/**
 * Applies one workspace's events inside the caller's transaction: identities, contacts, stitched
 * history, activities, touches, campaigns, companies. Returns the contacts whose data changed (the
 * scoring and routing steps that follow act on them).
 */
export async function applyEvents(
  ctx: AppContext,
  db: Executor,
  workspaceId: string,
  events: PipelineEvent[],
): Promise<{ contactIds: string[]; activities: number }> {
  const now = ctx.clock.now();
  // Before any contact is locked: a full rescore of this workspace holds the scoring lock alone.
  await lockScoring(db, workspaceId, 'shared');
  const anonymousIds = new Set<string>();
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const visitors = new Set<string>();
  for (const event of events) {
    if (event.anonymousId) anonymousIds.add(event.anonymousId);
    if (event.previousId) {
      anonymousIds.add(event.previousId);
      userIds.add(event.previousId);
    }
    if (event.userId) userIds.add(event.userId);
    const email =
      typeof event.traits.email === 'string'
        ? event.traits.email.trim().toLowerCase()
        : emailInEvent(event.properties, event.context);
    if (email) emails.add(email);
    if (event.type === 'page' || event.type === 'screen') visitors.add(event.anonymousId ?? `user:${event.userId}`);
  }
  const known = await loadKnownIdentities(db, {
    workspaceId,
    anonymousIds: [...anonymousIds],
    userIds: [...userIds],
    emails: [...emails],
    visitors: [...visitors],
  });
  const plan = planBatch(events, known, (at) => idAt(at.getTime()));

  // Contacts first: a race with another worker may hand back an existing id for a planned one.
  const { remap, created } = await createContacts(db, workspaceId, plan.newContacts);
  const resolve = (id: string | null) => (id === null ? null : (remap.get(id) ?? id));
  const resolveMap = (map: Map<string, string>) => new Map([...map].map(([key, id]) => [key, resolve(id)!]));

  const contactFields = new Map([...plan.contactFields].map(([id, fields]) => [resolve(id)!, fields]));
  // A planned contact that turned out to exist still brings what it knew: fill the gaps.
  for (const contact of plan.newContacts) {
    const existing = remap.get(contact.id);
    if (!existing) continue;
    contactFields.set(existing, {
      ...(contact.email ? { email: contact.email } : {}),
      ...(contact.externalId ? { externalId: contact.externalId } : {}),
      ...contactFields.get(existing),
    });
  }
  await updateContactFields(db, workspaceId, contactFields, now);
  await recordTransitions(
    db,
    workspaceId,
    created.map((contactId) => ({
      id: newId(),
      contactId,
      from: null,
      to: 'subscriber' as const,
      at: plan.newContacts.find((contact) => resolve(contact.id) === contactId)?.at ?? now,
      actorType: 'system' as const,
      rule: 'identified by the website or an integration',
    })),
  );
  await saveIdentityLinks(db, {
    workspaceId,
    anonymous: resolveMap(plan.anonymousLinks),
    userIds: resolveMap(plan.userIdLinks),
    at: now,
  });
  const stitchedInto = await attachAnonymousHistory(db, workspaceId, resolveMap(plan.stitched));

  const campaignIds = await ensureUtmCampaigns(db, {
    workspaceId,
    campaigns: plan.campaigns,
    newId: () => newId(),
    at: now,
  });
  const campaignId = (name: string | null) => (name ? (campaignIds.get(name.toLowerCase()) ?? null) : null);
  await insertActivities(
    db,
    workspaceId,
    plan.activities.map((activity) => ({
      id: idAt(activity.occurredAt.getTime()),
      contactId: resolve(activity.contactId),
      anonymousId: activity.anonymousId,
      type: activity.type,
      occurredAt: activity.occurredAt,
      title: activity.title,
      url: activity.url,
      campaignId: campaignId(activity.campaign),
      properties: activity.properties,
      messageId: activity.messageId,
    })),
    now,
  );
  await insertTouches(
    db,
    workspaceId,
    plan.touches.map((touch) => ({
      ...touch,
      id: idAt(touch.occurredAt.getTime()),
      contactId: resolve(touch.contactId),
      campaignId: campaignId(touch.campaign),
    })),
    now,
  );
  await saveVisitorSessions(db, { workspaceId, sessions: plan.sessions });

  for (const merge of plan.merges) {
    const survivorId = resolve(merge.survivorId)!;
    const mergedId = resolve(merge.mergedId)!;
    if (survivorId === mergedId) continue;
    await mergeContacts(db, {
      workspaceId,
      survivorId,
      mergedId,
      reason: merge.reason,
      actor: { type: 'system', id: null },
      at: now,
    });
  }
  await upsertGroupCompanies(db, {
    workspaceId,
    groups: plan.groups.map((group) => ({ ...group, contactId: resolve(group.contactId)! })),
    at: now,
    newId: () => newId(),
  });

  const touched = new Set<string>([
    ...created,
    ...contactFields.keys(),
    ...stitchedInto,
    ...plan.activities.map((activity) => resolve(activity.contactId)).filter((id): id is string => id !== null),
  ]);
  const withEmail = [...contactFields].filter(([, fields]) => fields.email);
  const newWithEmail = plan.newContacts.filter((contact) => contact.email);
  await linkCompaniesByEmailDomain(db, {
    workspaceId,
    contacts: [
      ...newWithEmail.map((contact) => ({
        id: resolve(contact.id)!,
        email: contact.email!,
        companyName: plan.contactFields.get(contact.id)?.companyName,
      })),
      ...withEmail.map(([id, fields]) => ({ id, email: fields.email!, companyName: fields.companyName })),
    ],
    at: now,
    newId: () => newId(),
  });
  for (const merge of plan.merges) touched.add(resolve(merge.survivorId)!);
  await refreshContactActivity(db, workspaceId, [...touched]);
  // Scores move with the activities, in the same transaction: an MQL is one the moment it qualifies.
  const scoringStarted = performance.now();
  await scoreContacts(db, workspaceId, await loadModel(db, workspaceId), {
    contactIds: [...touched],
    at: now,
    cause: 'activity',
    causeId: plan.activities.at(-1)?.messageId ?? null,
    handRaisersSince: now,
  });
  scoringSeconds.observe((performance.now() - scoringStarted) / 1000);
  return { contactIds: [...touched], activities: plan.activities.length };
}

/** Loads a partition's oldest queued events, oldest first. */
export async function loadQueuedEvents(db: Executor, partitions: number[], limit: number): Promise<QueuedEvent[]> {
  const { rows } = await db.execute<{
    workspace_id: string;
    message_id: string;
    type: QueuedEvent['type'];
    anonymous_id: string | null;
    user_id: string | null;
    event: string | null;
    name: string | null;
    group_id: string | null;
    previous_id: string | null;
    properties: Record<string, unknown>;
    traits: Record<string, unknown>;
    context: Record<string, unknown>;
    timestamp: Date;
    received_at: Date;
    queue_row: string;
  }>(sql`
    select q.ctid::text as queue_row, q.received_at, e.workspace_id, e.message_id, e.type, e.anonymous_id, e.user_id, e.event, e.name, e.group_id, e.previous_id,
           e.properties, e.traits, e.context, e."timestamp"
      from (select ctid, workspace_id, message_id, received_at from event_queue
             where partition = any(${sql.param(partitions)}::smallint[]) order by received_at limit ${limit}) q
      join events e on e.workspace_id = q.workspace_id and e.message_id = q.message_id
     order by q.received_at, e."timestamp"`);
  return rows.map((row) => ({
    workspaceId: row.workspace_id,
    messageId: row.message_id,
    type: row.type,
    anonymousId: row.anonymous_id,
    userId: row.user_id,
    event: row.event,
    name: row.name,
    groupId: row.group_id,
    previousId: row.previous_id,
    properties: row.properties,
    traits: row.traits,
    context: row.context,
    timestamp: new Date(row.timestamp),
    receivedAt: new Date(row.received_at),
    queueRow: row.queue_row,
  }));
}

export async function dequeueEvents(db: Executor, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.execute(
    sql`delete from event_queue where ctid = any(${sql.param(events.map((event) => event.queueRow))}::tid[])`,
  );
}
