import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorOf, principalOf } from '../auth';
import { createDownloadLink } from './download-links';
import { deleteAsset, getAsset, listAssets, maxOfferBytes, updateAsset, uploadAsset } from './manage-assets';
import { assetKinds } from './schema';

const editors = ['admin', 'marketing'] as const;
const idParams = z.object({ id: z.uuid() });

export const assetSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(assetKinds),
    description: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    gateFormId: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    downloads: z.number(),
  })
  .meta({ id: 'ContentOffer' });

const fieldsSchema = z.object({
  title: z.string().trim().min(1, 'required').max(200),
  kind: z.enum(assetKinds),
  description: z.string().max(5000).default(''),
  gateFormId: z.uuid().nullable().default(null),
});

function invalid(error: z.ZodError): AppError {
  const details = error.issues.map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message }));
  return new AppError('validation_failed', details.map((d) => `${d.path.slice(5)}: ${d.message}`).join('; '), {
    details,
  });
}

/** Content offers: upload, list, edit, delete, and signed download links (`/d/…`, see download-routes). */
export function offerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxOfferBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 12 },
    });

    app.get(
      '/api/offers',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['content'],
          summary: 'Content offers, newest first, with their download counts',
          response: { 200: z.object({ items: z.array(assetSchema) }) },
        },
      },
      async (request) => ({ items: await listAssets(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/offers',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Upload an offer (multipart: `title`, `kind`, optional `description` and `gateFormId`, then `file`)',
          description: `PDF, PNG, JPEG, GIF or WebP, up to ${maxOfferBytes / 2 ** 20} MB; the type is read from the file's first bytes and must agree with its name.`,
          consumes: ['multipart/form-data'],
          response: { 201: assetSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (!request.isMultipart())
          throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data');
        const fields: Record<string, string> = {};
        let created: z.infer<typeof assetSchema> | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              fields[part.fieldname] = String(part.value);
              continue;
            }
            if (created) {
              part.file.resume();
              continue;
            }
            const parsed = fieldsSchema.safeParse({
              ...fields,
              gateFormId: fields.gateFormId || null,
            });
            if (!parsed.success) {
              part.file.resume();
              throw invalid(parsed.error);
            }
            created = await uploadAsset(ctx, {
              ...parsed.data,
              workspaceId: principal.workspaceId,
              createdBy: actorOf(principal).actorId,
              fileName: part.filename || 'offer',
              file: part.file,
            });
          }
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('payload_too_large', `The file is larger than ${maxOfferBytes / 2 ** 20} MB`);
          }
          throw error;
        }
        if (!created) {
          throw new AppError('validation_failed', 'file: attach the offer file (after its fields)', {
            details: [{ path: 'body.file', message: 'required' }],
          });
        }
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/api/offers/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['content'], summary: 'One content offer', params: idParams, response: { 200: assetSchema } },
      },
      async (request) => getAsset(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.patch(
      '/api/offers/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'Edit an offer’s title, kind, description or gate',
          params: idParams,
          body: z
            .object({
              title: fieldsSchema.shape.title,
              kind: fieldsSchema.shape.kind,
              description: z.string().max(5000),
              gateFormId: z.uuid().nullable(),
            })
            .partial()
            .strict(),
          response: { 200: assetSchema },
        },
      },
      async (request) =>
        updateAsset(ctx, { ...request.body, workspaceId: principalOf(request).workspaceId, id: request.params.id }),
    );

    app.delete(
      '/api/offers/:id',
      {
        config: { access: { roles: editors } },
        schema: { tags: ['content'], summary: 'Delete an offer and its file', params: idParams },
      },
      async (request, reply) => {
        await deleteAsset(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/api/offers/:id/links',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['content'],
          summary: 'A signed, expiring download link to the offer (to send by hand or from another system)',
          params: idParams,
          body: z.object({
            ttlSeconds: z
              .number()
              .int()
              .min(1)
              .max(30 * 24 * 3600)
              .default(24 * 3600),
            contactId: z.uuid().optional(),
          }),
          response: { 201: z.object({ path: z.string(), expiresAt: z.date() }) },
        },
      },
      async (request, reply) => {
        const { workspaceId } = principalOf(request);
        const path = await createDownloadLink(ctx, { workspaceId, assetId: request.params.id, ...request.body });
        const expiresAt = new Date(ctx.clock.now().getTime() + request.body.ttlSeconds * 1000);
        return reply.status(201).send({ path, expiresAt });
      },
    );
  };
}
