import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { cacheControlWithAddress, publicBaseUrl } from '../../core/http/public-url';
import { createRateLimiter } from '../../core/http/rate-limit';
import { type Accepted, acceptSubmission, InvalidSubmission } from './accept-submission';
import { embedScript } from './embed-script';
import type { Form } from './form-definition';
import { knownVisitor } from './known-visitor';
import { findPublishedForm } from './manage-forms';
import { offerLink } from './offer-link';
import { pageHtml } from './page-html';
import { escapeHtml, renderFormHtml } from './render-form';
import { SubmissionWriter } from './submission-writer';
import type { RawValues } from './validate-submission';

const MAX_BODY_BYTES = 256 * 1024;

const formIdParam = z.object({ formId: z.uuid('must be a form id') });

/** Repeated keys (a multi-select) become arrays; everything stays text. */
function parseUrlencoded(body: string): RawValues {
  const values: RawValues = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const before = values[name];
    values[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return values;
}

/** A JSON body as form values: strings, numbers and booleans as text, arrays of those for multi-selects. */
function valuesOfJson(body: unknown): RawValues {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('bad_request', 'Body must be an object of field names to values');
  const values: RawValues = {};
  for (const [name, value] of Object.entries(body)) {
    const text = (item: unknown) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw new AppError('validation_failed', `Field ${name}: values must be text, numbers or booleans`, {
        details: [{ path: `body.${name}`, message: 'must be text, a number, a boolean or a list of those' }],
      });
    };
    if (value === null || value === undefined) continue;
    values[name] = Array.isArray(value) ? value.map(text) : text(value);
  }
  return values;
}

const cors = (reply: FastifyReply) =>
  reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, POST, OPTIONS')
    .header('access-control-allow-headers', 'content-type, accept')
    .header('access-control-max-age', '600');

const baseOf = (ctx: AppContext, request: FastifyRequest) => publicBaseUrl(ctx.config, request);

/**
 * The public side of forms, for any site (CORS open): the embed script, the form's HTML for it,
 * a hosted page, and submission — urlencoded from a plain HTML form (answered with a redirect, a
 * thank-you page, or the form again with its messages) or JSON/urlencoded with `Accept:
 * application/json` (answered with JSON).
 */
export function formPublicRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const writer = new SubmissionWriter(ctx.pool, ctx.logger);
    // Past the first limit an IP's submissions go to the spam folder; past the second they are
    // refused outright (429), so a flood cannot fill the database.
    const perIp = createRateLimiter({
      limit: ctx.config.formSubmissionsPerIpMinute,
      windowMs: 60_000,
      what: 'form submissions',
    });
    const flood = createRateLimiter({
      limit: ctx.config.formFloodPerIpMinute,
      windowMs: 60_000,
      what: 'form submissions',
    });
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
      (_r, body, done) => done(null, parseUrlencoded(body as string)),
    );
    app.addHook('onRequest', async (_request, reply) => {
      cors(reply);
    });

    app.options('/f/:formId', { schema: { hide: true } }, async (_request, reply) => reply.status(204).send());

    app.get(
      '/f/:file',
      { schema: { hide: true, params: z.object({ file: z.string().max(60) }), querystring: z.looseObject({}) } },
      async (request, reply) => {
        const script = request.params.file.match(/^([0-9a-f-]{36})\.js$/i);
        const formId = formIdParam.shape.formId.safeParse(script ? script[1] : request.params.file);
        if (!formId.success) throw new AppError('not_found', 'Form not found');
        const form = await findPublishedForm(ctx, formId.data);
        if (script)
          return reply
            .type('application/javascript; charset=utf-8')
            .header('cache-control', cacheControlWithAddress(ctx.config, 300))
            .send(embedScript(form.id, baseOf(ctx, request)));
        // The hosted form: works without JavaScript; UTM tags of the link ride along as hidden fields.
        const query = request.query as Record<string, unknown>;
        const hidden: Record<string, string> = {};
        for (const key of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'referrer'])
          if (typeof query[key] === 'string') hidden[key] = (query[key] as string).slice(0, 200);
        if (typeof request.headers.referer === 'string' && !hidden.referrer)
          hidden.referrer = request.headers.referer.slice(0, 2000);
        const known = await knownVisitor(ctx, form, {
          anonymousId: request.cookies.baton_aid,
          email: typeof query.email === 'string' ? query.email : undefined,
        });
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            pageHtml(
              form.name,
              renderFormHtml(form, {
                action: `/f/${form.id}`,
                hidden,
                knownFields: known?.knownFields,
                values: known?.values,
              }),
            ),
          );
      },
    );

    app.get(
      '/f/:formId/embed',
      {
        schema: {
          hide: true,
          params: formIdParam,
          querystring: z.object({
            prefix: z
              .string()
              .regex(/^[a-z][a-z0-9-]{0,20}$/)
              .optional(),
            aid: z.string().max(200).optional(),
            email: z.string().max(254).optional(),
          }),
        },
      },
      async (request, reply) => {
        const form = await findPublishedForm(ctx, request.params.formId);
        const known = await knownVisitor(ctx, form, {
          anonymousId: request.query.aid || undefined,
          email: request.query.email || undefined,
        });
        reply.header('cache-control', 'no-store');
        return {
          html: renderFormHtml(form, {
            action: `${baseOf(ctx, request)}/f/${form.id}`,
            knownFields: known?.knownFields,
            values: known?.values,
            idPrefix: request.query.prefix,
          }),
        };
      },
    );

    app.post(
      '/f/:formId',
      { bodyLimit: MAX_BODY_BYTES, schema: { hide: true, params: formIdParam } },
      async (request, reply) => {
        const json = (request.headers['content-type'] ?? '').includes('json');
        const wantsJson = json || (request.headers.accept ?? '').includes('application/json');
        const overRate = perIp.take(request.ip) > 0;
        if (overRate) flood.consume(request.ip);
        let accepted: Accepted;
        try {
          const values = json ? valuesOfJson(request.body) : ((request.body as RawValues | undefined) ?? {});
          accepted = await acceptSubmission(ctx, writer, {
            formId: request.params.formId,
            values,
            ip: request.ip,
            userAgent: request.headers['user-agent'],
            refererHeader: request.headers.referer,
            // A visitor who refused cookies on a hosted page is not tied to an earlier visitor id.
            cookieAnonymousId: request.cookies.baton_consent === 'refused' ? undefined : request.cookies.baton_aid,
            overRate,
          });
        } catch (error) {
          if (wantsJson || !(error instanceof AppError) || error.code === 'not_found') throw error;
          return htmlError(reply, error);
        }
        if (overRate) {
          // Kept in the spam folder, but the sender is told to slow down.
          throw new AppError(
            'rate_limited',
            'Too many form submissions from this address; please try again in a minute',
            {
              headers: { 'retry-after': '60' },
            },
          );
        }
        const success = await successOf(ctx, accepted);
        if (wantsJson) return { id: accepted.id, status: 'received', success };
        if (success.type === 'redirect') return reply.redirect(success.url, 303);
        const link = success.downloadUrl
          ? `<p><a class="baton-form__download" href="${escapeHtml(success.downloadUrl)}">Download</a></p>`
          : '';
        return reply
          .type('text/html; charset=utf-8')
          .send(
            pageHtml(
              accepted.form.name,
              `<p class="baton-form__done" role="status">${escapeHtml(success.message)}</p>${link}`,
            ),
          );
      },
    );
  };
}

type Success = { type: 'message'; message: string; downloadUrl?: string } | { type: 'redirect'; url: string };

/** What the visitor sees next. Spam is answered like any submission: bots learn nothing. */
async function successOf(ctx: AppContext, accepted: Accepted): Promise<Success> {
  const { success } = accepted.form;
  if (success.type === 'redirect') return success;
  if (success.type === 'message') return success;
  const downloadUrl = accepted.status === 'spam' ? undefined : await offerLink(ctx, accepted);
  return { type: 'message', message: success.message || 'Thank you! Your download is ready.', downloadUrl };
}

function htmlError(reply: FastifyReply, error: AppError) {
  if (error instanceof InvalidSubmission) {
    const form: Form = error.form;
    const hidden: Record<string, string> = {};
    for (const [name, value] of Object.entries(error.values))
      if (
        (name.startsWith('utm_') ||
          name.startsWith('_baton_') ||
          ['referrer', 'page_url', 'page_title'].includes(name)) &&
        !['_baton_t', '_baton_hp'].includes(name) &&
        typeof value === 'string'
      )
        hidden[name] = value;
    return reply
      .status(400)
      .type('text/html; charset=utf-8')
      .send(
        pageHtml(
          form.name,
          renderFormHtml(form, {
            action: `/f/${form.id}`,
            hidden,
            values: error.values,
            errors: error.errors,
            renderedAt: error.renderedAt,
          }),
        ),
      );
  }
  if (error.headers) reply.headers(error.headers);
  const items = (error.details ?? []).map(
    (detail) => `<li>${escapeHtml(detail.path?.replace(/^body\./, ''))}: ${escapeHtml(detail.message)}</li>`,
  );
  return reply
    .status(error.status)
    .type('text/html; charset=utf-8')
    .send(
      pageHtml(
        'The form could not be sent',
        `<p role="alert">${escapeHtml(error.message)}</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}<p>Go back to the form to correct it.</p>`,
      ),
    );
}
