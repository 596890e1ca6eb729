import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import type { BatonModule } from '../module';
import {
  defaultMomentSettings,
  interestingMoments,
  type MomentActivity,
  type MomentSettings,
  momentSettingsSchema,
  storedMomentSettingsSchema,
} from './interesting-moments';

export { interestingMoments, type Moment, type MomentSettings } from './interesting-moments';

/** How far back a lead's history is read for its moments: the last 500 activities. */
const HISTORY = 500;

/** The workspace's choice of moments, kept with its other settings. */
export async function getMomentSettings(ctx: AppContext, workspaceId: string): Promise<MomentSettings> {
  const { rows } = await ctx.pool.query<{ moments: unknown }>(
    `select settings->'interestingMoments' as moments from workspaces where id = $1`,
    [workspaceId],
  );
  const parsed = storedMomentSettingsSchema.safeParse(rows[0]?.moments ?? {});
  return parsed.success ? parsed.data : defaultMomentSettings;
}

export async function momentsOf(ctx: AppContext, workspaceId: string, contactId: string) {
  const [settings, { rows }] = await Promise.all([
    getMomentSettings(ctx, workspaceId),
    ctx.pool.query<{
      id: string;
      type: string;
      title: string | null;
      url: string | null;
      occurred_at: Date;
      properties: Record<string, unknown>;
    }>(
      `select id, type, title, url, occurred_at, properties from activities
        where workspace_id = $1 and contact_id = $2 order by occurred_at desc, id desc limit ${HISTORY}`,
      [workspaceId, contactId],
    ),
  ]);
  const history: MomentActivity[] = rows.reverse().map((row) => ({ ...row, occurredAt: row.occurred_at }));
  return interestingMoments(history, settings);
}

function momentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/contacts/:id/moments',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['contacts'],
          summary: 'The few things the lead did that matter before a call, newest first, in plain words',
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  kind: z.enum(['hand_raiser', 'form', 'download', 'key_page', 'email_click', 'return_visit']),
                  at: z.date(),
                  text: z.string(),
                  activityId: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        return { items: await momentsOf(ctx, principal.workspaceId, request.params.id) };
      },
    );

    app.get(
      '/api/interesting-moments',
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags: ['workspace'],
          summary: 'Which activities count as interesting moments',
          response: { 200: momentSettingsSchema },
        },
      },
      async (request) => getMomentSettings(ctx, principalOf(request).workspaceId),
    );

    app.put(
      '/api/interesting-moments',
      {
        config: { access: { roles: ['admin', 'marketing'] } },
        schema: {
          tags: ['workspace'],
          summary: 'Choose which activities count as interesting moments',
          body: momentSettingsSchema,
          response: { 200: momentSettingsSchema },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await ctx.pool.query(
          `update workspaces set settings = jsonb_set(settings, '{interestingMoments}', $2::jsonb) where id = $1`,
          [workspaceId, JSON.stringify(request.body)],
        );
        return getMomentSettings(ctx, workspaceId);
      },
    );
  };
}

export function momentsModule(ctx: AppContext): BatonModule {
  return { name: 'moments', routes: [momentRoutes(ctx)] };
}
