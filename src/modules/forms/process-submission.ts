import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { sqlClientOf } from '../../core/db/sql-client';
import { isUuid, newId } from '../../core/ids';
import { enqueueJob } from '../../core/jobs/enqueue-job';
import { classifySource } from '../campaigns';
import { createContacts, updateContactFields } from '../contacts';
import { recordConversionEvents } from '../conversions';
import type { Form } from './form-definition';
import { getForm } from './manage-forms';
import { type SubmissionEffects, submissionEffects } from './submission-effects';
import type { RawValues } from './validate-submission';

type SubmissionRow = {
  workspace_id: string;
  id: string;
  form_id: string;
  received_at: Date;
  values: RawValues;
  context: Record<string, unknown>;
  anonymous_id: string | null;
  attempts: number;
};

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * Applies stored submissions of one workspace: for each, the contact (found by email, else by the
 * visitor's anonymous id, else created), its fields, custom properties, consent and original
 * source; then the submission goes through the event pipeline as a Segment identify and a 'Form
 * Submitted' track, so stitching, the form_submit activity, scoring (the hand-raiser rule) and
 * routing happen exactly as for any tracked form. A batch is one transaction of a few set-based
 * statements; if it fails, each submission is tried alone, and one that fails alone is left
 * `failed` with its error for the job's retry (or a person, from the submissions list).
 * Returns how many were processed; throws the first failure after trying them all.
 */
export async function processSubmissions(
  ctx: AppContext,
  input: { workspaceId: string; submissionIds: string[] },
): Promise<number> {
  if (input.submissionIds.length === 0) return 0;
  const { rows } = await ctx.pool.query<SubmissionRow>(
    `update form_submissions set attempts = attempts + 1
      where workspace_id = $1 and id = any($2::uuid[]) and status in ('pending', 'failed')
      returning workspace_id, id, form_id, received_at, values, context, anonymous_id, attempts`,
    [input.workspaceId, input.submissionIds],
  );
  if (rows.length === 0) return 0;
  // In arrival order: ids are monotonic UUIDv7 made on arrival; received_at may tie within a millisecond.
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const forms = new Map<string, Form>();
  let failure: unknown;
  const attempt = async (batch: SubmissionRow[]) => {
    try {
      for (const formId of new Set(batch.map((row) => row.form_id)))
        if (!forms.has(formId)) forms.set(formId, await getForm(ctx, input.workspaceId, formId));
      return await ctx.db.transaction((tx) => applySubmissions(ctx, tx, input.workspaceId, batch, forms));
    } catch (error) {
      if (batch.length > 1) return undefined;
      failure ??= error;
      await ctx.pool.query(
        "update form_submissions set status = 'failed', error = $3 where workspace_id = $1 and id = $2",
        [input.workspaceId, batch[0]!.id, errorText(error)],
      );
      return 0;
    }
  };
  let processed = await attempt(rows);
  if (processed === undefined) {
    processed = 0;
    for (const row of rows) processed += (await attempt([row])) ?? 0;
  }
  if (failure) throw failure;
  return processed;
}

/** One submission (a retry from the submissions list, the tests). */
export async function processSubmission(
  ctx: AppContext,
  input: { workspaceId: string; submissionId: string },
): Promise<'processed' | 'skipped'> {
  const processed = await processSubmissions(ctx, {
    workspaceId: input.workspaceId,
    submissionIds: [input.submissionId],
  });
  return processed > 0 ? 'processed' : 'skipped';
}

/** What one submission makes: read from its answers and context without I/O. */
type Plan = {
  row: SubmissionRow;
  form: Form;
  effects: SubmissionEffects;
  utm: Record<string, string>;
  channel: string;
  consentText: string | null;
  sourceDetail: string | null;
  contactId: string | null;
};

/** The batch's writes, in the caller's transaction. Returns how many submissions it processed. */
async function applySubmissions(
  ctx: AppContext,
  tx: Executor,
  workspaceId: string,
  batch: SubmissionRow[],
  forms: Map<string, Form>,
): Promise<number> {
  const db = sqlClientOf(tx);
  // Locked, and skipped if another run processed them meanwhile.
  const { rows: locked } = await db.query<{ id: string; status: string }>(
    `select id, status from form_submissions where workspace_id = $1 and id = any($2::uuid[]) for update`,
    [workspaceId, batch.map((row) => row.id)],
  );
  const done = new Set(
    locked.filter((row) => row.status === 'processed' || row.status === 'spam').map((row) => row.id),
  );
  const plans: Plan[] = batch
    .filter((row) => !done.has(row.id))
    .map((row) => {
      const form = forms.get(row.form_id)!;
      const utm = (row.context.utm ?? {}) as Record<string, string>;
      const source = classifySource({ utm, referrer: str(row.context.referrer), url: str(row.context.pageUrl) });
      return {
        row,
        form,
        effects: submissionEffects(form, row.values),
        utm,
        channel: source.channel,
        consentText: form.consent && row.context.consentGiven === true ? form.consent.text : null,
        sourceDetail: utm.source ?? hostOf(str(row.context.referrer)) ?? null,
        contactId: null,
      };
    });
  if (plans.length === 0) return 0;
  await resolveContacts(tx, workspaceId, plans);
  await updateContacts(tx, workspaceId, plans);
  await storeEvents(tx, workspaceId, plans);
  const idOrNull = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value : null);
  await recordConversionEvents(
    db,
    plans.map(({ row, form, contactId, channel, utm }) => {
      const variant = str(row.context.variantId);
      return {
        workspaceId,
        step: 'submission' as const,
        at: row.received_at,
        anonymousId: row.anonymous_id,
        contactId,
        formId: form.id,
        landingPageId: idOrNull(row.context.landingPageId),
        variantId: variant && /^[A-Za-z0-9_-]{1,40}$/.test(variant) ? variant : null,
        ctaId: idOrNull(row.context.ctaId),
        source: channel,
        campaign: utm.campaign ?? null,
      };
    }),
  );
  await db.query(
    `update form_submissions s set status = 'processed', contact_id = u.contact_id, processed_at = $2, error = null
       from jsonb_to_recordset($3::jsonb) as u(id uuid, contact_id uuid)
      where s.workspace_id = $1 and s.id = u.id`,
    [
      workspaceId,
      ctx.clock.now(),
      JSON.stringify(plans.map((plan) => ({ id: plan.row.id, contact_id: plan.contactId }))),
    ],
  );
  for (const { row, form } of plans) {
    if (form.notifyUserIds.length === 0) continue;
    await enqueueJob(
      db,
      'forms.notify',
      { workspaceId, submissionId: row.id },
      { maxAttempts: 5, jobKey: `forms.notify:${row.id}` },
    );
  }
  return plans.length;
}

/**
 * Each submission's contact: the one with its email, else the one behind its visitor cookie
 * (a shared device: only if the emails do not disagree), else a new one for its email. Two
 * submissions of one new email in a batch share the contact made for the first.
 */
async function resolveContacts(tx: Executor, workspaceId: string, plans: Plan[]): Promise<void> {
  const db = sqlClientOf(tx);
  const emails = [...new Set(plans.flatMap((plan) => (plan.effects.email ? [plan.effects.email] : [])))];
  const { rows: byEmailRows } = emails.length
    ? await db.query<{ id: string; email: string }>(
        `select distinct on (lower(email)) id, lower(email) as email from contacts
          where workspace_id = $1 and lower(email) = any($2::text[]) and merged_into_id is null
          order by lower(email), created_at`,
        [workspaceId, emails],
      )
    : { rows: [] };
  const byEmail = new Map(byEmailRows.map((row) => [row.email, row.id]));
  const visitors = [
    ...new Set(
      plans.flatMap((plan) =>
        plan.row.anonymous_id && !(plan.effects.email && byEmail.has(plan.effects.email))
          ? [plan.row.anonymous_id]
          : [],
      ),
    ),
  ];
  const { rows: byVisitorRows } = visitors.length
    ? await db.query<{ value: string; id: string; email: string | null }>(
        `select i.value, c.id, lower(c.email) as email from identities i
           join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id and c.merged_into_id is null
          where i.workspace_id = $1 and i.kind = 'anonymous' and i.value = any($2::text[])`,
        [workspaceId, visitors],
      )
    : { rows: [] };
  const byVisitor = new Map(byVisitorRows.map((row) => [row.value, row]));
  const planned = new Map<string, { id: string; email: string; externalId: null; at: Date }>();
  for (const plan of plans) {
    const email = plan.effects.email;
    const candidate = plan.row.anonymous_id ? byVisitor.get(plan.row.anonymous_id) : undefined;
    plan.contactId =
      (email ? byEmail.get(email) : undefined) ??
      (candidate && (!email || !candidate.email || candidate.email === email) ? candidate.id : undefined) ??
      (email ? planned.get(email)?.id : undefined) ??
      null;
    if (plan.contactId && email && candidate?.id === plan.contactId && !candidate.email) {
      // The device's contact now has this email: a later submission from it with another email is someone else.
      candidate.email = email;
      byEmail.set(email, candidate.id);
    }
    if (!plan.contactId && email) {
      const contact = { id: newId(), email, externalId: null, at: plan.row.received_at };
      planned.set(email, contact);
      plan.contactId = contact.id;
    }
  }
  if (planned.size === 0) return;
  // A race with the pipeline or another worker may hand back an existing contact for a planned one.
  const { remap } = await createContacts(tx, workspaceId, [...planned.values()]);
  for (const plan of plans) if (plan.contactId) plan.contactId = remap.get(plan.contactId) ?? plan.contactId;
}

/**
 * The contacts' fields, custom properties, consent and first source, and their companies' custom
 * properties: later submissions of one contact win, as if applied one after another.
 */
async function updateContacts(tx: Executor, workspaceId: string, plans: Plan[]): Promise<void> {
  type Update = {
    id: string;
    properties: Record<string, unknown>;
    company_properties: Record<string, unknown>;
    consent_text: string | null;
    consent_at: Date | null;
    channel: string;
    source_detail: string | null;
  };
  const fields = new Map<string, SubmissionEffects['contact']>();
  const updates = new Map<string, Update>();
  let latest = plans[0]!.row.received_at;
  for (const plan of plans) {
    if (!plan.contactId) continue;
    if (plan.row.received_at > latest) latest = plan.row.received_at;
    fields.set(plan.contactId, { ...fields.get(plan.contactId), ...plan.effects.contact });
    const update = updates.get(plan.contactId) ?? {
      id: plan.contactId,
      properties: {},
      company_properties: {},
      consent_text: null,
      consent_at: null,
      // The first submission's source is the one kept for a contact without one.
      channel: plan.channel,
      source_detail: plan.sourceDetail,
    };
    Object.assign(update.properties, plan.effects.contactProperties);
    Object.assign(update.company_properties, plan.effects.companyProperties);
    if (plan.consentText) {
      update.consent_text = plan.consentText;
      update.consent_at = plan.row.received_at;
    }
    updates.set(plan.contactId, update);
  }
  if (updates.size === 0) return;
  await updateContactFields(tx, workspaceId, fields, latest);
  const db = sqlClientOf(tx);
  const rows = JSON.stringify([...updates.values()]);
  await db.query(
    `update contacts c set
       properties = c.properties || u.properties,
       consent_status = case when u.consent_text is null then c.consent_status else 'granted' end,
       consent_at = coalesce(u.consent_at, c.consent_at),
       consent_text = coalesce(u.consent_text, c.consent_text),
       source = coalesce(c.source, u.channel),
       source_detail = case when c.source is null then u.source_detail else c.source_detail end
      from jsonb_to_recordset($2::jsonb) as u(id uuid, properties jsonb, consent_text text, consent_at timestamptz,
                                             channel text, source_detail text)
     where c.workspace_id = $1 and c.id = u.id`,
    [workspaceId, rows],
  );
  // Company answers, merged per company in the order given (two contacts may share one company).
  const withCompanyAnswers = [...updates.values()].filter(
    (update) => Object.keys(update.company_properties).length > 0,
  );
  if (withCompanyAnswers.length === 0) return;
  const { rows: linked } = await db.query<{ id: string; company_id: string }>(
    `select id, company_id from contacts where workspace_id = $1 and id = any($2::uuid[]) and company_id is not null`,
    [workspaceId, withCompanyAnswers.map((update) => update.id)],
  );
  const companyOf = new Map(linked.map((row) => [row.id, row.company_id]));
  const byCompany = new Map<string, Record<string, unknown>>();
  for (const plan of plans) {
    const companyId = plan.contactId ? companyOf.get(plan.contactId) : undefined;
    if (companyId) byCompany.set(companyId, { ...byCompany.get(companyId), ...plan.effects.companyProperties });
  }
  await db.query(
    `update companies co set properties = co.properties || u.properties, updated_at = now()
       from jsonb_to_recordset($2::jsonb) as u(id uuid, properties jsonb)
      where co.workspace_id = $1 and co.id = u.id`,
    [workspaceId, JSON.stringify([...byCompany].map(([id, properties]) => ({ id, properties })))],
  );
}
/** The database's own words when a query failed (drizzle wraps them with the whole query). */
function errorText(error: unknown): string {
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current?.cause && typeof current.cause === 'object') current = current.cause as typeof current;
  return String(current?.message ?? error).slice(0, 1000);
}

function hostOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hands the submissions to the event pipeline: rows in `events` (whose trigger queues them), keyed
 * by the submission, so a retried job stores them once.
 */
async function storeEvents(tx: Executor, workspaceId: string, plans: Plan[]): Promise<void> {
  const rows = plans.flatMap(({ row, form, effects, utm }) => {
    const context = row.context;
    const anonymousId = row.anonymous_id ?? `form-${row.id}`;
    const eventContext = {
      ip: context.ip,
      userAgent: context.userAgent,
      page: { url: context.pageUrl, referrer: context.referrer, title: context.pageTitle },
      campaign: { source: utm.source, medium: utm.medium, name: utm.campaign, term: utm.term, content: utm.content },
      ...(effects.email ? { traits: { email: effects.email } } : {}),
    };
    const common = { anonymous_id: anonymousId, context: eventContext, timestamp: row.received_at };
    const identify =
      effects.email || Object.keys(effects.contact).length > 0
        ? {
            ...effects.contact,
            ...(Object.keys(effects.company).length > 0 ? { company: effects.company } : {}),
          }
        : null;
    return [
      ...(identify
        ? [
            {
              ...common,
              message_id: `form-${row.id}-identify`,
              type: 'identify',
              event: null,
              properties: {},
              traits: identify,
            },
          ]
        : []),
      {
        ...common,
        message_id: `form-${row.id}`,
        type: 'track',
        event: 'Form Submitted',
        properties: {
          form: form.name,
          formId: form.id,
          submissionId: row.id,
          fields: { ...row.values },
          ...(effects.email ? { email: effects.email } : {}),
          ...(effects.comments ? { comments: effects.comments } : {}),
          ...(form.handRaiser ? { handRaiser: true } : {}),
          ...(str(context.pageUrl) ? { url: str(context.pageUrl) } : {}),
        },
        traits: {},
      },
    ];
  });
  await sqlClientOf(tx).query(
    `insert into events (workspace_id, message_id, type, anonymous_id, event, properties, traits, context, "timestamp", received_at)
     select $1, r.message_id, r.type, r.anonymous_id, r.event, r.properties, r.traits, r.context, r."timestamp",
            -- A microsecond apart, so the pipeline applies one person's submissions in the order they came.
            now() + r.n * interval '1 microsecond'
       from jsonb_to_recordset($2::jsonb) as r(message_id text, type text, anonymous_id text, event text,
            properties jsonb, traits jsonb, context jsonb, "timestamp" timestamptz, n int)
     on conflict (workspace_id, message_id) do nothing`,
    [workspaceId, JSON.stringify(rows.map((row, n) => ({ ...row, n })))],
  );
}
