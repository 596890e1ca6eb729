import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { sqlClientOf } from '../../core/db/sql-client';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
// The file, not the module index: routing's index imports the HTTP layer, which imports this module back.
import { cancelOpenClocks } from '../routing/sla-clocks';

/** Lifecycle stages by how far along they are; a merge keeps the furthest. */
const stageRank = `case %s when 'customer' then 7 when 'opportunity' then 6 when 'sql' then 5 when 'sal' then 4
  when 'mql' then 3 when 'lead' then 2 when 'subscriber' then 1 when 'recycled' then 1 else 0 end`;

export type MergeInput = {
  workspaceId: string;
  survivorId: string;
  mergedId: string;
  reason: string;
  actor: { type: 'user' | 'api_key' | 'system'; id: string | null };
  at: Date;
};

/**
 * Two records found to be one person become one: the survivor takes the other's history
 * (activities, touches, stage history, deals, identities), fills its own empty fields from it,
 * keeps the furthest lifecycle stage and keeps an owner; its score is then recomputed from the
 * combined history (the caller scores the survivor). The merged record stays (pointing at the survivor) with a snapshot in `contact_merges`.
 */
export async function mergeContacts(db: Executor, input: MergeInput): Promise<void> {
  const { workspaceId, survivorId, mergedId } = input;
  if (survivorId === mergedId) throw new AppError('validation_failed', 'A contact cannot be merged into itself');
  const { rows } = await db.execute<{
    id: string;
    merged_into_id: string | null;
    snapshot: Record<string, unknown>;
  }>(sql`
    select id, merged_into_id, to_jsonb(c) as snapshot from contacts c
     where workspace_id = ${workspaceId} and id in (${survivorId}, ${mergedId})
     order by id for update`);
  const survivor = rows.find((row) => row.id === survivorId);
  const merged = rows.find((row) => row.id === mergedId);
  if (!survivor || !merged) throw notFound('Contact');
  if (survivor.merged_into_id || merged.merged_into_id) {
    throw new AppError('conflict', 'One of these contacts was already merged into another');
  }
  const move = (table: string) =>
    db.execute(sql`update ${sql.identifier(table)} set contact_id = ${survivorId}
                    where workspace_id = ${workspaceId} and contact_id = ${mergedId}`);
  await move('activities');
  await move('touches');
  await db.execute(sql`
    update stage_transitions set contact_id = ${survivorId}, details = details || jsonb_build_object('mergedFrom', ${mergedId}::text)
     where workspace_id = ${workspaceId} and contact_id = ${mergedId}`);
  await db.execute(sql`
    insert into deal_contacts (workspace_id, deal_id, contact_id, role)
    select workspace_id, deal_id, ${survivorId}, role from deal_contacts where workspace_id = ${workspaceId} and contact_id = ${mergedId}
    on conflict do nothing`);
  await db.execute(sql`delete from deal_contacts where workspace_id = ${workspaceId} and contact_id = ${mergedId}`);
  await db.execute(sql`
    update identities set contact_id = ${survivorId} where workspace_id = ${workspaceId} and contact_id = ${mergedId}`);
  // Earlier merges into the merged record now point at the survivor.
  await db.execute(sql`
    update contacts set merged_into_id = ${survivorId} where workspace_id = ${workspaceId} and merged_into_id = ${mergedId}`);
  // Mark the merged record first: it leaves the unique email/user-id indexes, so the survivor may take them.
  await db.execute(sql`
    update contacts set merged_into_id = ${survivorId}, updated_at = ${input.at}
     where workspace_id = ${workspaceId} and id = ${mergedId}`);
  const rank = (column: string) => sql.raw(stageRank.replace('%s', column));
  await db.execute(sql`
    update contacts s set
      email = coalesce(s.email, m.email),
      external_id = coalesce(s.external_id, m.external_id),
      first_name = coalesce(s.first_name, m.first_name),
      last_name = coalesce(s.last_name, m.last_name),
      phone = coalesce(s.phone, m.phone),
      title = coalesce(s.title, m.title),
      seniority = coalesce(s.seniority, m.seniority),
      department = coalesce(s.department, m.department),
      company_id = coalesce(s.company_id, m.company_id),
      company_name = coalesce(s.company_name, m.company_name),
      country = coalesce(s.country, m.country),
      city = coalesce(s.city, m.city),
      source = coalesce(s.source, m.source),
      consent_status = case when s.consent_status = 'unknown' then m.consent_status else s.consent_status end,
      consent_at = coalesce(s.consent_at, m.consent_at),
      consent_text = coalesce(s.consent_text, m.consent_text),
      owner_id = coalesce(s.owner_id, m.owner_id),
      lifecycle_stage = case when ${rank('m.lifecycle_stage')} > ${rank('s.lifecycle_stage')} then m.lifecycle_stage else s.lifecycle_stage end,
      stage_changed_at = case when ${rank('m.lifecycle_stage')} > ${rank('s.lifecycle_stage')} then m.stage_changed_at else s.stage_changed_at end,
      working_status = coalesce(s.working_status, m.working_status),
      first_seen_at = least(s.first_seen_at, m.first_seen_at),
      last_activity_at = greatest(s.last_activity_at, m.last_activity_at),
      properties = m.properties || s.properties,
      updated_at = ${input.at}
    from contacts m
    where s.workspace_id = ${workspaceId} and s.id = ${survivorId} and m.workspace_id = ${workspaceId} and m.id = ${mergedId}`);
  // The merged record's user id and email keep finding the person: future calls carrying them
  // resolve to the survivor.
  await db.execute(sql`
    insert into identities (workspace_id, kind, value, contact_id, linked_at)
    select m.workspace_id, k.kind, k.value, ${survivorId}, ${input.at}
      from contacts m, lateral (values ('user_id', m.external_id), ('email', lower(m.email))) as k(kind, value)
     where m.workspace_id = ${workspaceId} and m.id = ${mergedId} and k.value is not null
    on conflict (workspace_id, kind, value) do update set contact_id = excluded.contact_id, linked_at = excluded.linked_at`);
  // The merged record's open SLA clocks stop: the survivor carries the lead (and its owner) on.
  await cancelOpenClocks(sqlClientOf(db), {
    workspaceId,
    contactId: mergedId,
    at: input.at,
    why: `merged into ${survivorId}`,
  });
  await db.execute(sql`
    insert into contact_merges (workspace_id, id, survivor_id, merged_id, at, actor_type, actor_id, reason, snapshot)
    values (${workspaceId}, ${newId()}, ${survivorId}, ${mergedId}, ${input.at}, ${input.actor.type}, ${input.actor.id},
            ${input.reason}, ${JSON.stringify(merged.snapshot)}::jsonb)`);
}
