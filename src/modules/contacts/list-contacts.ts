import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid } from '../../core/ids';
import type { Principal } from '../auth';
import type { ContactFilters, ContactSort } from './contact-filters';
import type { LifecycleStage } from './schema';
import { currentScoreSql, scoreRangeConditions } from './score-sql';
import { contactVisibility } from './visibility';

export type ContactSummary = {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  lifecycleStage: LifecycleStage;
  workingStatus: string | null;
  source: string | null;
  country: string | null;
  ownerId: string | null;
  ownerName: string | null;
  personaId: string | null;
  personaName: string | null;
  score: number;
  grade: string | null;
  lastActivityAt: Date | null;
  createdAt: Date;
  properties: Record<string, unknown>;
};

/** How each sort orders, and the column its keyset cursor follows. */
const sorts: Record<
  ContactSort,
  {
    key: SQL;
    type: 'timestamptz' | 'int' | 'float8' | 'text';
    direction: 'asc' | 'desc';
    nullable: boolean;
    /** The tie-breaker, spelled as the index that serves the sort has it (the same id either way). */
    id?: SQL;
  }
> = {
  last_activity_desc: { key: sql`c.last_activity_at`, type: 'timestamptz', direction: 'desc', nullable: true },
  last_activity_asc: { key: sql`c.last_activity_at`, type: 'timestamptz', direction: 'asc', nullable: true },
  created_desc: { key: sql`c.created_at`, type: 'timestamptz', direction: 'desc', nullable: false },
  created_asc: { key: sql`c.created_at`, type: 'timestamptz', direction: 'asc', nullable: false },
  // The rank orders by score now without changing as scores decay (contacts/score-sql.ts).
  score_desc: { key: sql`s.score_rank`, type: 'float8', direction: 'desc', nullable: true, id: sql`s.contact_id` },
  score_asc: { key: sql`s.score_rank`, type: 'float8', direction: 'asc', nullable: true, id: sql`s.contact_id` },
  name_asc: {
    key: sql`lower(coalesce(c.last_name, '') || ' ' || coalesce(c.first_name, ''))`,
    type: 'text',
    direction: 'asc',
    nullable: false,
  },
  name_desc: {
    key: sql`lower(coalesce(c.last_name, '') || ' ' || coalesce(c.first_name, ''))`,
    type: 'text',
    direction: 'desc',
    nullable: false,
  },
};

type Cursor = { sort: ContactSort; value: string | number | null; id: string };

/** Whether a cursor value can be what this sort's key is (a forged one must be a 400, not a failed cast). */
function valueFits(type: (typeof sorts)[ContactSort]['type'], value: unknown): boolean {
  switch (type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float8':
      return (
        typeof value === 'string' &&
        /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(value) &&
        Number.isFinite(Number(value))
      );
    case 'timestamptz':
      // As PostgreSQL prints a timestamptz: 2026-12-07 13:12:44.123456+00
      return (
        typeof value === 'string' &&
        /^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?([+-][0-9]{2}(:?[0-9]{2})?|Z)?$/.test(
          value,
        )
      );
    case 'text':
      return typeof value === 'string';
  }
}

const validCursor = (sort: ContactSort) => (cursor: Cursor) =>
  cursor.sort === sort &&
  typeof cursor.id === 'string' &&
  isUuid(cursor.id) &&
  (cursor.value === null || valueFits(sorts[sort].type, cursor.value));

/** Contacts `c` with their scores `s`: what contactConditions' conditions are written against. */
export const contactsWithScores = sql`contacts c join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id`;

/** Whether contactConditions reads `s` (the scores) for these filters: a count without it joins nothing. */
function filtersUseScores(filters: ContactFilters): boolean {
  return (
    filters.grade !== undefined ||
    filters.persona !== undefined ||
    (filters.scoreMin !== undefined && filters.scoreMin > 0) ||
    filters.scoreMax !== undefined
  );
}

/** The filters as SQL conditions on `c` (contacts) and `s` (their scores), for lists, counts and exports alike. */
export function contactConditions(input: {
  workspaceId: string;
  userId?: string;
  filters: ContactFilters;
  now?: Date;
}): SQL[] {
  const { filters, workspaceId } = input;
  const conditions: SQL[] = [sql`c.workspace_id = ${workspaceId}`, sql`c.merged_into_id is null`];
  if (filters.q) {
    // Every word typed must begin a word of the name, email or company ("jon bright" finds Jon Doe
    // of Brightforge). Only letters and digits reach the query: nothing the user types is syntax.
    const words = filters.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    conditions.push(
      words.length === 0
        ? sql`false`
        : sql`c.search @@ to_tsquery('simple', ${words.map((word) => `${word}:*`).join(' & ')})`,
    );
  }
  if (filters.stage) conditions.push(sql`c.lifecycle_stage = any(${sql.param(filters.stage)}::text[])`);
  if (filters.status) conditions.push(sql`c.working_status = any(${sql.param(filters.status)}::text[])`);
  if (filters.owner === 'none') conditions.push(sql`c.owner_id is null`);
  else if (filters.owner === 'me') conditions.push(input.userId ? sql`c.owner_id = ${input.userId}` : sql`false`);
  else if (filters.owner) conditions.push(sql`c.owner_id = ${filters.owner}`);
  if (filters.team) {
    conditions.push(
      sql`c.owner_id in (select user_id from team_members where workspace_id = ${workspaceId} and team_id = ${filters.team})`,
    );
  }
  if (filters.grade) conditions.push(sql`s.grade = any(${sql.param(filters.grade)}::text[])`);
  conditions.push(
    ...scoreRangeConditions({
      workspaceId,
      now: input.now ?? new Date(),
      min: filters.scoreMin,
      max: filters.scoreMax,
    }),
  );
  if (filters.persona === 'none') conditions.push(sql`s.persona_id is null`);
  else if (filters.persona) conditions.push(sql`s.persona_id = ${filters.persona}`);
  if (filters.source) conditions.push(sql`c.source = any(${sql.param(filters.source)}::text[])`);
  if (filters.company) conditions.push(sql`c.company_id = ${filters.company}`);
  if (filters.country) conditions.push(sql`lower(c.country) = ${filters.country.toLowerCase()}`);
  if (filters.lastActivityAfter) conditions.push(sql`c.last_activity_at >= ${filters.lastActivityAfter}`);
  if (filters.lastActivityBefore) conditions.push(sql`c.last_activity_at < ${filters.lastActivityBefore}`);
  if (filters.createdAfter) conditions.push(sql`c.created_at >= ${filters.createdAfter}`);
  if (filters.createdBefore) conditions.push(sql`c.created_at < ${filters.createdBefore}`);
  if (filters.property) {
    const [key, ...rest] = filters.property.split(':');
    const value = rest.join(':');
    const asNumber = Number(value);
    const candidates = [JSON.stringify({ [key!]: value }), JSON.stringify({ [key!]: [value] })];
    if (value === 'true' || value === 'false') candidates.push(JSON.stringify({ [key!]: value === 'true' }));
    if (value !== '' && Number.isFinite(asNumber)) candidates.push(JSON.stringify({ [key!]: asNumber }));
    conditions.push(
      sql`(${sql.join(
        candidates.map((candidate) => sql`c.properties @> ${candidate}::jsonb`),
        sql` or `,
      )})`,
    );
  }
  return conditions;
}

/**
 * Contacts matching the filters, in the chosen order, with keyset pagination (fast at any depth,
 * stable while rows arrive). Sales reps see only what the workspace's lead visibility allows.
 */
export async function listContacts(
  ctx: AppContext,
  input: { principal: Principal; filters: ContactFilters; cursor?: string; limit: number },
): Promise<{ items: ContactSummary[]; nextCursor: string | null }> {
  const { principal, filters } = input;
  const sort = sorts[filters.sort];
  const cursor = input.cursor ? decodeCursor(input.cursor, validCursor(filters.sort)) : undefined;
  const conditions = contactConditions({
    workspaceId: principal.workspaceId,
    userId: principal.kind === 'user' ? principal.userId : undefined,
    filters,
    now: ctx.clock.now(),
  });
  const visibility = await contactVisibility(ctx, principal);
  if (visibility) conditions.push(visibility);
  const idKey = sort.id ?? sql`c.id`;
  if (cursor) {
    const op = sort.direction === 'desc' ? sql.raw('<') : sql.raw('>');
    const value = sql`${cursor.value}::${sql.raw(sort.type)}`;
    if (sort.nullable && cursor.value === null)
      conditions.push(sql`(${sort.key} is null and ${idKey} ${op} ${cursor.id})`);
    else {
      conditions.push(
        sql`(${sort.key} ${op} ${value} or (${sort.key} = ${value} and ${idKey} ${op} ${cursor.id})${sort.nullable ? sql` or ${sort.key} is null` : sql``})`,
      );
    }
  }
  const direction = sql.raw(sort.direction);
  const { rows } = await ctx.db.execute<{
    id: string;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    title: string | null;
    company_id: string | null;
    company_name: string | null;
    lifecycle_stage: LifecycleStage;
    working_status: string | null;
    source: string | null;
    country: string | null;
    owner_id: string | null;
    owner_name: string | null;
    persona_id: string | null;
    persona_name: string | null;
    score: number;
    grade: string | null;
    last_activity_at: Date | null;
    created_at: Date;
    properties: Record<string, unknown>;
    sort_value: string | number | null;
  }>(sql`
    select c.id, c.email, c.first_name, c.last_name, c.title, c.company_id, coalesce(co.name, c.company_name) as company_name,
           c.lifecycle_stage, c.working_status, c.source, c.country, c.owner_id, u.name as owner_name, s.persona_id, pe.name as persona_name,
           ${currentScoreSql('s', principal.workspaceId, ctx.clock.now())} as score, s.grade, c.last_activity_at, c.created_at, c.properties, ${sort.key}::text as sort_value
      from ${contactsWithScores}
      left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
      left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
      left join personas pe on pe.workspace_id = s.workspace_id and pe.id = s.persona_id
     where ${sql.join(conditions, sql` and `)}
     order by ${sort.key} ${direction} nulls last, ${idKey} ${direction} nulls last
     limit ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name,
      title: row.title,
      companyId: row.company_id,
      companyName: row.company_name,
      lifecycleStage: row.lifecycle_stage,
      workingStatus: row.working_status,
      source: row.source,
      country: row.country,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      personaId: row.persona_id,
      personaName: row.persona_name,
      score: row.score,
      grade: row.grade,
      lastActivityAt: row.last_activity_at ? new Date(row.last_activity_at) : null,
      createdAt: new Date(row.created_at),
      properties: row.properties,
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({
            sort: filters.sort,
            value: last.sort_value === null ? null : sort.type === 'int' ? Number(last.sort_value) : last.sort_value,
            id: last.id,
          })
        : null,
  };
}

/** How many contacts match (for "1,234 leads" above a list; counted apart so pages stay fast). */
export async function countContacts(
  ctx: AppContext,
  input: { principal: Principal; filters: ContactFilters },
): Promise<number> {
  const conditions = contactConditions({
    workspaceId: input.principal.workspaceId,
    userId: input.principal.kind === 'user' ? input.principal.userId : undefined,
    filters: input.filters,
    now: ctx.clock.now(),
  });
  const visibility = await contactVisibility(ctx, input.principal);
  if (visibility) conditions.push(visibility);
  const { rows } = await ctx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from ${filtersUseScores(input.filters) ? contactsWithScores : sql`contacts c`}
         where ${sql.join(conditions, sql` and `)}`,
  );
  return rows[0]?.n ?? 0;
}
