import { z } from 'zod';
import { activityTypes } from '../activities/schema';
import type { FitField } from './fit-grade';
import { numericLiteral } from './numeric-literal';

/**
 * The scoring model as the API speaks it: zod schemas shared by the routes and their tests. Every
 * change to the model is validated here before it reaches the scorer.
 */

const fitFields = [
  'title',
  'seniority',
  'department',
  'country',
  'industry',
  'employees',
  'persona',
  'emailDomainType',
  'emailDomain',
  'source',
] as const;

export const fitFieldSchema = z
  .union([
    z.enum(fitFields),
    z.string().regex(/^properties\.[a-z][a-z0-9_]{0,62}$/, 'a standard field or properties.<key> of a custom property'),
  ])
  .transform((field) => field as FitField);

const words = z.array(z.string().trim().min(1).max(200)).max(200);
/** Ids and campaign ids as PostgreSQL prints them (lower case), so comparisons in SQL and in code agree. */
const uuid = z.uuid().transform((id) => id.toLowerCase());

/** Regular expression syntax that JavaScript and PostgreSQL read differently (or one of them not at all). */
const dialectOnly = /\\[bBAZpPkmMyYeu]|\(\?<[^=!]/;
const repeatOverLimit = (source: string) =>
  [...source.matchAll(/\{([0-9]+)(?:,([0-9]*))?\}/g)].some(
    (match) => Number(match[1]) > 255 || (match[2] !== undefined && match[2] !== '' && Number(match[2]) > 255),
  );

export const fitCriterionSchema = z
  .object({
    id: uuid.optional(),
    label: z.string().trim().min(1).max(200),
    field: fitFieldSchema,
    operator: z.enum(['contains_any', 'equals_any', 'gte', 'lte', 'is_set', 'is_not_set']),
    values: words.default([]),
    points: z.number().int().min(-1000).max(1000),
  })
  .superRefine((criterion, issues) => {
    if (['gte', 'lte'].includes(criterion.operator) && !numericLiteral.test(criterion.values[0] ?? '')) {
      issues.addIssue({ code: 'custom', path: ['values'], message: 'a number to compare with' });
    }
    if (['contains_any', 'equals_any'].includes(criterion.operator) && criterion.values.length === 0) {
      issues.addIssue({ code: 'custom', path: ['values'], message: 'at least one value' });
    }
  });

export const activityMatchSchema = z
  .object({
    types: z.array(z.enum(activityTypes)).max(activityTypes.length).optional(),
    urlContains: z.string().trim().min(1).max(500).optional(),
    urlPattern: z
      .string()
      .min(1)
      .max(500)
      .refine(
        (source) => !dialectOnly.test(source) && !repeatOverLimit(source),
        'uses syntax PostgreSQL reads differently (\\b, \\p{…}, named groups, repeats over 255): write it plainly',
      )
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional(),
    titleContains: z.string().trim().min(1).max(500).optional(),
    campaignId: uuid.optional(),
    eventName: z.string().trim().min(1).max(200).optional(),
    properties: z
      .record(z.string().min(1).max(100), z.union([z.string().max(500), z.number(), z.boolean()]))
      .optional(),
  })
  .strict();

export const capsSchema = z
  .object({
    perDay: z.number().int().min(0).max(10_000).optional(),
    perWeek: z.number().int().min(0).max(10_000).optional(),
    ever: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const engagementRuleSchema = z.object({
  id: uuid.optional(),
  label: z.string().trim().min(1).max(200),
  match: activityMatchSchema,
  points: z.number().int().min(-1000).max(1000),
  caps: capsSchema.default({}),
  enabled: z.boolean().default(true),
});

const grade = z.enum(['A', 'B', 'C', 'D']);
/** 200 criteria of at most ±1,000 points each: no band can lie beyond ±200,000. */
const band = z.number().int().min(-200_000).max(200_000);

export const scoringModelSchema = z
  .object({
    halfLifeDays: z.number().min(1).max(3650),
    gradeBands: z.object({ A: band, B: band, C: band, D: band }),
    mqlRule: z.object({ minGrade: grade, minScore: z.number().int().min(0).max(100_000) }),
    handRaiser: z.object({ forms: words, events: words }),
    disqualify: z
      .array(
        z.object({
          id: uuid.optional(),
          label: z.string().trim().min(1).max(200),
          field: fitFieldSchema,
          operator: z.enum(['contains_any', 'equals_any']),
          values: words.min(1),
        }),
      )
      .max(50),
    criteria: z.array(fitCriterionSchema).max(200),
    rules: z.array(engagementRuleSchema).max(200),
  })
  .refine((model) => model.gradeBands.A >= model.gradeBands.B, {
    path: ['gradeBands', 'A'],
    message: 'band A must start at or above band B',
  })
  .refine((model) => model.gradeBands.B >= model.gradeBands.C, {
    path: ['gradeBands', 'B'],
    message: 'band B must start at or above band C',
  })
  .refine((model) => model.gradeBands.C >= model.gradeBands.D, {
    path: ['gradeBands', 'C'],
    message: 'band C must start at or above band D',
  });

export type ScoringModelInput = z.input<typeof scoringModelSchema>;
export type ScoringModel = z.output<typeof scoringModelSchema>;

export const personaSchema = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(4000).default(''),
  conditions: z
    .array(
      z
        .object({
          // A persona cannot depend on the persona: it is what these conditions decide.
          field: fitFieldSchema.refine((field) => field !== 'persona', 'a persona cannot be defined by the persona'),
          operator: z.enum(['contains_any', 'equals_any', 'gte', 'lte']),
          values: words.min(1),
        })
        .refine(
          (condition) => !['gte', 'lte'].includes(condition.operator) || numericLiteral.test(condition.values[0] ?? ''),
          { path: ['values'], message: 'a number to compare with' },
        ),
    )
    .max(20),
  pains: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  discoveryQuestions: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  objections: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  priority: z.number().int().min(-1000).max(1000).default(0),
});
