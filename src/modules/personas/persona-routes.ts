import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { principalOf } from '../auth';
import { enqueueRescore } from '../scoring';
import { personaSchema } from '../scoring/contract';

const editors = ['admin', 'marketing'] as const;
const idParams = z.object({ id: z.uuid() });
const personaOut = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    conditions: z.array(z.object({ field: z.string(), operator: z.string(), values: z.array(z.string()) })),
    pains: z.array(z.string()),
    discoveryQuestions: z.array(z.string()),
    objections: z.array(z.string()),
    priority: z.number(),
    contacts: z.number(),
  })
  .meta({ id: 'Persona' });

type PersonaRow = z.infer<typeof personaOut>;

const select = (workspaceId: string) => sql`
  select p.id, p.name, p.description, p.conditions, p.pains, p.discovery_questions as "discoveryQuestions",
         p.objections, p.priority,
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
          body: personaSchema,
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
              insert into personas (workspace_id, id, name, description, conditions, pains, discovery_questions, objections, priority)
              values (${workspaceId}, ${id}, ${body.name}, ${body.description}, ${JSON.stringify(body.conditions)}::jsonb,
                      ${JSON.stringify(body.pains)}::jsonb, ${JSON.stringify(body.discoveryQuestions)}::jsonb,
                      ${JSON.stringify(body.objections)}::jsonb, ${body.priority})`);
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
          summary: 'Change a persona',
          params: idParams,
          body: personaSchema,
          response: { 200: personaOut },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        const body = request.body;
        try {
          await ctx.db.transaction(async (tx) => {
            const { rowCount } = await tx.execute(sql`
              update personas set name = ${body.name}, description = ${body.description},
                     conditions = ${JSON.stringify(body.conditions)}::jsonb, pains = ${JSON.stringify(body.pains)}::jsonb,
                     discovery_questions = ${JSON.stringify(body.discoveryQuestions)}::jsonb,
                     objections = ${JSON.stringify(body.objections)}::jsonb, priority = ${body.priority}
               where workspace_id = ${workspaceId} and id = ${request.params.id}`);
            if (!rowCount) throw notFound('Persona');
            await enqueueRescore(tx, workspaceId);
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
