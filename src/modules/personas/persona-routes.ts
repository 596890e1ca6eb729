import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { principalOf } from '../auth';
import { enqueueRescore } from '../scoring';
import { personaSchema } from '../scoring/contract';
import {
  type OpenerKind,
  openerKinds,
  TEMPLATE_MAX_LENGTH,
  validateTalkTrackTemplate,
} from '../talk-track/write-talk-track';
import type { TalkTrackTemplates } from './schema';

const editors = ['admin', 'marketing'] as const;
const idParams = z.object({ id: z.uuid() });

const openerTemplate = (kind: OpenerKind) =>
  z
    .string()
    .trim()
    .max(TEMPLATE_MAX_LENGTH, { error: `longer than ${TEMPLATE_MAX_LENGTH} characters`, abort: true })
    .superRefine((template, issues) => {
      for (const message of validateTalkTrackTemplate(kind, template)) issues.addIssue({ code: 'custom', message });
    })
    .optional();

/** An empty template is no template: the built-in sentence is used. */
const talkTrackTemplatesSchema = z
  .strictObject({
    handRaiser: openerTemplate('handRaiser'),
    download: openerTemplate('download'),
    reading: openerTemplate('reading'),
    noHistory: openerTemplate('noHistory'),
  })
  .transform(
    (templates): TalkTrackTemplates =>
      Object.fromEntries(openerKinds.flatMap((kind) => (templates[kind] ? [[kind, templates[kind]]] : []))),
  )
  .describe(
    'The opener of the talk track in marketing’s words, per kind of lead story; placeholders in braces. Absent or empty: the built-in sentence.',
  );

const personaBody = personaSchema.extend({ talkTrackTemplates: talkTrackTemplatesSchema.optional() }).strict();
const personaOut = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    conditions: z.array(z.object({ field: z.string(), operator: z.string(), values: z.array(z.string()) })),
    pains: z.array(z.string()),
    discoveryQuestions: z.array(z.string()),
    objections: z.array(z.string()),
    talkTrackTemplates: z.object({
      handRaiser: z.string().optional(),
      download: z.string().optional(),
      reading: z.string().optional(),
      noHistory: z.string().optional(),
    }),
    priority: z.number(),
    contacts: z.number(),
  })
  .meta({ id: 'Persona' });

type PersonaRow = z.infer<typeof personaOut>;

const select = (workspaceId: string) => sql`
  select p.id, p.name, p.description, p.conditions, p.pains, p.discovery_questions as "discoveryQuestions",
         p.objections, p.talk_track_templates as "talkTrackTemplates", p.priority,
         (select count(*)::int from contact_scores s join contacts c on c.workspace_id = s.workspace_id and c.id = s.contact_id
           where s.workspace_id = p.workspace_id and s.persona_id = p.id and c.merged_into_id is null) as contacts
    from personas p where p.workspace_id = ${workspaceId}`;

const duplicateName = () =>
  new AppError('conflict', 'A persona with this name exists', {
    details: [{ path: 'name', message: 'already used by another persona' }],
  });

/**
 * Personas: who a lead is (by title, seniority, department, company size, industry …), with the
 * pains, discovery questions and objections sales use on the call. Contacts get their best match
 * when scored; a change of personas rescores the workspace.
 */
export function personaRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/personas',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['personas'],
          summary: 'Personas, with how many contacts match each',
          response: { 200: z.object({ items: z.array(personaOut) }) },
        },
      },
      async (request) => {
        const { rows } = await ctx.db.execute<PersonaRow>(
          sql`${select(principalOf(request).workspaceId)} order by p.priority desc, p.name`,
        );
        return { items: rows };
      },
    );

    app.post(
      '/api/personas',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['personas'],
          summary: 'Define a persona',
          body: personaBody,
          response: { 201: personaOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = principalOf(request);
        const id = newId();
        const body = request.body;
        try {
          await ctx.db.transaction(async (tx) => {
            await tx.execute(sql`
              insert into personas (workspace_id, id, name, description, conditions, pains, discovery_questions, objections,
                                    talk_track_templates, priority)
              values (${workspaceId}, ${id}, ${body.name}, ${body.description}, ${JSON.stringify(body.conditions)}::jsonb,
                      ${JSON.stringify(body.pains)}::jsonb, ${JSON.stringify(body.discoveryQuestions)}::jsonb,
                      ${JSON.stringify(body.objections)}::jsonb, ${JSON.stringify(body.talkTrackTemplates ?? {})}::jsonb,
                      ${body.priority})`);
            await enqueueRescore(tx, workspaceId);
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw duplicateName();
          throw error;
        }
        const { rows } = await ctx.db.execute<PersonaRow>(sql`${select(workspaceId)} and p.id = ${id}`);
        return reply.code(201).send(rows[0]!);
      },
    );

    app.put(
      '/api/personas/:id',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['personas'],
          summary: 'Change a persona (talk track templates left out stay as they are)',
          params: idParams,
          body: personaBody,
          response: { 200: personaOut },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        const body = request.body;
        try {
          await ctx.db.transaction(async (tx) => {
            const templates = body.talkTrackTemplates ? JSON.stringify(body.talkTrackTemplates) : null;
            // The row as it was (the self-join reads it before the update) tells whether matching changed.
            const { rows } = await tx.execute<{ rematch: boolean }>(sql`
              update personas p set name = ${body.name}, description = ${body.description},
                     conditions = ${JSON.stringify(body.conditions)}::jsonb, pains = ${JSON.stringify(body.pains)}::jsonb,
                     discovery_questions = ${JSON.stringify(body.discoveryQuestions)}::jsonb,
                     objections = ${JSON.stringify(body.objections)}::jsonb,
                     talk_track_templates = coalesce(${templates}::jsonb, p.talk_track_templates), priority = ${body.priority}
                from personas old
               where p.workspace_id = ${workspaceId} and p.id = ${request.params.id}
                 and old.workspace_id = p.workspace_id and old.id = p.id
              returning (old.name, old.conditions, old.priority) is distinct from (p.name, p.conditions, p.priority) as rematch`);
            if (!rows[0]) throw notFound('Persona');
            // Matching reads the name (fit criteria may test it), conditions and priority; wording changes need no rescore.
            if (rows[0].rematch) await enqueueRescore(tx, workspaceId);
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw duplicateName();
          throw error;
        }
        const { rows } = await ctx.db.execute<PersonaRow>(sql`${select(workspaceId)} and p.id = ${request.params.id}`);
        return rows[0]!;
      },
    );

    app.delete(
      '/api/personas/:id',
      {
        config: { access: { roles: editors } },
        schema: { tags: ['personas'], summary: 'Remove a persona', params: idParams },
      },
      async (request, reply) => {
        const { workspaceId } = principalOf(request);
        await ctx.db.transaction(async (tx) => {
          const { rowCount } = await tx.execute(
            sql`delete from personas where workspace_id = ${workspaceId} and id = ${request.params.id}`,
          );
          if (!rowCount) throw notFound('Persona');
          // Its contacts get their next-best persona (or none) from the rescore.
          await enqueueRescore(tx, workspaceId);
        });
        return reply.code(204).send();
      },
    );
  };
}
