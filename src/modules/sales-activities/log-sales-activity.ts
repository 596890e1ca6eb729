import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { sqlClientOf } from '../../core/db/sql-client';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type Actor, changeWorkingStatus } from '../lifecycle';
// The file, not the module index: routing's index imports the HTTP layer, which would import this module back.
import { recordFirstTouch } from '../routing/sla-clocks';
import { callOutcomes, meetingOutcomes, type SalesActivityType, salesActivities } from './schema';

export type SalesActivityInput = {
  workspaceId: string;
  contactId?: string | null;
  dealId?: string | null;
  companyId?: string | null;
  userId: string | null;
  type: SalesActivityType;
  occurredAt?: Date;
  outcome?: string | null;
  durationSeconds?: number | null;
  subject?: string | null;
  body?: string | null;
  dueAt?: Date | null;
};

/** Reaching out (call, email, meeting) is a touch by sales: it moves a new lead to attempting, or connected. */
const reachingOut: SalesActivityType[] = ['call', 'email', 'meeting'];

function checkOutcome(type: SalesActivityType, outcome: string | null | undefined) {
  if (!outcome) return;
  const allowed: readonly string[] = type === 'call' ? callOutcomes : type === 'meeting' ? meetingOutcomes : [];
  if (!allowed.includes(outcome)) {
    throw new AppError('validation_failed', `A ${type} has no outcome "${outcome}"`, {
      details: [{ path: 'body.outcome', message: allowed.length ? `one of ${allowed.join(', ')}` : 'not allowed' }],
    });
  }
}

/**
 * Logs what sales did. The lead's working status follows: a connected call (or a held meeting)
 * makes it connected; any other outreach to a new lead makes it attempting.
 */
export async function logSalesActivity(ctx: AppContext, input: SalesActivityInput, actor: Actor): Promise<string> {
  checkOutcome(input.type, input.outcome);
  if (input.type === 'task' && !input.dueAt) {
    throw new AppError('validation_failed', 'A task needs a due date', {
      details: [{ path: 'body.dueAt', message: 'required' }],
    });
  }
  if (!input.contactId && !input.dealId && !input.companyId) {
    throw new AppError('validation_failed', 'Say what this is about: a contact, a deal or a company', {
      details: [{ path: 'body.contactId', message: 'one of contactId, dealId, companyId is required' }],
    });
  }
  const id = newId();
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (input.contactId) {
      // The contact is locked before its SLA clocks, the order the SLA sweep and status changes use.
      const { rows } = await tx.execute<{ working_status: string | null }>(sql`
        select working_status from contacts where workspace_id = ${input.workspaceId} and id = ${input.contactId} and merged_into_id is null
           for update`);
      if (!rows[0]) throw notFound('Contact');
      const connected =
        (input.type === 'call' && input.outcome === 'connected') ||
        (input.type === 'meeting' && input.outcome === 'held');
      const status = rows[0].working_status;
      if (reachingOut.includes(input.type)) {
        // Reaching out is the first touch that stops the lead's SLA clock.
        await recordFirstTouch(sqlClientOf(tx), {
          workspaceId: input.workspaceId,
          contactId: input.contactId,
          touch: input.type as 'call' | 'email' | 'meeting',
          by: actor.id,
          at,
        });
        if (connected && (status === null || status === 'new' || status === 'attempting')) {
          await changeWorkingStatus(tx, {
            workspaceId: input.workspaceId,
            contactId: input.contactId,
            to: 'connected',
            actor,
            at,
            reason: `${input.type} logged`,
          });
        } else if (status === null || status === 'new') {
          await changeWorkingStatus(tx, {
            workspaceId: input.workspaceId,
            contactId: input.contactId,
            to: 'attempting',
            actor,
            at,
            reason: `${input.type} logged`,
          });
        }
      }
    }
    if (input.contactId && input.type !== 'task') {
      // Sales work is activity too: "last activity" and its sort include calls, emails and meetings.
      await tx.execute(sql`
        update contacts set last_activity_at = greatest(last_activity_at, ${input.occurredAt ?? at})
         where workspace_id = ${input.workspaceId} and id = ${input.contactId}`);
    }
    await tx.insert(salesActivities).values({
      workspaceId: input.workspaceId,
      id,
      contactId: input.contactId ?? null,
      dealId: input.dealId ?? null,
      companyId: input.companyId ?? null,
      userId: input.userId,
      type: input.type,
      occurredAt: input.occurredAt ?? at,
      outcome: input.outcome ?? null,
      durationSeconds: input.durationSeconds ?? null,
      subject: input.subject ?? null,
      body: input.body ?? null,
      dueAt: input.dueAt ?? null,
      createdAt: at,
    });
  });
  return id;
}

export async function completeTask(
  ctx: AppContext,
  input: { workspaceId: string; id: string; done: boolean },
): Promise<void> {
  const result = await ctx.db
    .update(salesActivities)
    .set({ completedAt: input.done ? ctx.clock.now() : null })
    .where(
      and(
        eq(salesActivities.workspaceId, input.workspaceId),
        eq(salesActivities.id, input.id),
        eq(salesActivities.type, 'task'),
      ),
    );
  if (!result.rowCount) throw notFound('Task');
}

export async function deleteSalesActivity(ctx: AppContext, input: { workspaceId: string; id: string }): Promise<void> {
  const result = await ctx.db
    .delete(salesActivities)
    .where(and(eq(salesActivities.workspaceId, input.workspaceId), eq(salesActivities.id, input.id)));
  if (!result.rowCount) throw notFound('Sales activity');
}

/** Open tasks, soonest due first: a user's own, or everyone's. */
export async function openTasks(ctx: AppContext, input: { workspaceId: string; userId?: string; limit: number }) {
  const { rows } = await ctx.db.execute<{
    id: string;
    subject: string | null;
    due_at: Date;
    contact_id: string | null;
    contact_name: string | null;
    user_id: string | null;
  }>(sql`
    select x.id, x.subject, x.due_at, x.contact_id, x.user_id,
           nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as contact_name
      from sales_activities x left join contacts c on c.workspace_id = x.workspace_id and c.id = x.contact_id
     where x.workspace_id = ${input.workspaceId} and x.type = 'task' and x.completed_at is null
       ${input.userId ? sql`and x.user_id = ${input.userId}` : sql``}
     order by x.due_at limit ${input.limit}`);
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    dueAt: new Date(row.due_at),
    contactId: row.contact_id,
    contactName: row.contact_name,
    userId: row.user_id,
  }));
}

/** Who logged an activity and about whom: for the checks before changing or deleting it. */
export async function salesActivityOwner(ctx: AppContext, workspaceId: string, id: string) {
  const [row] = await ctx.db
    .select({ userId: salesActivities.userId, contactId: salesActivities.contactId })
    .from(salesActivities)
    .where(and(eq(salesActivities.workspaceId, workspaceId), eq(salesActivities.id, id)));
  if (!row) throw notFound('Sales activity');
  return row;
}
