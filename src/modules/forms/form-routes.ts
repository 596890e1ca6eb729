import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { sendCsv } from '../imports/csv-format';
import { embedSnippet } from './embed-snippet';
import {
  formConsentSchema,
  formFieldSchema,
  formInputSchema,
  formSpamSchema,
  formSuccessSchema,
} from './form-definition';
import { formStylesheet } from './form-style';
import { createForm, formView, getForm, listForms, updateForm } from './manage-forms';
import { exportSubmissions, getSubmission, listSubmissions, markSpam, requeueSubmission } from './manage-submissions';
import { renderFormHtml } from './render-form';
import { submissionStatuses } from './schema';

const editors = ['admin', 'marketing'] as const;
const readers = ['admin', 'marketing', 'sales_manager'] as const;

const formSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['draft', 'published', 'archived']),
    fields: z.array(formFieldSchema),
    consent: formConsentSchema.nullable(),
    success: formSuccessSchema,
    spam: formSpamSchema,
    handRaiser: z.boolean(),
    progressiveLimit: z.number(),
    submitLabel: z.string(),
    notifyUserIds: z.array(z.string()),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Form' });
const formWithEmbed = formSchema.extend({
  embed: z.object({ snippet: z.string(), hostedUrl: z.string(), endpoint: z.string() }),
});
const formSummary = formSchema.extend({
  submissions: z.number(),
  spamCount: z.number().describe('submissions in the spam folder'),
  failed: z.number(),
  lastSubmissionAt: z.date().nullable(),
});

const submissionSchema = z
  .object({
    id: z.string(),
    formId: z.string(),
    formName: z.string(),
    receivedAt: z.date(),
    status: z.enum(submissionStatuses),
    values: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    context: z.record(z.string(), z.unknown()),
    anonymousId: z.string().nullable(),
    email: z.string().nullable(),
    contactId: z.string().nullable(),
    spamReason: z.string().nullable(),
    error: z.string().nullable(),
    attempts: z.number(),
    processedAt: z.date().nullable(),
  })
  .meta({ id: 'FormSubmission' });

const idParams = z.object({ id: z.uuid() });
const filterQuery = z.object({
  formId: z.uuid().optional(),
  status: z.enum(submissionStatuses).optional(),
});

/** The forms API for the builder and the submissions lists. Public submission lives at /f/:formId. */
export function formRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const base = (host: string, protocol: string) =>
      (ctx.config.publicUrl ?? `${protocol}://${host}`).replace(/\/$/, '');
    const withEmbed = (form: ReturnType<typeof formView>, baseUrl: string) => ({
      ...form,
      embed: {
        snippet: embedSnippet(baseUrl, form.id),
        hostedUrl: `${baseUrl}/f/${form.id}`,
        endpoint: `${baseUrl}/f/${form.id}`,
      },
    });

    app.get(
      '/api/forms',
      {
        config: { access: { roles: readers } },
        schema: {
          tags: ['forms'],
          summary: 'Forms with their submission counts',
          response: { 200: z.object({ items: z.array(formSummary) }) },
        },
      },
      async (request) => ({ items: await listForms(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/forms',
      {
        config: { access: { roles: editors } },
        schema: { tags: ['forms'], summary: 'Create a form', body: formInputSchema, response: { 201: formWithEmbed } },
      },
      async (request, reply) => {
        const form = await createForm(ctx, principalOf(request).workspaceId, request.body);
        return reply.status(201).send(withEmbed(formView(form), base(request.host, request.protocol)));
      },
    );

    app.post(
      '/api/forms/preview',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['forms'],
          summary: 'The HTML a form renders to, before saving it (as a new and as a known visitor)',
          body: formInputSchema.and(z.object({ knownFields: z.array(z.string()).optional() })),
          response: { 200: z.object({ html: z.string(), css: z.string() }) },
        },
      },
      async (request) => ({
        html: renderFormHtml(
          { ...request.body, id: '00000000-0000-0000-0000-000000000000', signingKey: 'preview' },
          { action: '#', knownFields: request.body.knownFields },
        ),
        css: formStylesheet,
      }),
    );

    app.get(
      '/api/forms/:id',
      {
        config: { access: { roles: readers } },
        schema: {
          tags: ['forms'],
          summary: 'One form, with its embed snippet',
          params: idParams,
          response: { 200: formWithEmbed },
        },
      },
      async (request) =>
        withEmbed(
          formView(await getForm(ctx, principalOf(request).workspaceId, request.params.id)),
          base(request.host, request.protocol),
        ),
    );

    app.put(
      '/api/forms/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['forms'],
          summary: 'Save a form',
          params: idParams,
          body: formInputSchema,
          response: { 200: formWithEmbed },
        },
      },
      async (request) =>
        withEmbed(
          formView(await updateForm(ctx, principalOf(request).workspaceId, request.params.id, request.body)),
          base(request.host, request.protocol),
        ),
    );

    app.get(
      '/api/form-submissions',
      {
        config: { access: { roles: readers } },
        schema: {
          tags: ['forms'],
          summary: 'Submissions, newest first (spam only when asked for with status=spam)',
          querystring: filterQuery.extend({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: z.object({ items: z.array(submissionSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (request) => listSubmissions(ctx, principalOf(request).workspaceId, { ...request.query, inbox: true }),
    );

    app.get(
      '/api/form-submissions/export.csv',
      {
        config: { access: { roles: readers } },
        schema: {
          tags: ['forms'],
          summary: 'Submissions as CSV (spreadsheet formulas guarded)',
          querystring: filterQuery,
        },
      },
      async (request, reply) => {
        const stream = await exportSubmissions(ctx, principalOf(request).workspaceId, {
          ...request.query,
          inbox: true,
        });
        return sendCsv(reply, `form-submissions-${new Date().toISOString().slice(0, 10)}.csv`, stream);
      },
    );

    app.get(
      '/api/form-submissions/:id',
      {
        config: { access: { roles: readers } },
        schema: {
          tags: ['forms'],
          summary: 'One submission, with its context and processing outcome',
          params: idParams,
          response: { 200: submissionSchema },
        },
      },
      async (request) => getSubmission(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.post(
      '/api/form-submissions/:id/retry',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['forms'],
          summary: 'Process a failed submission again',
          params: idParams,
          response: { 200: submissionSchema },
        },
      },
      async (request) => requeueSubmission(ctx, principalOf(request).workspaceId, request.params.id, 'failed'),
    );

    app.post(
      '/api/form-submissions/:id/not-spam',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['forms'],
          summary: 'Take a submission out of the spam folder and process it',
          params: idParams,
          response: { 200: submissionSchema },
        },
      },
      async (request) => requeueSubmission(ctx, principalOf(request).workspaceId, request.params.id, 'spam'),
    );

    app.post(
      '/api/form-submissions/:id/spam',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['forms'],
          summary: 'Move an unprocessed submission to the spam folder',
          params: idParams,
          response: { 200: submissionSchema },
        },
      },
      async (request) => markSpam(ctx, principalOf(request).workspaceId, request.params.id),
    );
  };
}
