import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import { sqlClientOf } from '../../core/db/sql-client';
import { notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { LifecycleStage, WorkingStatus } from '../contacts/schema';
// The file, not the module index: routing's index imports the HTTP layer, which imports this module back.
import { cancelOpenClocks, recordFirstTouch } from '../routing/sla-clocks';
import { publishEvent } from '../webhooks/publish-event';
import type { ActorType } from './schema';

export type Actor = { type: ActorType; id: string | null };

export type StageChange = {
  workspaceId: string;
  contactId: string;
  to: LifecycleStage;
  actor: Actor;
  at: Date;
  rule?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Moves a contact to a lifecycle stage — forward, backward or off the path (recycled,
 * disqualified) — and records the move with who or what made it and why. Moving to the stage the
 * contact is already in changes nothing. Returns the stage it came from (undefined if unchanged).
 */
export async function changeStage(db: Executor, change: StageChange): Promise<LifecycleStage | undefined> {
  const { rows } = await db.execute<{ lifecycle_stage: LifecycleStage }>(sql`
    select lifecycle_stage from contacts
     where workspace_id = ${change.workspaceId} and id = ${change.contactId} and merged_into_id is null
     for update`);
  const current = rows[0];
  if (!current) throw notFound('Contact');
  if (current.lifecycle_stage === change.to) return undefined;
  await db.execute(sql`
    update contacts set lifecycle_stage = ${change.to}, stage_changed_at = ${change.at}, updated_at = ${change.at}
     where workspace_id = ${change.workspaceId} and id = ${change.contactId}`);
  await db.execute(sql`
    insert into stage_transitions (workspace_id, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule, reason, details)
    values (${change.workspaceId}, ${newId()}, ${change.contactId}, ${current.lifecycle_stage}, ${change.to}, ${change.at},
            ${change.actor.type}, ${change.actor.id}, ${change.rule ?? null}, ${change.reason ?? null},
            ${JSON.stringify(change.details ?? {})}::jsonb)`);
  const byPerson = change.actor.type === 'user' || change.actor.type === 'api_key';
  if (current.lifecycle_stage === 'mql') {
    // Leaving MQL ends the SLA clock: a person accepting, rejecting or moving the lead has touched
    // it; a rule moving it on has not.
    if (byPerson) {
      await recordFirstTouch(sqlClientOf(db), {
        workspaceId: change.workspaceId,
        contactId: change.contactId,
        touch: `stage:${change.to}`,
        by: change.actor.id,
        at: change.at,
      });
    } else {
      await cancelOpenClocks(sqlClientOf(db), {
        workspaceId: change.workspaceId,
        contactId: change.contactId,
        at: change.at,
        why: `moved to ${change.to} by ${change.actor.type}`,
      });
    }
  }
  if (byPerson) {
    await publishEvent(sqlClientOf(db), {
      workspaceId: change.workspaceId,
      type: 'lead.stage_changed',
      data: {
        contactId: change.contactId,
        from: current.lifecycle_stage,
        to: change.to,
        actorType: change.actor.type,
        actorId: change.actor.id,
        rule: change.rule ?? null,
        reason: change.reason ?? null,
      },
      text: `A lead moved from ${current.lifecycle_stage} to ${change.to}${change.reason ? `: ${change.reason}` : ''}.`,
      at: change.at,
    });
  }
  return current.lifecycle_stage;
}

/** Sets a contact's sales working status (apart from its stage) and keeps its history. */
export async function changeWorkingStatus(
  db: Executor,
  change: { workspaceId: string; contactId: string; to: WorkingStatus; actor: Actor; at: Date; reason?: string | null },
): Promise<WorkingStatus | null | undefined> {
  const { rows } = await db.execute<{ working_status: WorkingStatus | null }>(sql`
    select working_status from contacts
     where workspace_id = ${change.workspaceId} and id = ${change.contactId} and merged_into_id is null
     for update`);
  const current = rows[0];
  if (!current) throw notFound('Contact');
  if (current.working_status === change.to) return undefined;
  await db.execute(sql`
    update contacts set working_status = ${change.to}, updated_at = ${change.at}
     where workspace_id = ${change.workspaceId} and id = ${change.contactId}`);
  await db.execute(sql`
    insert into status_changes (workspace_id, id, contact_id, from_status, to_status, at, actor_type, actor_id, reason)
    values (${change.workspaceId}, ${newId()}, ${change.contactId}, ${current.working_status}, ${change.to}, ${change.at},
            ${change.actor.type}, ${change.actor.id}, ${change.reason ?? null})`);
  if (change.to !== 'new' && (change.actor.type === 'user' || change.actor.type === 'api_key')) {
    // A rep moving the lead on (attempting, connected, …) has touched it: the SLA clock stops.
    await recordFirstTouch(sqlClientOf(db), {
      workspaceId: change.workspaceId,
      contactId: change.contactId,
      touch: `status:${change.to}`,
      by: change.actor.id,
      at: change.at,
    });
  }
  return current.working_status;
}
