import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/connect';
import type { LifecycleStage } from '../contacts';
import type { ActorType } from './schema';

export type TransitionRow = {
  id: string;
  contactId: string;
  from: LifecycleStage | null;
  to: LifecycleStage;
  at: Date;
  actorType: ActorType;
  actorId?: string | null;
  rule?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
};

/** Appends stage transitions to the history (the contact's current stage is the caller's to set). */
export async function recordTransitions(db: Executor, workspaceId: string, rows: TransitionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((row) => ({
    id: row.id,
    contact_id: row.contactId,
    from_stage: row.from,
    to_stage: row.to,
    at: row.at,
    actor_type: row.actorType,
    actor_id: row.actorId ?? null,
    rule: row.rule ?? null,
    reason: row.reason ?? null,
    details: row.details ?? {},
  }));
  await db.execute(sql`
    insert into stage_transitions (workspace_id, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule, reason, details)
    select ${workspaceId}, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule, reason, details
      from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as r(
        id uuid, contact_id uuid, from_stage text, to_stage text, at timestamptz, actor_type text, actor_id uuid,
        rule text, reason text, details jsonb)`);
}
