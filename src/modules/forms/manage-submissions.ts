import type { Readable } from 'node:stream';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { enqueueJob } from '../../core/jobs/enqueue-job';
import { cursorCsv } from '../imports/csv-format';
import { getForm } from './manage-forms';
import type { SubmissionStatus } from './schema';

export type SubmissionView = {
  id: string;
  formId: string;
  formName: string;
  receivedAt: Date;
  status: SubmissionStatus;
  values: Record<string, string | string[]>;
  context: Record<string, unknown>;
  anonymousId: string | null;
  email: string | null;
  contactId: string | null;
  spamReason: string | null;
  error: string | null;
  attempts: number;
  processedAt: Date | null;
};

type Row = {
  id: string;
  form_id: string;
  form_name: string;
  received_at: Date;
  status: SubmissionStatus;
  values: Record<string, string | string[]>;
  context: Record<string, unknown>;
  anonymous_id: string | null;
  email: string | null;
  contact_id: string | null;
  spam_reason: string | null;
  error: string | null;
  attempts: number;
  processed_at: Date | null;
};

const toView = (row: Row): SubmissionView => ({
  id: row.id,
  formId: row.form_id,
  formName: row.form_name,
  receivedAt: row.received_at,
  status: row.status,
  values: row.values,
  context: row.context,
  anonymousId: row.anonymous_id,
  email: row.email,
  contactId: row.contact_id,
  spamReason: row.spam_reason,
  error: row.error,
  attempts: row.attempts,
  processedAt: row.processed_at,
});

const SELECT = `select s.id, s.form_id, f.name as form_name, s.received_at, s.status, s.values, s.context, s.anonymous_id,
                       s.email, s.contact_id, s.spam_reason, s.error, s.attempts, s.processed_at
                  from form_submissions s join forms f on f.workspace_id = s.workspace_id and f.id = s.form_id`;

export type SubmissionFilter = { formId?: string; status?: SubmissionStatus; inbox?: boolean };

/** `inbox`: everything but spam (the default list); `status` narrows to one. */
function where(workspaceId: string, filter: SubmissionFilter, params: unknown[]): string {
  params.push(workspaceId);
  const parts = ['s.workspace_id = $1'];
  if (filter.formId) {
    params.push(filter.formId);
    parts.push(`s.form_id = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    parts.push(`s.status = $${params.length}`);
  } else if (filter.inbox) parts.push(`s.status <> 'spam'`);
  return parts.join(' and ');
}

export async function listSubmissions(
  ctx: AppContext,
  workspaceId: string,
  filter: SubmissionFilter & { limit: number; cursor?: string },
): Promise<{ items: SubmissionView[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  let condition = where(workspaceId, filter, params);
  if (filter.cursor) {
    const cursor = decodeCursor<{ at: string; id: string }>(
      filter.cursor,
      (c) => typeof c.at === 'string' && typeof c.id === 'string',
    );
    params.push(cursor.at, cursor.id);
    condition += ` and (s.received_at, s.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  params.push(filter.limit + 1);
  const { rows } = await ctx.pool.query<Row>(
    `${SELECT} where ${condition} order by s.received_at desc, s.id desc limit $${params.length}`,
    params,
  );
  const items = rows.slice(0, filter.limit).map(toView);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor({ at: last.receivedAt.toISOString(), id: last.id }) : null,
  };
}

export async function getSubmission(ctx: AppContext, workspaceId: string, id: string): Promise<SubmissionView> {
  const { rows } = await ctx.pool.query<Row>(`${SELECT} where s.workspace_id = $1 and s.id = $2`, [workspaceId, id]);
  if (!rows[0]) throw notFound('Submission');
  return toView(rows[0]);
}

/**
 * Processes a submission again: a failed one (after its cause is fixed), or one taken out of the
 * spam folder ("not spam"). A processed submission is not processed twice.
 */
export async function requeueSubmission(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  from: 'failed' | 'spam',
): Promise<SubmissionView> {
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ status: SubmissionStatus }>(
      'select status from form_submissions where workspace_id = $1 and id = $2 for update',
      [workspaceId, id],
    );
    const status = rows[0]?.status;
    if (!status) throw notFound('Submission');
    const allowed = from === 'spam' ? status === 'spam' : status === 'failed' || status === 'pending';
    if (!allowed)
      throw new AppError(
        'conflict',
        from === 'spam'
          ? `Only spam can be marked not spam (this one is ${status})`
          : `Only a failed submission is retried (this one is ${status})`,
      );
    await client.query(
      "update form_submissions set status = 'pending', error = null, spam_reason = case when status = 'spam' then null else spam_reason end where workspace_id = $1 and id = $2",
      [workspaceId, id],
    );
    await enqueueJob(
      client,
      'forms.process',
      { workspaceId, submissionId: id },
      { maxAttempts: 10, jobKey: `forms.process:${id}` },
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return getSubmission(ctx, workspaceId, id);
}

/** Marks a submission as spam by hand: it leaves the inbox, and stays recoverable. */
export async function markSpam(ctx: AppContext, workspaceId: string, id: string): Promise<SubmissionView> {
  const { rowCount } = await ctx.pool.query(
    "update form_submissions set status = 'spam', spam_reason = 'marked as spam by hand' where workspace_id = $1 and id = $2 and status in ('pending', 'failed')",
    [workspaceId, id],
  );
  if (!rowCount) {
    const current = await getSubmission(ctx, workspaceId, id);
    throw new AppError('conflict', `A ${current.status} submission cannot be marked as spam`);
  }
  return getSubmission(ctx, workspaceId, id);
}

/**
 * Submissions as CSV: the form's fields as columns (for one form), else all answers as one JSON
 * column. Every cell is guarded against spreadsheet formulas.
 */
export async function exportSubmissions(
  ctx: AppContext,
  workspaceId: string,
  filter: SubmissionFilter,
): Promise<Readable> {
  const form = filter.formId ? await getForm(ctx, workspaceId, filter.formId) : undefined;
  const params: unknown[] = [];
  const condition = where(workspaceId, filter, params);
  const fieldNames = form ? [...form.fields.map((field) => field.name), ...(form.consent ? ['consent'] : [])] : [];
  const fixed = [
    'id',
    'form',
    'received_at',
    'status',
    'email',
    'contact_id',
    'spam_reason',
    'error',
    'page_url',
    'referrer',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'ip',
  ];
  return cursorCsv<Row>(ctx, {
    header: form ? [...fixed, ...fieldNames] : [...fixed, 'values'],
    text: `${SELECT} where ${condition} order by s.received_at desc, s.id desc`,
    params,
    row: (row) => {
      const utm = (row.context.utm ?? {}) as Record<string, string>;
      const base = [
        row.id,
        row.form_name,
        row.received_at,
        row.status,
        row.email,
        row.contact_id,
        row.spam_reason,
        row.error,
        row.context.pageUrl,
        row.context.referrer,
        utm.source,
        utm.medium,
        utm.campaign,
        row.context.ip,
      ];
      return form ? [...base, ...fieldNames.map((name) => row.values[name])] : [...base, row.values];
    },
  });
}
