import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Form } from './form-definition';
import { findPublishedForm } from './manage-forms';
import { verifyRenderToken } from './render-token';
import { spamReasonOf } from './spam-checks';
import type { SubmissionWriter } from './submission-writer';
import { type RawValues, validateSubmission } from './validate-submission';

export type SubmissionRequest = {
  formId: string;
  values: RawValues;
  ip: string;
  userAgent?: string;
  /** The page that sent it (the Referer header) when the form did not say. */
  refererHeader?: string;
  /** The tracker's anonymous id cookie, when the form is hosted on Baton's own origin. */
  cookieAnonymousId?: string;
  /** Whether this IP is over its submission rate (decided by the caller's limiter). */
  overRate?: boolean;
};

export type Accepted = {
  id: string;
  status: 'pending' | 'spam';
  form: Form;
  anonymousId: string | null;
  context: Record<string, unknown>;
};

/** A submission that did not satisfy the form: the caller shows the messages (JSON or the form again). */
export class InvalidSubmission extends AppError {
  constructor(
    readonly form: Form,
    readonly errors: Record<string, string>,
    readonly values: RawValues,
    /** When the form was first shown: a corrected form keeps it, so fixing a typo is not "too fast". */
    readonly renderedAt?: number,
  ) {
    super('validation_failed', `Please check: ${Object.keys(errors).join(', ')}`, {
      details: Object.entries(errors).map(([name, message]) => ({ path: `body.${name}`, message })),
    });
  }
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

const UTM = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** UTM tags from the hidden fields, else from the page URL's query. */
function utmOf(values: RawValues, pageUrl: string | undefined): Record<string, string> {
  const utm: Record<string, string> = {};
  let query: URLSearchParams | undefined;
  try {
    query = pageUrl ? new URL(pageUrl).searchParams : undefined;
  } catch {
    query = undefined;
  }
  for (const key of UTM) {
    const value = one(values[`utm_${key}`]) ?? query?.get(`utm_${key}`) ?? undefined;
    if (value) utm[key] = value.slice(0, 200);
  }
  return utm;
}

/**
 * Stores a submission — one INSERT, which also queues its processing, grouped with those arriving
 * at the same moment — and answers only after that commit, so an acknowledged submission is never lost. Bad input is refused before storing
 * (unknown fields, oversized values, invalid answers); spam is stored too, with its reason.
 */
export async function acceptSubmission(
  ctx: AppContext,
  writer: SubmissionWriter,
  request: SubmissionRequest,
): Promise<Accepted> {
  const form = await findPublishedForm(ctx, request.formId);
  const tokenValue = one(request.values._baton_t);
  const token = tokenValue ? verifyRenderToken(form.signingKey, tokenValue) : null;
  const check = validateSubmission(form, request.values, token?.fields);
  if (check.kind === 'unknown_fields')
    throw new AppError(
      'validation_failed',
      `Unknown field${check.names.length > 1 ? 's' : ''}: ${check.names.join(', ')}`,
      {
        details: check.names.map((name) => ({ path: `body.${name}`, message: 'the form has no such field' })),
      },
    );
  if (check.kind === 'too_large')
    throw new AppError('payload_too_large', `Too long: ${check.names.join(', ')}`, {
      details: check.names.map((name) => ({ path: `body.${name}`, message: 'longer than the field allows' })),
    });
  if (check.kind === 'invalid') throw new InvalidSubmission(form, check.errors, check.values, token?.renderedAt);

  const receivedAt = ctx.clock.now();
  const { values } = check;
  const emailField = form.fields.find((field) => field.mapTo === 'contact.email');
  const email = emailField ? (one(values[emailField.name])?.toLowerCase() ?? null) : null;
  const spamReason = spamReasonOf({
    honeypot: one(values._baton_hp),
    tokenGiven: tokenValue !== undefined,
    token,
    minFillSeconds: form.spam.minFillSeconds,
    receivedAt: receivedAt.getTime(),
    email,
    blockedDomains: form.spam.blockedDomains,
    overRate: request.overRate ?? false,
  });
  const pageUrl = one(values.page_url) ?? request.refererHeader;
  const context: Record<string, unknown> = {
    ip: request.ip,
    userAgent: request.userAgent?.slice(0, 500),
    pageUrl: pageUrl?.slice(0, 2000),
    pageTitle: one(values.page_title),
    referrer: one(values.referrer),
    utm: utmOf(values, pageUrl),
    landingPageId: one(values._baton_page),
    variantId: one(values._baton_variant),
    ctaId: one(values._baton_cta),
    renderedAt: token ? new Date(token.renderedAt).toISOString() : undefined,
    asked: token?.fields,
    consentGiven: check.consentGiven,
  };
  // Only the answers are kept as values; the form's own machinery lives in context.
  const answers: RawValues = {};
  for (const field of form.fields) if (values[field.name] !== undefined) answers[field.name] = values[field.name]!;
  if (form.consent) answers.consent = check.consentGiven ? 'yes' : 'no';
  const anonymousId = (one(values._baton_aid) ?? request.cookieAnonymousId)?.slice(0, 200) ?? null;
  const id = newId(receivedAt.getTime());
  const status = spamReason ? 'spam' : 'pending';
  await writer.write({
    workspaceId: form.workspaceId,
    id,
    formId: form.id,
    receivedAt,
    status,
    values: answers,
    context,
    anonymousId,
    email,
    spamReason,
    urgent: form.handRaiser,
  });
  return { id, status, form, anonymousId, context };
}
