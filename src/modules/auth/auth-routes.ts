import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { getWorkspace } from '../workspaces';
import { principalOf } from './access';
import { emailSchema, passwordSchema, roleSchema, userSchema } from './http-schemas';
import { getPasswordHash, getUser } from './list-users';
import { login } from './login';
import { verifyPassword } from './password';
import { deleteSession, findActiveSession, SESSION_COOKIE } from './sessions';
import { setUserPassword } from './update-user';

const meSchema = z.object({
  principal: z.enum(['user', 'secret_key']),
  role: roleSchema,
  user: userSchema.nullable(),
  workspace: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
});

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password; sets the session cookie',
          body: z.object({
            email: emailSchema,
            password: z.string().min(1).max(200),
            workspace: z.string().max(100).optional().describe('Workspace slug, when the email is in several'),
          }),
          response: { 200: meSchema },
        },
      },
      async (request, reply) => {
        const session = await login(ctx, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] });
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.config.secureCookies || request.protocol === 'https',
          path: '/',
          maxAge: Math.floor(ctx.config.sessionMaxMs / 1000),
        });
        const user = await getUser(ctx, session.workspaceId, session.userId);
        return {
          principal: 'user' as const,
          role: user.role,
          user,
          workspace: await getWorkspace(ctx, session.workspaceId),
        };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: { public: true } },
        schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        const session = token ? await findActiveSession(ctx, token) : undefined;
        if (session) await deleteSession(ctx, session.workspaceId, session.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: { roles: 'any' } },
        schema: { tags: ['auth'], summary: 'Who is calling, in which workspace', response: { 200: meSchema } },
      },
      async (request) => {
        const principal = principalOf(request);
        const workspace = await getWorkspace(ctx, principal.workspaceId);
        const user = principal.kind === 'user' ? await getUser(ctx, principal.workspaceId, principal.userId) : null;
        return { principal: principal.kind, role: principal.role, user, workspace };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['auth'],
          summary: 'Change your own password (signs out your other sessions)',
          body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        if (principal.kind !== 'user') throw new AppError('forbidden', 'Only a signed-in user can change a password');
        const hash = await getPasswordHash(ctx, principal.workspaceId, principal.userId);
        if (!hash || !(await verifyPassword(request.body.currentPassword, hash))) {
          throw new AppError('validation_failed', 'Current password is incorrect', {
            details: [{ path: 'body.currentPassword', message: 'incorrect' }],
          });
        }
        await setUserPassword(ctx, {
          workspaceId: principal.workspaceId,
          userId: principal.userId,
          password: request.body.newPassword,
          keepSessionId: principal.sessionId,
          changedBy: principal,
        });
        return reply.status(204).send(null);
      },
    );
  };
}
