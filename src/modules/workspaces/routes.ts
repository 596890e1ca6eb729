import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { getWorkspace, renameWorkspace } from './get-workspace';
import { getWorkspaceSettings, updateWorkspaceSettings, workspaceSettingsSchema } from './workspace-settings';

const workspaceSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() }).meta({ id: 'Workspace' });

export function workspaceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/workspace',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['workspace'], summary: 'The caller’s workspace', response: { 200: workspaceSchema } },
      },
      async (request) => getWorkspace(ctx, principalOf(request).workspaceId),
    );

    app.patch(
      '/api/workspace',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['workspace'],
          summary: 'Rename the workspace',
          body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
          response: { 200: workspaceSchema },
        },
      },
      async (request) => renameWorkspace(ctx, principalOf(request).workspaceId, request.body.name),
    );

    app.get(
      '/api/workspace/settings',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['workspace'], summary: 'Workspace settings', response: { 200: workspaceSettingsSchema } },
      },
      async (request) => getWorkspaceSettings(ctx, principalOf(request).workspaceId),
    );

    app.patch(
      '/api/workspace/settings',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['workspace'],
          summary: 'Change workspace settings (lead visibility for reps: all, team or own)',
          body: workspaceSettingsSchema.partial().strict(),
          response: { 200: workspaceSettingsSchema },
        },
      },
      async (request) => updateWorkspaceSettings(ctx, principalOf(request).workspaceId, request.body),
    );
  };
}
