import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { AppError, notFound } from '../../core/errors';
import { type RejectionOutcome, rejectionReasons } from './schema';

/** The taxonomy every workspace starts with; admins and managers edit it in Settings. */
export const defaultRejectionReasons: { code: string; label: string; defaultOutcome: RejectionOutcome }[] = [
  { code: 'bad_fit', label: 'Bad fit', defaultOutcome: 'disqualify' },
  { code: 'wrong_timing', label: 'Wrong timing', defaultOutcome: 'recycle' },
  { code: 'no_budget', label: 'No budget', defaultOutcome: 'recycle' },
  { code: 'student_or_job_seeker', label: 'Student or job seeker', defaultOutcome: 'disqualify' },
  { code: 'competitor', label: 'Competitor', defaultOutcome: 'disqualify' },
  { code: 'duplicate', label: 'Duplicate', defaultOutcome: 'disqualify' },
  { code: 'bad_contact_data', label: 'Bad contact data', defaultOutcome: 'disqualify' },
  { code: 'not_interested', label: 'Not interested', defaultOutcome: 'recycle' },
  { code: 'no_response', label: 'No response after several attempts', defaultOutcome: 'recycle' },
  { code: 'other', label: 'Other', defaultOutcome: 'recycle' },
];

export type RejectionReason = {
  code: string;
  label: string;
  defaultOutcome: RejectionOutcome;
  position: number;
  archived: boolean;
};

const columns = {
  code: rejectionReasons.code,
  label: rejectionReasons.label,
  defaultOutcome: rejectionReasons.defaultOutcome,
  position: rejectionReasons.position,
  archived: rejectionReasons.archived,
};

/** The workspace's reasons, creating the defaults the first time anyone asks. */
export async function listRejectionReasons(db: Executor, workspaceId: string): Promise<RejectionReason[]> {
  const found = await db
    .select(columns)
    .from(rejectionReasons)
    .where(eq(rejectionReasons.workspaceId, workspaceId))
    .orderBy(asc(rejectionReasons.position), asc(rejectionReasons.code));
  if (found.length > 0) return found;
  await db
    .insert(rejectionReasons)
    .values(defaultRejectionReasons.map((reason, position) => ({ ...reason, workspaceId, position })))
    .onConflictDoNothing();
  return db
    .select(columns)
    .from(rejectionReasons)
    .where(eq(rejectionReasons.workspaceId, workspaceId))
    .orderBy(asc(rejectionReasons.position), asc(rejectionReasons.code));
}

export async function getRejectionReason(db: Executor, workspaceId: string, code: string): Promise<RejectionReason> {
  const reason = (await listRejectionReasons(db, workspaceId)).find((candidate) => candidate.code === code);
  if (!reason) {
    throw new AppError('validation_failed', `No rejection reason "${code}"`, {
      details: [{ path: 'body.reason', message: 'not in the workspace’s rejection reasons' }],
    });
  }
  return reason;
}

export async function saveRejectionReason(
  ctx: AppContext,
  input: { workspaceId: string; code: string; label: string; defaultOutcome: RejectionOutcome; archived?: boolean },
): Promise<RejectionReason> {
  await listRejectionReasons(ctx.db, input.workspaceId);
  const [row] = await ctx.db
    .insert(rejectionReasons)
    .values({
      workspaceId: input.workspaceId,
      code: input.code,
      label: input.label,
      defaultOutcome: input.defaultOutcome,
      archived: input.archived ?? false,
      position: sql`(select coalesce(max(position), -1) + 1 from rejection_reasons where workspace_id = ${input.workspaceId})`,
    })
    .onConflictDoUpdate({
      target: [rejectionReasons.workspaceId, rejectionReasons.code],
      // Renaming does not bring an archived reason back: only an explicit `archived` changes it.
      set: {
        label: input.label,
        defaultOutcome: input.defaultOutcome,
        ...(input.archived === undefined ? {} : { archived: input.archived }),
      },
    })
    .returning(columns);
  return row!;
}

export async function archiveRejectionReason(ctx: AppContext, workspaceId: string, code: string): Promise<void> {
  const result = await ctx.db
    .update(rejectionReasons)
    .set({ archived: true })
    .where(and(eq(rejectionReasons.workspaceId, workspaceId), eq(rejectionReasons.code, code)));
  if (!result.rowCount) throw notFound('Rejection reason');
}
