import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { principalOf } from '../auth';
import { assertContactVisible } from '../contacts/visibility';
import { calibrate } from './calibration';
import { type ScoringModel, scoringModelSchema } from './contract';
import { explainScore } from './explain-score';
import { previewModel } from './preview-model';
import { enqueueRescore } from './rescore-workspace';
import { identify, type LoadedModel, loadModel, saveModel } from './scoring-model';

const editors = ['admin', 'marketing'] as const;
const everyone = 'any' as const;

const match = z.object({
  types: z.array(z.string()).optional(),
  urlContains: z.string().optional(),
  urlPattern: z.string().optional(),
  titleContains: z.string().optional(),
  campaignId: z.string().optional(),
  eventName: z.string().optional(),
  properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
/** A labelled profile test: a disqualify rule as it is, a fit criterion with its points. */
const conditionOut = z.object({
  id: z.string(),
  label: z.string(),
  field: z.string(),
  operator: z.string(),
  values: z.array(z.string()),
});
const modelOut = z
  .object({
    halfLifeDays: z.number(),
    gradeBands: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
    mqlRule: z.object({ minGrade: z.enum(['A', 'B', 'C', 'D']), minScore: z.number() }),
    handRaiser: z.object({ forms: z.array(z.string()), events: z.array(z.string()) }),
    disqualify: z.array(conditionOut),
    criteria: z.array(
      conditionOut.extend({
        points: z.number(),
      }),
    ),
    rules: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        match,
        points: z.number(),
        caps: z
          .object({ perDay: z.number().optional(), perWeek: z.number().optional(), ever: z.number().optional() })
          .optional(),
        enabled: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'ScoringModel' });
const rescoreOut = z.object({
  state: z.enum(['idle', 'running', 'failed']),
  done: z.number(),
  total: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  phase: z.enum(['computing', 'applying']).optional(),
  changes: z.number().optional(),
  error: z.string().optional(),
});
const scoringOut = z.object({ model: modelOut, version: z.number(), rescore: rescoreOut });
const outcomeOut = z.object({
  contactsScored: z.number(),
  mqls: z.number(),
  handRaisers: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  rejectedByReason: z.array(z.object({ reason: z.string(), label: z.string(), count: z.number() })),
  won: z.number(),
  wonAmountMinor: z.number(),
});

/** Every URL pattern must compile in PostgreSQL too, where the scorer runs it: a 400 naming the rule if not. */
async function assertPatternsWork(ctx: AppContext, model: ScoringModel, prefix: string): Promise<void> {
  const details: { path: string; message: string }[] = [];
  for (const [index, rule] of model.rules.entries()) {
    if (!rule.match.urlPattern) continue;
    try {
      await ctx.db.execute(sql`select '' ~* ${rule.match.urlPattern}`);
    } catch (error) {
      const reason = (error as { cause?: Error }).cause?.message ?? 'not a valid regular expression';
      details.push({
        path: `${prefix}rules.${index}.match.urlPattern`,
        message: `PostgreSQL cannot use it: ${reason}`,
      });
    }
  }
  if (details.length > 0) throw new AppError('validation_failed', 'A URL pattern is not usable', { details });
}

function view(model: LoadedModel) {
  const { version, rescore, personas: _personas, ...rest } = model;
  return { model: rest, version, rescore };
}

export function scoringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/scoring',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['scoring'],
          summary: 'The scoring model (fit criteria, engagement rules, decay, thresholds) and the rescore progress',
          response: { 200: scoringOut },
        },
      },
      async (request) => view(await loadModel(ctx.db, principalOf(request).workspaceId)),
    );

    app.put(
      '/api/scoring',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['scoring'],
          summary: 'Replace the scoring model; every contact is rescored in the background',
          body: scoringModelSchema,
          response: { 200: scoringOut },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await assertPatternsWork(ctx, request.body, '');
        await ctx.db.transaction(async (tx) => {
          await saveModel(tx, workspaceId, identify(request.body));
          await enqueueRescore(tx, workspaceId);
        });
        const model = await loadModel(ctx.db, workspaceId);
        // Queued, not yet picked up: show it as started so the editor shows progress at once.
        return view(
          model.rescore.state === 'running'
            ? model
            : { ...model, rescore: { ...model.rescore, state: 'running', done: 0, finishedAt: null } },
        );
      },
    );

    app.post(
      '/api/scoring/rescore',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['scoring'],
          summary: 'Rescore every contact with the current model (in the background)',
          response: { 202: z.object({ queued: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        await enqueueRescore(ctx.db, principalOf(request).workspaceId);
        return reply.code(202).send({ queued: true as const });
      },
    );

    app.post(
      '/api/scoring/preview',
      {
        config: { access: { roles: editors } },
        schema: {
          tags: ['scoring'],
          summary: 'What the current and an edited model would have done over the last N days',
          body: z.object({ model: scoringModelSchema, days: z.number().int().min(1).max(365).default(90) }),
          response: {
            200: z.object({
              days: z.number(),
              from: z.date(),
              to: z.date(),
              current: outcomeOut,
              proposed: outcomeOut,
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = principalOf(request);
        await assertPatternsWork(ctx, request.body.model, 'model.');
        const now = ctx.clock.now();
        const current = await loadModel(ctx.db, workspaceId);
        const proposed: LoadedModel = { ...current, ...identify(request.body.model) };
        const days = request.body.days;
        const [before, after] = await Promise.all([
          previewModel(ctx.db, { workspaceId, model: current, days, now }),
          previewModel(ctx.db, { workspaceId, model: proposed, days, now }),
        ]);
        return { days, from: new Date(now.getTime() - days * 86_400_000), to: now, current: before, proposed: after };
      },
    );

    app.get(
      '/api/scoring/calibration',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['scoring'],
          summary: 'How well scores rank contacts against an outcome: ROC AUC, conversion by grade and score decile',
          querystring: z.object({
            outcome: z
              .string()
              .regex(/^(customer|property:[a-z][a-z0-9_]{0,62})$/, 'customer, or property:<key> of a custom property')
              .default('customer'),
          }),
          response: {
            200: z.object({
              outcome: z.string(),
              contacts: z.number(),
              positives: z.number(),
              auc: z.number().nullable(),
              byGrade: z.array(
                z.object({ grade: z.string(), contacts: z.number(), positives: z.number(), rate: z.number() }),
              ),
              byScoreDecile: z.array(
                z.object({
                  decile: z.number(),
                  minScore: z.number(),
                  maxScore: z.number(),
                  contacts: z.number(),
                  positives: z.number(),
                  rate: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        calibrate(ctx.db, {
          workspaceId: principalOf(request).workspaceId,
          outcome: request.query.outcome as 'customer',
          now: ctx.clock.now(),
        }),
    );

    app.get(
      '/api/contacts/:id/score',
      {
        config: { access: { roles: everyone } },
        schema: {
          tags: ['scoring'],
          summary: 'Why a contact has its score and grade: each activity and criterion, after decay, and the history',
          params: z.object({ id: z.uuid() }),
          response: {
            200: z.object({
              score: z.number(),
              grade: z.string().nullable(),
              fitPoints: z.number(),
              persona: z.object({ id: z.string(), name: z.string(), description: z.string() }).nullable(),
              isMql: z.boolean(),
              mqlRule: z.object({ minGrade: z.string(), minScore: z.number() }),
              engagement: z.array(
                z.object({
                  ruleId: z.string(),
                  label: z.string(),
                  activityId: z.string(),
                  activityType: z.string(),
                  activityTitle: z.string().nullable(),
                  occurredAt: z.date(),
                  points: z.number(),
                  pointsNow: z.number(),
                }),
              ),
              capped: z.array(z.object({ ruleId: z.string(), label: z.string(), count: z.number() })),
              fit: z.array(z.object({ id: z.string(), label: z.string(), points: z.number() })),
              history: z.array(
                z.object({ at: z.date(), score: z.number(), grade: z.string().nullable(), cause: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await assertContactVisible(ctx, principal, request.params.id);
        const model = await loadModel(ctx.db, principal.workspaceId);
        return explainScore(ctx.db, {
          workspaceId: principal.workspaceId,
          contactId: request.params.id,
          model,
          now: ctx.clock.now(),
        });
      },
    );
  };
}
