import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from './access';
import { createUser, generatePassword } from './create-user';
import { emailSchema, idParams, passwordSchema, roleSchema, userSchema } from './http-schemas';
import { listUsers } from './list-users';
import { setUserPassword, updateUser } from './update-user';

export function userRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/users',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['users'],
          summary: 'Everyone in the workspace',
          response: { 200: z.object({ items: z.array(userSchema) }) },
        },
      },
      async (request) => ({ items: await listUsers(ctx, principalOf(request).workspaceId) }),
    );

    app.post(
      '/api/users',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['users'],
          summary: 'Add a user; without a password one is generated and returned once',
          body: z.object({
            email: emailSchema,
            name: z.string().trim().min(1).max(200).optional(),
            role: roleSchema,
            password: passwordSchema.optional(),
          }),
          response: { 201: z.object({ user: userSchema, password: z.string().optional() }) },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const result = await createUser(ctx, {
          ...request.body,
          workspaceId: principal.workspaceId,
          createdBy: principal,
        });
        return reply
          .status(201)
          .send({ user: result.user, ...(request.body.password ? {} : { password: result.password }) });
      },
    );

    app.patch(
      '/api/users/:id',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['users'],
          summary: 'Rename, change role, disable or re-enable a user',
          params: idParams,
          body: z
            .object({
              name: z.string().trim().min(1).max(200).optional(),
              role: roleSchema.optional(),
              disabled: z.boolean().optional(),
            })
            .strict(),
          response: { 200: userSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return updateUser(ctx, {
          workspaceId: principal.workspaceId,
          userId: request.params.id,
          changes: request.body,
          updatedBy: principal,
        });
      },
    );

    app.post(
      '/api/users/:id/reset-password',
      {
        config: { access: { roles: ['admin'] } },
        schema: {
          tags: ['users'],
          summary: 'Give a user a new generated password (returned once) and sign them out',
          params: idParams,
          response: { 200: z.object({ password: z.string() }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const password = generatePassword();
        await setUserPassword(ctx, {
          workspaceId: principal.workspaceId,
          userId: request.params.id,
          password,
          changedBy: principal,
        });
        return { password };
      },
    );
  };
}
