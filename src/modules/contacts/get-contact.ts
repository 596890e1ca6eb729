import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { ContactSummary } from './list-contacts';
import { currentScoreSql, scoreThenSql } from './score-sql';

/** The score trend looks this far back. */
const TREND_DAYS = 7;

export type ContactDetail = ContactSummary & {
  externalId: string | null;
  phone: string | null;
  seniority: string | null;
  department: string | null;
  country: string | null;
  city: string | null;
  workingStatus: string | null;
  consentStatus: string;
  firstSeenAt: Date | null;
  company: {
    id: string;
    name: string;
    domain: string | null;
    industry: string | null;
    employees: number | null;
  } | null;
  anonymousIds: string[];
  mergedIntoId: string | null;
  merges: { mergedId: string; at: Date; reason: string; email: string | null }[];
  /** The score a week ago (0 before the first score): the header shows the trend. */
  scoreWeekAgo: number;
  /** The running SLA clock: who must make the first touch, by when. */
  openSla: { dueAt: Date; startedAt: Date; userId: string; kind: string } | null;
};

export async function getContact(ctx: AppContext, workspaceId: string, contactId: string): Promise<ContactDetail> {
  const now = ctx.clock.now();
  const weekAgo = new Date(now.getTime() - TREND_DAYS * 86_400_000);
  const { rows } = await ctx.db.execute<Record<string, unknown>>(sql`
    select c.*, s.persona_id, s.grade, s.fit_points, u.name as owner_name, pe.name as persona_name,
           ${currentScoreSql('s', workspaceId, now)} as score,
           coalesce((select ${scoreThenSql(sql`sc.score`, sql`sc.at`, weekAgo, workspaceId)} from score_changes sc
                      where sc.workspace_id = c.workspace_id and sc.contact_id = c.id and sc.at <= ${weekAgo}
                      order by sc.at desc limit 1), 0) as score_week_ago,
           (select jsonb_build_object('dueAt', k.due_at, 'startedAt', k.started_at, 'userId', k.user_id, 'kind', k.kind)
              from sla_clocks k where k.workspace_id = c.workspace_id and k.contact_id = c.id and k.status = 'open'
             order by k.due_at limit 1) as open_sla,
           case when co.id is null then null else jsonb_build_object('id', co.id, 'name', co.name, 'domain', co.domain,
             'industry', co.industry, 'employees', co.employees) end as company,
           coalesce((select array_agg(i.value order by i.linked_at) from identities i
                      where i.workspace_id = c.workspace_id and i.contact_id = c.id and i.kind = 'anonymous'), '{}') as anonymous_ids,
           coalesce((select jsonb_agg(jsonb_build_object('mergedId', m.merged_id, 'at', m.at, 'reason', m.reason,
                                     'email', m.snapshot->>'email') order by m.at desc)
                       from contact_merges m where m.workspace_id = c.workspace_id and m.survivor_id = c.id), '[]') as merges
      from contacts c
      join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
      left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id
      left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
      left join personas pe on pe.workspace_id = s.workspace_id and pe.id = s.persona_id
     where c.workspace_id = ${workspaceId} and c.id = ${contactId}`);
  const row = rows[0];
  if (!row) throw notFound('Contact');
  const date = (value: unknown) => (value ? new Date(value as string) : null);
  const company = row.company as ContactDetail['company'];
  return {
    id: row.id as string,
    email: row.email as string | null,
    externalId: row.external_id as string | null,
    firstName: row.first_name as string | null,
    lastName: row.last_name as string | null,
    phone: row.phone as string | null,
    title: row.title as string | null,
    seniority: row.seniority as string | null,
    department: row.department as string | null,
    companyId: row.company_id as string | null,
    companyName: company?.name ?? (row.company_name as string | null),
    personaId: row.persona_id as string | null,
    personaName: row.persona_name as string | null,
    properties: row.properties as Record<string, unknown>,
    country: row.country as string | null,
    city: row.city as string | null,
    lifecycleStage: row.lifecycle_stage as ContactDetail['lifecycleStage'],
    workingStatus: row.working_status as string | null,
    consentStatus: row.consent_status as string,
    source: row.source as string | null,
    ownerId: row.owner_id as string | null,
    ownerName: row.owner_name as string | null,
    score: row.score as number,
    grade: row.grade as string | null,
    firstSeenAt: date(row.first_seen_at),
    lastActivityAt: date(row.last_activity_at),
    createdAt: new Date(row.created_at as string),
    company,
    anonymousIds: row.anonymous_ids as string[],
    mergedIntoId: row.merged_into_id as string | null,
    scoreWeekAgo: Number(row.score_week_ago),
    openSla: openSlaOf(row.open_sla),
    merges: (row.merges as { mergedId: string; at: string; reason: string; email: string | null }[]).map((merge) => ({
      ...merge,
      at: new Date(merge.at),
    })),
  };
}

function openSlaOf(value: unknown): ContactDetail['openSla'] {
  if (!value) return null;
  const clock = value as { dueAt: string; startedAt: string; userId: string; kind: string };
  return { ...clock, dueAt: new Date(clock.dueAt), startedAt: new Date(clock.startedAt) };
}
