import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { listProperties } from '../properties';
import type { Form, FormInput } from './form-definition';

type FormRow = {
  workspace_id: string;
  id: string;
  name: string;
  status: Form['status'];
  fields: Form['fields'];
  consent: Form['consent'];
  success: Form['success'];
  spam: Form['spam'];
  hand_raiser: boolean;
  progressive_limit: number;
  submit_label: string;
  notify_user_ids: string[];
  signing_key: string;
  created_at: Date;
  updated_at: Date;
};

const toForm = (row: FormRow): Form => ({
  workspaceId: row.workspace_id,
  id: row.id,
  name: row.name,
  status: row.status,
  fields: row.fields,
  consent: row.consent,
  success: row.success,
  spam: row.spam,
  handRaiser: row.hand_raiser,
  progressiveLimit: row.progressive_limit,
  submitLabel: row.submit_label,
  notifyUserIds: row.notify_user_ids,
  signingKey: row.signing_key,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** A form as the API shows it: everything but its signing key. */
export type FormView = Omit<Form, 'signingKey'>;
export const formView = ({ signingKey: _key, ...form }: Form): FormView => form;

/** Custom property keys and notified users must exist in the workspace: checked on save, named when not. */
async function checkReferences(ctx: AppContext, workspaceId: string, input: FormInput): Promise<void> {
  const details: { path: string; message: string }[] = [];
  const custom = input.fields.flatMap((field, index) => {
    const match = field.mapTo?.match(/^(contact|company)\.custom\.(.+)$/);
    return match ? [{ index, object: match[1]!, key: match[2]! }] : [];
  });
  if (custom.length > 0) {
    const defined = new Set((await listProperties(ctx.db, workspaceId)).map((p) => `${p.object}.${p.key}`));
    for (const { index, object, key } of custom)
      if (!defined.has(`${object}.${key}`))
        details.push({ path: `body.fields.${index}.mapTo`, message: `no custom ${object} property "${key}"` });
  }
  if (input.notifyUserIds.length > 0) {
    const { rows } = await ctx.pool.query<{ id: string }>(
      'select id from users where workspace_id = $1 and id = any($2::uuid[]) and disabled_at is null',
      [workspaceId, input.notifyUserIds],
    );
    const found = new Set(rows.map((row) => row.id));
    input.notifyUserIds.forEach((id, index) => {
      if (!found.has(id)) details.push({ path: `body.notifyUserIds.${index}`, message: 'no such active user' });
    });
  }
  if (details.length > 0)
    throw new AppError('validation_failed', `Form refers to what does not exist: ${details[0]!.message}`, { details });
}

export async function createForm(ctx: AppContext, workspaceId: string, input: FormInput): Promise<Form> {
  await checkReferences(ctx, workspaceId, input);
  const { rows } = await ctx.pool.query<FormRow>(
    `insert into forms (workspace_id, id, name, status, fields, consent, success, spam, hand_raiser, progressive_limit,
                        submit_label, notify_user_ids, signing_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning *`,
    [
      workspaceId,
      newId(),
      input.name,
      input.status,
      JSON.stringify(input.fields),
      input.consent ? JSON.stringify(input.consent) : null,
      JSON.stringify(input.success),
      JSON.stringify(input.spam),
      input.handRaiser,
      input.progressiveLimit,
      input.submitLabel,
      JSON.stringify(input.notifyUserIds),
      randomBytes(32).toString('base64url'),
    ],
  );
  return toForm(rows[0]!);
}

export async function updateForm(
  ctx: AppContext,
  workspaceId: string,
  formId: string,
  input: FormInput,
): Promise<Form> {
  await checkReferences(ctx, workspaceId, input);
  const { rows } = await ctx.pool.query<FormRow>(
    `update forms set name = $3, status = $4, fields = $5, consent = $6, success = $7, spam = $8, hand_raiser = $9,
                      progressive_limit = $10, submit_label = $11, notify_user_ids = $12, updated_at = now()
      where workspace_id = $1 and id = $2 returning *`,
    [
      workspaceId,
      formId,
      input.name,
      input.status,
      JSON.stringify(input.fields),
      input.consent ? JSON.stringify(input.consent) : null,
      JSON.stringify(input.success),
      JSON.stringify(input.spam),
      input.handRaiser,
      input.progressiveLimit,
      input.submitLabel,
      JSON.stringify(input.notifyUserIds),
    ],
  );
  if (!rows[0]) throw notFound('Form');
  forgetCachedForm(formId);
  return toForm(rows[0]);
}

export async function getForm(ctx: AppContext, workspaceId: string, formId: string): Promise<Form> {
  const { rows } = await ctx.pool.query<FormRow>('select * from forms where workspace_id = $1 and id = $2', [
    workspaceId,
    formId,
  ]);
  if (!rows[0]) throw notFound('Form');
  return toForm(rows[0]);
}

export type FormSummary = FormView & {
  submissions: number;
  spamCount: number;
  failed: number;
  lastSubmissionAt: Date | null;
};

export async function listForms(ctx: AppContext, workspaceId: string): Promise<FormSummary[]> {
  const { rows } = await ctx.pool.query<
    FormRow & { submissions: number; spam_count: number; failed: number; last_at: Date | null }
  >(
    `select f.*, coalesce(s.submissions, 0)::int as submissions, coalesce(s.spam, 0)::int as spam_count,
            coalesce(s.failed, 0)::int as failed, s.last_at
       from forms f
       left join lateral (
         select count(*) filter (where status <> 'spam') as submissions, count(*) filter (where status = 'spam') as spam,
                count(*) filter (where status = 'failed') as failed, max(received_at) as last_at
           from form_submissions fs where fs.workspace_id = f.workspace_id and fs.form_id = f.id) s on true
      where f.workspace_id = $1
      order by f.status = 'archived', f.created_at desc`,
    [workspaceId],
  );
  return rows.map((row) => ({
    ...formView(toForm(row)),
    submissions: row.submissions,
    spamCount: row.spam_count,
    failed: row.failed,
    lastSubmissionAt: row.last_at,
  }));
}

/**
 * Published forms by id, for the public endpoints: a form is read on every render and submission,
 * so it is kept a few seconds in process (an edit elsewhere shows within that time).
 */
const cache = new Map<string, { form: Form | null; until: number }>();
const CACHE_MS = 5_000;

function forgetCachedForm(formId: string) {
  cache.delete(formId);
}

/** The published form with this id, whichever workspace it is in (public routes know only the id). */
export async function findPublishedForm(ctx: AppContext, formId: string): Promise<Form> {
  const now = Date.now();
  const cached = cache.get(formId);
  let form = cached && cached.until > now ? cached.form : undefined;
  if (form === undefined) {
    const { rows } = await ctx.pool.query<FormRow>("select * from forms where id = $1 and status = 'published'", [
      formId,
    ]);
    form = rows[0] ? toForm(rows[0]) : null;
    if (cache.size > 10_000) cache.clear();
    cache.set(formId, { form, until: now + CACHE_MS });
  }
  if (!form) throw notFound('Form');
  return form;
}

/** The published form of a workspace (hosted landing pages render it). */
export async function getPublishedForm(ctx: AppContext, workspaceId: string, formId: string): Promise<Form> {
  const form = await findPublishedForm(ctx, formId);
  if (form.workspaceId !== workspaceId) throw notFound('Form');
  return form;
}
