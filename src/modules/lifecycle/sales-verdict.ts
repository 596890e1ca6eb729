import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { AppError, notFound } from '../../core/errors';
import type { LifecycleStage } from '../contacts/schema';
import { currentScoreSql } from '../contacts/score-sql';
import { type Actor, changeStage, changeWorkingStatus } from './change-stage';
import { getRejectionReason } from './rejection-reasons';
import type { RejectionOutcome } from './schema';

const acceptable: LifecycleStage[] = ['mql'];
const rejectable: LifecycleStage[] = ['mql', 'sal'];

async function lockedContact(tx: Executor, workspaceId: string, contactId: string) {
  const { rows } = await tx.execute<{
    lifecycle_stage: LifecycleStage;
    working_status: string | null;
    owner_id: string | null;
    score: number;
    grade: string | null;
  }>(sql`
    select c.lifecycle_stage, c.working_status, c.owner_id, ${currentScoreSql('s', workspaceId, new Date())} as score, s.grade
      from contacts c join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
     where c.workspace_id = ${workspaceId} and c.id = ${contactId} and c.merged_into_id is null for update of c`);
  if (!rows[0]) throw notFound('Contact');
  return rows[0];
}

/**
 * Sales accepts a marketing-qualified lead: MQL → SAL. An unowned lead becomes the accepter's, and a
 * lead turned back before starts afresh (working status new).
 */
export async function acceptLead(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; actor: Actor; note?: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const contact = await lockedContact(tx, input.workspaceId, input.contactId);
    if (!acceptable.includes(contact.lifecycle_stage)) {
      throw new AppError('conflict', `Only an MQL can be accepted; this lead is ${contact.lifecycle_stage}`);
    }
    const at = ctx.clock.now();
    await changeStage(tx, {
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      to: 'sal',
      actor: input.actor,
      at,
      reason: input.note ?? null,
      details: { accepted: true, score: contact.score, grade: contact.grade },
    });
    if (contact.working_status === null || contact.working_status === 'unqualified') {
      await changeWorkingStatus(tx, {
        workspaceId: input.workspaceId,
        contactId: input.contactId,
        to: 'new',
        actor: input.actor,
        at,
        reason: 'accepted by sales',
      });
    }
    if (!contact.owner_id && input.actor.type === 'user') {
      await tx.execute(
        sql`update contacts set owner_id = ${input.actor.id} where workspace_id = ${input.workspaceId} and id = ${input.contactId}`,
      );
    }
  });
}

/**
 * Sales turns a lead back with a reason from the workspace's taxonomy (and optional words): it is
 * recycled to nurture or disqualified — the reason's usual outcome unless the rep chose the other.
 * The reason is stored on the stage transition, where reports read it.
 */
export async function rejectLead(
  ctx: AppContext,
  input: {
    workspaceId: string;
    contactId: string;
    actor: Actor;
    reason: string;
    note?: string;
    outcome?: RejectionOutcome;
  },
): Promise<{ outcome: RejectionOutcome }> {
  return ctx.db.transaction(async (tx) => {
    const reason = await getRejectionReason(tx, input.workspaceId, input.reason);
    if (reason.archived) {
      throw new AppError('validation_failed', `The reason "${reason.label}" is archived`, {
        details: [{ path: 'body.reason', message: 'archived' }],
      });
    }
    const contact = await lockedContact(tx, input.workspaceId, input.contactId);
    if (!rejectable.includes(contact.lifecycle_stage)) {
      throw new AppError('conflict', `Only an MQL or SAL can be rejected; this lead is ${contact.lifecycle_stage}`);
    }
    const outcome = input.outcome ?? reason.defaultOutcome;
    const at = ctx.clock.now();
    await changeStage(tx, {
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      to: outcome === 'recycle' ? 'recycled' : 'disqualified',
      actor: input.actor,
      at,
      reason: input.note ?? reason.label,
      details: {
        rejection: { reason: reason.code, label: reason.label, note: input.note ?? null, outcome },
        score: contact.score,
        grade: contact.grade,
      },
    });
    await changeWorkingStatus(tx, {
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      to: 'unqualified',
      actor: input.actor,
      at,
      reason: reason.label,
    });
    return { outcome };
  });
}
