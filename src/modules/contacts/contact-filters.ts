import { z } from 'zod';
import { channels } from '../campaigns/schema';
import { lifecycleStages, workingStatuses } from './schema';

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(1000)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const contactSorts = [
  'last_activity_desc',
  'last_activity_asc',
  'created_desc',
  'created_asc',
  'score_desc',
  'score_asc',
  'name_asc',
  'name_desc',
] as const;
export type ContactSort = (typeof contactSorts)[number];

/**
 * Everything a contact list can be narrowed by. Query-string shaped (lists are comma separated) so a
 * view is a URL, and the same object is stored as a saved view.
 */
export const contactFiltersSchema = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Words that begin a name, email or company word'),
  stage: list(lifecycleStages).optional(),
  status: list(workingStatuses).optional().describe('Sales working status'),
  owner: z
    .union([z.literal('me'), z.literal('none'), z.uuid()])
    .optional()
    .describe('A user id, `me`, or `none` for unassigned'),
  team: z.uuid().optional().describe('Owned by a member of this team'),
  grade: z
    .string()
    .max(20)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(['A', 'B', 'C', 'D', 'F'])).min(1))
    .optional(),
  scoreMin: z.coerce.number().int().optional(),
  scoreMax: z.coerce.number().int().optional(),
  persona: z.union([z.literal('none'), z.uuid()]).optional(),
  source: list(channels).optional(),
  company: z.uuid().optional(),
  country: z.string().max(100).optional(),
  lastActivityAfter: z.coerce.date().optional(),
  lastActivityBefore: z.coerce.date().optional(),
  createdAfter: z.coerce.date().optional(),
  createdBefore: z.coerce.date().optional(),
  property: z
    .string()
    .max(500)
    .regex(/^[a-z][a-z0-9_]{0,62}:.+$/, 'key:value')
    .optional()
    .describe('A custom property equal to (or, for multi selects, containing) a value: `key:value`'),
  sort: z.enum(contactSorts).default('last_activity_desc'),
});

export type ContactFilters = z.infer<typeof contactFiltersSchema>;
