import type { SqlClient } from '../../core/db/sql-client';
import type { FitProfile } from '../scoring/fit-grade';
import { fitProfileOf } from '../scoring/fit-profile';
import type { OpenerTemplates, TalkTrackInput } from '../talk-track/write-talk-track';
import type { RepState } from './availability';
import type { RoutingRule, RoutingWorld } from './choose-rep';
import type { RoundRobinMember } from './round-robin';
import { defaultSchedule } from './sla-times';
import type { WeeklyHours } from './working-time';

/** The workspace's routing rules, in order. */
export async function loadRules(db: SqlClient, workspaceId: string): Promise<RoutingRule[]> {
  const { rows } = await db.query<RoutingRule & { working_hours_only: boolean }>(
    `select id, name, enabled, conditions, target, working_hours_only from routing_rules
      where workspace_id = $1 order by position, id`,
    [workspaceId],
  );
  return rows.map((row) => ({ ...row, workingHoursOnly: row.working_hours_only }));
}

/** Every user as routing sees them at `at`: pause, time off, cap, hours, untouched leads. */
export async function loadReps(db: SqlClient, workspaceId: string, at: Date): Promise<Map<string, RepState>> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    disabled: boolean;
    time_zone: string | null;
    hours: WeeklyHours | null;
    max_open_untouched: number | null;
    paused: boolean | null;
    paused_reason: string | null;
    ooo_until: Date | null;
    ooo_note: string | null;
    open_untouched: number;
  }>(
    `select u.id, u.name, u.disabled_at is not null as disabled, a.time_zone, a.hours, a.max_open_untouched, a.paused,
            a.paused_reason, o.ends_at as ooo_until, o.note as ooo_note,
            (select count(*)::int from sla_clocks k where k.workspace_id = u.workspace_id and k.user_id = u.id
                and k.status = 'open') as open_untouched
       from users u
       left join rep_availability a on a.workspace_id = u.workspace_id and a.user_id = u.id
       left join lateral (select ends_at, note from rep_time_off t
                           where t.workspace_id = u.workspace_id and t.user_id = u.id and t.starts_at <= $2 and t.ends_at > $2
                           order by ends_at desc limit 1) o on true
      where u.workspace_id = $1`,
    [workspaceId, at],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        userId: row.id,
        name: row.name,
        active: !row.disabled,
        paused: row.paused ?? false,
        pausedReason: row.paused_reason,
        schedule: { timeZone: row.time_zone ?? defaultSchedule.timeZone, hours: row.hours ?? defaultSchedule.hours },
        outOfOffice: row.ooo_until ? { until: row.ooo_until, note: row.ooo_note } : null,
        openUntouched: row.open_untouched,
        maxOpenUntouched: row.max_open_untouched,
      },
    ]),
  );
}

/** Teams with their members, weights and round-robin credits (members in a stable order). */
export async function loadTeams(
  db: SqlClient,
  workspaceId: string,
): Promise<Map<string, { name: string; members: RoundRobinMember[] }>> {
  const { rows } = await db.query<{ id: string; name: string; members: RoundRobinMember[] }>(
    `select t.id, t.name,
            coalesce(jsonb_agg(jsonb_build_object('userId', m.user_id, 'weight', m.weight, 'credit', coalesce(c.credit, 0))
                               order by m.user_id) filter (where m.user_id is not null), '[]') as members
       from teams t
       left join team_members m on m.workspace_id = t.workspace_id and m.team_id = t.id
       left join round_robin_credits c on c.workspace_id = t.workspace_id and c.team_id = t.id and c.user_id = m.user_id
      where t.workspace_id = $1
      group by t.id, t.name`,
    [workspaceId],
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, members: row.members }]));
}

export type LeadFacts = {
  id: string;
  name: string | null;
  firstName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  stage: string;
  ownerId: string | null;
  company: {
    id: string;
    name: string;
    industry: string | null;
    employees: number | null;
    ownerId: string | null;
  } | null;
  persona: string | null;
  /** The persona as the talk track uses it: pains, questions, objections, marketing's openers. */
  talkTrackPersona: TalkTrackInput['persona'];
  grade: string | null;
  score: number;
  profile: FitProfile;
};

type LeadRow = {
  id: string;
  name: string | null;
  first_name: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  country: string | null;
  source: string | null;
  lifecycle_stage: string;
  owner_id: string | null;
  properties: Record<string, unknown>;
  company_id: string | null;
  company_name: string | null;
  industry: string | null;
  employees: number | null;
  region: string | null;
  company_owner_id: string | null;
  grade: string | null;
  score: number | null;
  persona: string | null;
  pains: string[] | null;
  discovery_questions: string[] | null;
  objections: string[] | null;
  talk_track_templates: OpenerTemplates | null;
};

/** A lead as routing conditions see it: its fields, its company's (linked, or found by email domain), grade, score, persona. */
export async function loadLead(
  db: SqlClient,
  workspaceId: string,
  contactId: string,
  extra: { kind: string; at: Date },
): Promise<LeadFacts | undefined> {
  const row = (await loadLeadRows(db, workspaceId, [contactId], extra.at)).get(contactId);
  return row ? leadFactsOf(row, extra.kind) : undefined;
}

/** Several leads in one query (a routing batch), each as `loadLead` gives it for its hand-off's kind. */
export async function loadLeads(
  db: SqlClient,
  workspaceId: string,
  wanted: { contactId: string; kind: string }[],
  at: Date,
): Promise<Map<string, LeadFacts>> {
  const rows = await loadLeadRows(
    db,
    workspaceId,
    wanted.map((lead) => lead.contactId),
    at,
  );
  const leads = new Map<string, LeadFacts>();
  for (const { contactId, kind } of wanted) {
    const row = rows.get(contactId);
    // The first hand-off of a lead in the batch sets its kind; the caller reloads the lead for a second.
    if (row && !leads.has(contactId)) leads.set(contactId, leadFactsOf(row, kind));
  }
  return leads;
}

async function loadLeadRows(db: SqlClient, workspaceId: string, contactIds: string[], at: Date) {
  const { rows } = await db.query<LeadRow>(
    `select c.id, nullif(btrim(concat_ws(' ', c.first_name, c.last_name)), '') as name, c.first_name, c.email, c.phone, c.title,
            c.seniority, c.department, c.country, c.source, c.lifecycle_stage, c.owner_id, c.properties,
            co.id as company_id, coalesce(co.name, c.company_name) as company_name, co.industry, co.employees, co.region,
            co.owner_id as company_owner_id, s.grade,
            case when s.score_value > 0
                 then s.score_value * power(0.5, extract(epoch from ($3::timestamptz - s.score_at))
                                             / (86400 * coalesce((select coalesce(ss.active_half_life_days, ss.half_life_days)
                                                                    from scoring_settings ss where ss.workspace_id = c.workspace_id), 30)))
                 else 0 end as score,
            p.name as persona, p.pains, p.discovery_questions, p.objections, p.talk_track_templates
       from contacts c
       left join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
       left join personas p on p.workspace_id = s.workspace_id and p.id = s.persona_id
       left join lateral (
         select * from companies x
          where x.workspace_id = c.workspace_id
            and (x.id = c.company_id or (c.company_id is null and x.domain = lower(split_part(c.email, '@', 2))))
          limit 1) co on true
      where c.workspace_id = $1 and c.id = any($2::uuid[]) and c.merged_into_id is null`,
    [workspaceId, contactIds, at],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function leadFactsOf(row: LeadRow, kind: string): LeadFacts {
  // The fit profile, plus what only routing tests: region, grade, score, the kind of hand-off, company.
  const profile: FitProfile = {
    ...fitProfileOf(row),
    region: row.region,
    grade: row.grade,
    score: Math.round(row.score ?? 0),
    kind,
    handRaiser: kind === 'hand_raiser' ? 'true' : 'false',
    company: row.company_name,
  };
  return {
    id: row.id,
    name: row.name,
    firstName: row.first_name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    stage: row.lifecycle_stage,
    ownerId: row.owner_id,
    company: row.company_name
      ? {
          id: row.company_id ?? '',
          name: row.company_name,
          industry: row.industry,
          employees: row.employees,
          ownerId: row.company_owner_id,
        }
      : null,
    persona: row.persona,
    talkTrackPersona: row.persona
      ? {
          name: row.persona,
          pains: row.pains ?? [],
          discoveryQuestions: row.discovery_questions ?? [],
          objections: row.objections ?? [],
          templates: row.talk_track_templates ?? {},
        }
      : null,
    grade: row.grade,
    score: row.score ?? 0,
    profile,
  };
}

export function worldFor(
  lead: LeadFacts,
  reps: Map<string, RepState>,
  teams: Map<string, { name: string; members: RoundRobinMember[] }>,
  at: Date,
  exclude?: ReadonlySet<string>,
): RoutingWorld {
  return {
    profile: lead.profile,
    accountOwnerId: lead.company?.ownerId ?? null,
    rep: (userId) => reps.get(userId),
    team: (teamId) => teams.get(teamId),
    at,
    exclude,
  };
}
