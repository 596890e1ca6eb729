import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { createTeam, deleteTeam, listTeams, setTeamMembers } from './manage-teams';
import { teamKinds } from './schema';

const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(teamKinds),
    members: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string(), weight: z.number() })),
  })
  .meta({ id: 'Team' });

const managers = ['admin', 'sales_manager'] as const;

export function teamRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/teams',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['teams'],
          summary: 'Teams and the pilot group, with members',
          response: { 200: z.object({ items: z.array(teamSchema) }) },
        },
      },
      async (request) => ({ items: await listTeams(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/teams',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['teams'],
          summary: 'Create a team (kind `pilot` for the pilot group)',
          body: z.object({ name: z.string().trim().min(1).max(100), kind: z.enum(teamKinds).default('team') }),
          response: { 201: teamSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createTeam(ctx, { workspaceId: principalOf(request).workspaceId, ...request.body })),
    );

    app.put(
      '/api/teams/:id/members',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['teams'],
          summary: 'Replace the members of a team, with round-robin weights',
          params: z.object({ id: z.uuid() }),
          body: z.object({
            members: z
              .array(z.object({ userId: z.uuid(), weight: z.number().int().min(1).max(100).default(1) }))
              .max(500),
          }),
          response: { 200: teamSchema },
        },
      },
      async (request) =>
        setTeamMembers(ctx, {
          workspaceId: principalOf(request).workspaceId,
          teamId: request.params.id,
          members: request.body.members,
        }),
    );

    app.delete(
      '/api/teams/:id',
      {
        config: { access: { roles: managers } },
        schema: {
          tags: ['teams'],
          summary: 'Delete a team',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deleteTeam(ctx, principalOf(request).workspaceId, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
