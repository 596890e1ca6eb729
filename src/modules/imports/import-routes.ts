import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { actorOf, principalOf } from '../auth';
import { propertyTypes } from '../properties';
import { sendCsv } from './csv-format';
import { propertyObjectOf, targetFields } from './import-targets';
import {
  deleteImport,
  getImport,
  importErrorsCsv,
  listImportErrors,
  listImports,
  saveMapping,
  startPhase,
} from './manage-imports';
import { columnTargetSchema, importOptionsSchema } from './mapping';
import { importErrorCodes, importKinds, importPhases, importStatuses } from './schema';
import { type ImportEncoding, importEncodings, maxImportBytes, uploadImport } from './upload-import';

const importers = ['admin', 'marketing', 'sales_manager'] as const;
const idParams = z.object({ id: z.uuid() });

const counts = {
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  failed: z.number(),
};
const progressSchema = z
  .object({ phase: z.enum(importPhases), total: z.number(), ...counts })
  .nullable()
  .describe('Counts of the current (or last) phase, summed over its finished chunks');
const columnSchema = z.object({
  index: z.number(),
  header: z.string(),
  filled: z.number().describe('Rows with a value'),
  distinct: z.number().nullable().describe('Distinct values, null when more than 200'),
  values: z.array(z.string()).nullable().describe('The distinct values when 50 or fewer'),
  samples: z.array(z.string()),
  maxLength: z.number(),
  allNumbers: z.boolean(),
  allDates: z.boolean(),
  allBooleans: z.boolean(),
  allEmails: z.boolean(),
  inferredType: z.string().describe('The custom property type every value fits'),
});
const mappingSchema = z.object({ columns: z.array(columnTargetSchema) });
const importSchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    status: z.enum(importStatuses),
    fileName: z.string(),
    fileBytes: z.number(),
    encoding: z.string(),
    delimiter: z.string(),
    headers: z.array(z.string()),
    columns: z.array(columnSchema),
    totalRows: z.number(),
    blankRows: z.number(),
    mapping: mappingSchema,
    options: importOptionsSchema,
    phase: z.enum(importPhases).nullable(),
    dryRun: z.record(z.string(), z.unknown()).nullable(),
    ...counts,
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    sample: z.array(z.array(z.string())),
    progress: progressSchema,
    rowsPurged: z.boolean(),
  })
  .meta({ id: 'Import' });
const importSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(importKinds),
    status: z.enum(importStatuses),
    fileName: z.string(),
    totalRows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
    createdByName: z.string().nullable(),
    progress: progressSchema,
  })
  .meta({ id: 'ImportSummary' });
const phaseQuery = z.object({ phase: z.enum(importPhases).default('run') });

export function importRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart, {
      limits: { fileSize: maxImportBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
    });

    app.get(
      '/api/imports/targets',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'What each kind of import can fill: its standard fields, and whether it takes custom properties',
          response: {
            200: z.object({
              kinds: z.array(
                z.object({
                  kind: z.enum(importKinds),
                  propertyObject: z.string().nullable(),
                  fields: z.array(
                    z.object({
                      field: z.string(),
                      label: z.string(),
                      type: z.string(),
                      values: z.array(z.string()).optional(),
                      description: z.string().optional(),
                    }),
                  ),
                }),
              ),
              propertyTypes: z.array(z.string()),
              encodings: z.array(z.string()),
            }),
          },
        },
      },
      async () => ({
        kinds: importKinds.map((kind) => ({
          kind,
          propertyObject: propertyObjectOf[kind],
          fields: targetFields[kind].map((spec) => ({
            field: spec.field,
            label: spec.label,
            type: spec.type,
            ...(spec.values ? { values: [...spec.values] } : {}),
            ...(spec.description ? { description: spec.description } : {}),
          })),
        })),
        propertyTypes: [...propertyTypes],
        encodings: [...importEncodings],
      }),
    );

    app.get(
      '/api/imports',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'Past and running imports, newest first',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
          response: { 200: z.object({ items: z.array(importSummarySchema) }) },
        },
      },
      async (request) => ({ items: await listImports(ctx, principalOf(request).workspaceId, request.query.limit) }),
    );

    app.post(
      '/api/imports',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary:
            'Upload a CSV file (multipart: `kind`, optional `encoding`, then `file`); answers its columns and a guessed mapping',
          description: `Up to ${maxImportBytes / 2 ** 20} MB. The encoding is detected (UTF-8 with or without BOM, else Windows-1252; UTF-16 by its BOM) unless given; the delimiter (comma, semicolon, tab, pipe) too. \`kind\` and \`encoding\` may also be passed in the query string.`,
          consumes: ['multipart/form-data'],
          querystring: z.object({
            kind: z.enum(importKinds).optional(),
            encoding: z.enum(importEncodings).optional(),
          }),
          response: { 201: importSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (!request.isMultipart()) {
          throw new AppError('unsupported_media_type', 'Upload the file as multipart/form-data');
        }
        let kind = request.query.kind;
        let encoding: ImportEncoding | undefined = request.query.encoding;
        let importId: string | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'field') {
              const value = String(part.value);
              if (part.fieldname === 'kind') {
                const parsed = z.enum(importKinds).safeParse(value);
                if (!parsed.success) {
                  throw new AppError('validation_failed', `kind: one of ${importKinds.join(', ')}`, {
                    details: [{ path: 'body.kind', message: `one of ${importKinds.join(', ')}` }],
                  });
                }
                kind = parsed.data;
              } else if (part.fieldname === 'encoding' && value) {
                const parsed = z.enum(importEncodings).safeParse(value);
                if (!parsed.success) {
                  throw new AppError('validation_failed', `encoding: one of ${importEncodings.join(', ')}`, {
                    details: [{ path: 'body.encoding', message: `one of ${importEncodings.join(', ')}` }],
                  });
                }
                encoding = parsed.data;
              }
              continue;
            }
            if (!kind) {
              part.file.resume();
              throw new AppError('validation_failed', 'Say what the file holds: send `kind` before the file', {
                details: [{ path: 'body.kind', message: 'required before the file' }],
              });
            }
            if (importId) {
              part.file.resume();
              continue;
            }
            importId = await uploadImport(ctx, {
              workspaceId: principal.workspaceId,
              createdBy: actorOf(principal).actorId,
              kind,
              fileName: part.filename || 'upload.csv',
              file: part.file,
              encoding,
            });
          }
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('payload_too_large', `The file is larger than ${maxImportBytes / 2 ** 20} MB`);
          }
          throw error;
        }
        if (!importId) {
          throw new AppError('validation_failed', 'No file: send it as the `file` field', {
            details: [{ path: 'body.file', message: 'required' }],
          });
        }
        return reply.status(201).send(await getImport(ctx, principal.workspaceId, importId));
      },
    );

    app.get(
      '/api/imports/:id',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'An import: its columns, a sample, the mapping (guessed until saved), progress and results',
          params: idParams,
          response: { 200: importSchema },
        },
      },
      async (request) => getImport(ctx, principalOf(request).workspaceId, request.params.id),
    );

    app.get(
      '/api/imports/:id/progress',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'Status and progress of a dry run or run (poll while it works)',
          params: idParams,
          response: {
            200: z.object({
              status: z.enum(importStatuses),
              error: z.string().nullable(),
              dryRun: z.record(z.string(), z.unknown()).nullable(),
              progress: progressSchema,
            }),
          },
        },
      },
      async (request) => {
        const job = await getImport(ctx, principalOf(request).workspaceId, request.params.id);
        return { status: job.status, error: job.error, dryRun: job.dryRun, progress: job.progress };
      },
    );

    app.put(
      '/api/imports/:id/mapping',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'Save the column mapping (one target per column, in file order) and options',
          params: idParams,
          body: z.object({ columns: z.array(columnTargetSchema).max(1000), options: importOptionsSchema.prefault({}) }),
          response: { 200: importSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await saveMapping(ctx, {
          principal,
          importId: request.params.id,
          mapping: { columns: request.body.columns },
          options: request.body.options,
        });
        return getImport(ctx, principal.workspaceId, request.params.id);
      },
    );

    for (const [path, phase, summary] of [
      [
        'dry-run',
        'dry_run',
        'Check every row without keeping anything: what would be created, updated, unchanged, and each row error',
      ],
      ['run', 'run', 'Import in the background (resumes a failed run); poll the progress'],
    ] as const) {
      app.post(
        `/api/imports/:id/${path}`,
        {
          config: { access: { roles: importers } },
          schema: { tags: ['imports'], summary, params: idParams, response: { 202: importSchema } },
        },
        async (request, reply) => {
          const principal = principalOf(request);
          await startPhase(ctx, { principal, importId: request.params.id, phase });
          return reply.status(202).send(await getImport(ctx, principal.workspaceId, request.params.id));
        },
      );
    }

    app.get(
      '/api/imports/:id/errors',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'Row errors of the dry run or the run, in row order (row, column, value, reason)',
          params: idParams,
          querystring: phaseQuery.extend({
            afterRow: z.coerce.number().int().min(0).optional().describe('nextAfterRow of the previous page'),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  row: z.number(),
                  code: z.enum(importErrorCodes),
                  column: z.string().nullable(),
                  field: z.string().nullable(),
                  value: z.string().nullable(),
                  reason: z.string(),
                }),
              ),
              failedRows: z.number(),
              nextAfterRow: z.number().nullable(),
            }),
          },
        },
      },
      async (request) =>
        listImportErrors(ctx, {
          workspaceId: principalOf(request).workspaceId,
          importId: request.params.id,
          ...request.query,
        }),
    );

    app.get(
      '/api/imports/:id/errors.csv',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'The full error report as CSV, each error with the row’s original cells',
          params: idParams,
          querystring: phaseQuery,
        },
      },
      async (request, reply) => {
        const { fileName, stream } = await importErrorsCsv(ctx, {
          workspaceId: principalOf(request).workspaceId,
          importId: request.params.id,
          phase: request.query.phase,
        });
        return sendCsv(reply, fileName, stream);
      },
    );

    app.delete(
      '/api/imports/:id',
      {
        config: { access: { roles: importers } },
        schema: {
          tags: ['imports'],
          summary: 'Discard an import that is not running (what it imported stays)',
          params: idParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteImport(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
