import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { sqlClientOf } from '../../core/db/sql-client';
import { isUuid, newId } from '../../core/ids';
import { enqueueJob } from '../../core/jobs/enqueue-job';
import { classifySource } from '../campaigns';
import { createContacts, updateContactFields } from '../contacts';
import { recordConversionEvent } from '../conversions/record-conversion';
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
 * Applies a stored submission: the contact (found by email, else by the visitor's anonymous id,
 * else created), its fields, custom properties, consent and original source; then the submission
 * goes through the event pipeline as a Segment identify and a 'Form Submitted' track, so stitching,
 * the form_submit activity, scoring (the hand-raiser rule) and routing happen exactly as for any
 * tracked form. All in one transaction: a failure leaves the submission `failed` with its error,
 * and the job (or a person, from the submissions list) tries again.
 */
export async function processSubmission(
  ctx: AppContext,
  input: { workspaceId: string; submissionId: string },
): Promise<'processed' | 'skipped'> {
  const { rows } = await ctx.pool.query<SubmissionRow>(
    `update form_submissions set attempts = attempts + 1
      where workspace_id = $1 and id = $2 and status in ('pending', 'failed')
      returning workspace_id, id, form_id, received_at, values, context, anonymous_id, attempts`,
    [input.workspaceId, input.submissionId],
  );
  const submission = rows[0];
  if (!submission) return 'skipped';
  try {
    const form = await getForm(ctx, submission.workspace_id, submission.form_id);
    await ctx.db.transaction(async (tx) => {
      const locked = await tx.execute<{ status: string }>(
        sql`select status from form_submissions where workspace_id = ${submission.workspace_id} and id = ${submission.id} for update`,
      );
      if (locked.rows[0]?.status === 'processed' || locked.rows[0]?.status === 'spam') return;
      const effects = submissionEffects(form, submission.values);
      const context = submission.context;
      const utm = (context.utm ?? {}) as Record<string, string>;
      const source = classifySource({ utm, referrer: str(context.referrer), url: str(context.pageUrl) });
      const contactId = await upsertContact(tx, submission, effects, {
        consentText: form.consent && context.consentGiven === true ? form.consent.text : null,
        channel: source.channel,
        sourceDetail: utm.source ?? hostOf(str(context.referrer)) ?? null,
      });
      const anonymousId = submission.anonymous_id ?? `form-${submission.id}`;
      const answers = { ...submission.values };
      await storeEvents(tx, submission, {
        anonymousId,
        identify:
          effects.email || Object.keys(effects.contact).length > 0
            ? { ...effects.contact, ...(Object.keys(effects.company).length > 0 ? { company: effects.company } : {}) }
            : null,
        properties: {
          form: form.name,
          formId: form.id,
          submissionId: submission.id,
          fields: answers,
          ...(effects.email ? { email: effects.email } : {}),
          ...(effects.comments ? { comments: effects.comments } : {}),
          ...(form.handRaiser ? { handRaiser: true } : {}),
          ...(str(context.pageUrl) ? { url: str(context.pageUrl) } : {}),
        },
        context: {
          ip: context.ip,
          userAgent: context.userAgent,
          page: { url: context.pageUrl, referrer: context.referrer, title: context.pageTitle },
          campaign: {
            source: utm.source,
            medium: utm.medium,
            name: utm.campaign,
            term: utm.term,
            content: utm.content,
          },
          ...(effects.email ? { traits: { email: effects.email } } : {}),
        },
      });
      const idOrNull = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value : null);
      const variant = str(context.variantId);
      await recordConversionEvent(sqlClientOf(tx), {
        workspaceId: submission.workspace_id,
        step: 'submission',
        at: submission.received_at,
        anonymousId: submission.anonymous_id,
        contactId,
        formId: form.id,
        landingPageId: idOrNull(context.landingPageId),
        variantId: variant && /^[A-Za-z0-9_-]{1,40}$/.test(variant) ? variant : null,
        ctaId: idOrNull(context.ctaId),
        source: source.channel,
        campaign: utm.campaign ?? null,
      });
      await tx.execute(sql`
        update form_submissions set status = 'processed', contact_id = ${contactId}, processed_at = ${ctx.clock.now()}, error = null
         where workspace_id = ${submission.workspace_id} and id = ${submission.id}`);
      if (form.notifyUserIds.length > 0)
        await enqueueJob(
          sqlClientOf(tx),
          'forms.notify',
          { workspaceId: submission.workspace_id, submissionId: submission.id },
          {
            maxAttempts: 5,
            jobKey: `forms.notify:${submission.id}`,
          },
        );
    });
    return 'processed';
  } catch (error) {
    await ctx.pool.query(
      "update form_submissions set status = 'failed', error = $3 where workspace_id = $1 and id = $2",
      [submission.workspace_id, submission.id, errorText(error)],
    );
    throw error;
  }
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

async function upsertContact(
  tx: Executor,
  submission: SubmissionRow,
  effects: SubmissionEffects,
  extra: { consentText: string | null; channel: string; sourceDetail: string | null },
): Promise<string | null> {
  const workspaceId = submission.workspace_id;
  let contactId: string | null = null;
  if (effects.email) {
    const found = await tx.execute<{ id: string }>(sql`
      select id from contacts where workspace_id = ${workspaceId} and lower(email) = ${effects.email} and merged_into_id is null`);
    contactId = found.rows[0]?.id ?? null;
  }
  if (!contactId && submission.anonymous_id) {
    // A shared device: the cookie's contact is this person only if the emails do not disagree.
    const found = await tx.execute<{ id: string; email: string | null }>(sql`
      select c.id, lower(c.email) as email from identities i
        join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id and c.merged_into_id is null
       where i.workspace_id = ${workspaceId} and i.kind = 'anonymous' and i.value = ${submission.anonymous_id}`);
    const candidate = found.rows[0];
    if (candidate && (!effects.email || !candidate.email || candidate.email === effects.email))
      contactId = candidate.id;
  }
  if (!contactId && effects.email) {
    const planned = newId();
    const { remap } = await createContacts(tx, workspaceId, [
      { id: planned, email: effects.email, externalId: null, at: submission.received_at },
    ]);
    contactId = remap.get(planned) ?? planned;
  }
  if (!contactId) return null;
  await updateContactFields(tx, workspaceId, new Map([[contactId, effects.contact]]), submission.received_at);
  await tx.execute(sql`
    update contacts set
      properties = properties || ${JSON.stringify(effects.contactProperties)}::jsonb,
      consent_status = case when ${extra.consentText}::text is null then consent_status else 'granted' end,
      consent_at = case when ${extra.consentText}::text is null then consent_at else ${submission.received_at} end,
      consent_text = coalesce(${extra.consentText}::text, consent_text),
      source = coalesce(source, ${extra.channel}),
      source_detail = case when source is null then ${extra.sourceDetail} else source_detail end
     where workspace_id = ${workspaceId} and id = ${contactId}`);
  if (Object.keys(effects.companyProperties).length > 0)
    await tx.execute(sql`
      update companies co set properties = co.properties || ${JSON.stringify(effects.companyProperties)}::jsonb, updated_at = now()
        from contacts c
       where c.workspace_id = ${workspaceId} and c.id = ${contactId}
         and co.workspace_id = c.workspace_id and co.id = c.company_id`);
  return contactId;
}

/**
 * Hands the submission to the event pipeline: rows in `events` (whose trigger queues them), keyed
 * by the submission, so a retried job stores them once.
 */
async function storeEvents(
  tx: Executor,
  submission: SubmissionRow,
  input: {
    anonymousId: string;
    identify: Record<string, unknown> | null;
    properties: Record<string, unknown>;
    context: Record<string, unknown>;
  },
): Promise<void> {
  const rows = [
    ...(input.identify
      ? [
          {
            message_id: `form-${submission.id}-identify`,
            type: 'identify',
            event: null,
            properties: {},
            traits: input.identify,
          },
        ]
      : []),
    {
      message_id: `form-${submission.id}`,
      type: 'track',
      event: 'Form Submitted',
      properties: input.properties,
      traits: {},
    },
  ];
  await tx.execute(sql`
    insert into events (workspace_id, message_id, type, anonymous_id, event, properties, traits, context, "timestamp", received_at)
    select ${submission.workspace_id}, r.message_id, r.type, ${input.anonymousId}, r.event, r.properties, r.traits,
           ${JSON.stringify(input.context)}::jsonb, ${submission.received_at}, now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(message_id text, type text, event text, properties jsonb, traits jsonb)
    on conflict (workspace_id, message_id) do nothing`);
}
