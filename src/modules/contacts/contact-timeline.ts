import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid } from '../../core/ids';

export const timelineKinds = ['activity', 'touch', 'stage', 'status', 'sales', 'deal', 'assignment', 'sla'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export type TimelineItem = {
  id: string;
  kind: TimelineKind;
  type: string;
  at: Date;
  title: string | null;
  url: string | null;
  contactId: string | null;
  detail: Record<string, unknown>;
};

type Cursor = { at: string; id: string };
const validCursor = (cursor: Cursor) =>
  typeof cursor.id === 'string' &&
  isUuid(cursor.id) &&
  typeof cursor.at === 'string' &&
  !Number.isNaN(Date.parse(cursor.at));

/**
 * The pieces of a timeline, each selecting (id, kind, type, at, title, url, contact_id, detail) for
 * the contacts `who` names, newest first, after the cursor. Each is a separate index range; the
 * union is merged and cut to the page.
 */
function sources(input: {
  workspaceId: string;
  who: (column: SQL) => SQL;
  after: SQL[];
  limit: number;
  companyId?: string;
}) {
  const { workspaceId, who, limit } = input;
  const page = (at: SQL, id: SQL) => sql`(${at}, ${id}) < (${input.after[0]}::timestamptz, ${input.after[1]}::uuid)`;
  const parts: Record<TimelineKind, SQL> = {
    activity: sql`(select a.id, 'activity' as kind, a.type, a.occurred_at as at, a.title, a.url, a.contact_id,
            a.properties || jsonb_build_object('campaign', cp.name) as detail
       from activities a left join campaigns cp on cp.workspace_id = a.workspace_id and cp.id = a.campaign_id
      where a.workspace_id = ${workspaceId} and ${who(sql`a.contact_id`)} and ${page(sql`a.occurred_at`, sql`a.id`)}
      order by a.occurred_at desc, a.id desc limit ${limit})`,
    touch: sql`(select t.id, 'touch', t.channel, t.occurred_at, cp.name, t.landing_url, t.contact_id,
            jsonb_build_object('source', t.source, 'medium', t.medium, 'referrer', t.referrer, 'campaign', cp.name)
       from touches t left join campaigns cp on cp.workspace_id = t.workspace_id and cp.id = t.campaign_id
      where t.workspace_id = ${workspaceId} and ${who(sql`t.contact_id`)} and ${page(sql`t.occurred_at`, sql`t.id`)}
      order by t.occurred_at desc, t.id desc limit ${limit})`,
    stage: sql`(select s.id, 'stage', s.to_stage, s.at, s.reason, null, s.contact_id,
            jsonb_build_object('from', s.from_stage, 'actorType', s.actor_type, 'actorName', u.name, 'rule', s.rule) || s.details
       from stage_transitions s left join users u on u.workspace_id = s.workspace_id and u.id = s.actor_id
      where s.workspace_id = ${workspaceId} and ${who(sql`s.contact_id`)} and ${page(sql`s.at`, sql`s.id`)}
      order by s.at desc, s.id desc limit ${limit})`,
    status: sql`(select s.id, 'status', s.to_status, s.at, s.reason, null, s.contact_id,
            jsonb_build_object('from', s.from_status, 'actorType', s.actor_type, 'actorName', u.name)
       from status_changes s left join users u on u.workspace_id = s.workspace_id and u.id = s.actor_id
      where s.workspace_id = ${workspaceId} and ${who(sql`s.contact_id`)} and ${page(sql`s.at`, sql`s.id`)}
      order by s.at desc, s.id desc limit ${limit})`,
    sales: sql`(select x.id, 'sales', x.type, x.occurred_at, x.subject, null, x.contact_id,
            jsonb_build_object('outcome', x.outcome, 'durationSeconds', x.duration_seconds, 'body', x.body, 'dueAt', x.due_at,
              'completedAt', x.completed_at, 'userId', x.user_id, 'userName', u.name, 'dealId', x.deal_id)
       from sales_activities x left join users u on u.workspace_id = x.workspace_id and u.id = x.user_id
      where x.workspace_id = ${workspaceId}
        and (${who(sql`x.contact_id`)}${input.companyId ? sql` or x.company_id = ${input.companyId}` : sql``})
        and ${page(sql`x.occurred_at`, sql`x.id`)}
      order by x.occurred_at desc, x.id desc limit ${limit})`,
    assignment: sql`(select a.id, 'assignment', a.kind, a.at, a.reason, null, a.contact_id,
            jsonb_build_object('userName', u.name, 'rule', a.rule, 'skipped', a.skipped, 'previousUserName', p.name)
       from assignments a
       left join users u on u.workspace_id = a.workspace_id and u.id = a.user_id
       left join users p on p.workspace_id = a.workspace_id and p.id = a.previous_user_id
      where a.workspace_id = ${workspaceId} and ${who(sql`a.contact_id`)} and ${page(sql`a.at`, sql`a.id`)}
      order by a.at desc, a.id desc limit ${limit})`,
    sla: sql`(select e.id, 'sla', e.type, e.at, null, null, e.contact_id, e.details || jsonb_build_object('userName', u.name)
       from sla_events e left join users u on u.workspace_id = e.workspace_id and u.id = e.user_id
      where e.workspace_id = ${workspaceId} and ${who(sql`e.contact_id`)} and e.type <> 'started'
        and ${page(sql`e.at`, sql`e.id`)}
      order by e.at desc, e.id desc limit ${limit})`,
    deal: sql`(select e.id, 'deal', e.type, e.at, d.name, null, null::uuid,
            jsonb_build_object('dealId', d.id, 'amountMinor', d.amount_minor, 'currency', d.currency, 'stage', d.stage,
                               'lostReason', d.lost_reason)
       from deals d
       cross join lateral (values (d.id, 'opened', d.created_at),
                                  (md5(d.id::text || 'closed')::uuid, d.status, d.closed_at)) as e(id, type, at)
      where d.workspace_id = ${workspaceId} and e.at is not null and (e.type = 'opened' or d.status <> 'open')
        and (d.id in (select dc.deal_id from deal_contacts dc where dc.workspace_id = ${workspaceId} and ${who(sql`dc.contact_id`)})
             ${input.companyId ? sql` or d.company_id = ${input.companyId}` : sql``})
        and ${page(sql`e.at`, sql`e.id`)}
      order by e.at desc, e.id desc limit ${limit})`,
  };
  return parts;
}

async function timeline(
  ctx: AppContext,
  input: {
    workspaceId: string;
    who: (column: SQL) => SQL;
    companyId?: string;
    kinds?: TimelineKind[];
    cursor?: string;
    limit: number;
  },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const cursor = input.cursor
    ? decodeCursor(input.cursor, validCursor)
    : { at: '9999-01-01T00:00:00Z', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
  const parts = sources({ ...input, after: [sql`${cursor.at}`, sql`${cursor.id}`] });
  const chosen = (input.kinds?.length ? input.kinds : timelineKinds).map((kind) => parts[kind]);
  const { rows } = await ctx.db.execute<{
    id: string;
    kind: TimelineKind;
    type: string;
    at: Date;
    title: string | null;
    url: string | null;
    contact_id: string | null;
    detail: Record<string, unknown>;
  }>(sql`
    select * from (${sql.join(chosen, sql` union all `)}) as items(id, kind, type, at, title, url, contact_id, detail)
     order by at desc, id desc limit ${input.limit}`);
  const items = rows.map(({ contact_id, ...row }) => ({ ...row, contactId: contact_id, at: new Date(row.at) }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: items.length === input.limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
  };
}

/**
 * One chronological feed per contact, newest first: what they did (activities), where they came
 * from (touches), how their stage and working status moved, what sales did, their deals, who they
 * were assigned to and how the SLA went.
 * Keyset-paginated on (time, id), so items sharing a moment are never split or skipped.
 */
export function contactTimeline(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; kinds?: TimelineKind[]; cursor?: string; limit: number },
) {
  return timeline(ctx, { ...input, who: (column) => sql`${column} = ${input.contactId}` });
}

/**
 * The same feed rolled up over every contact of a company, with the company's own sales activities
 * and deals. `visibility` (a condition on `c`) limits it to the contacts the caller may see; a rep
 * restricted that way does not get the company-level items either.
 */
export function companyTimeline(
  ctx: AppContext,
  input: {
    workspaceId: string;
    companyId: string;
    visibility?: SQL;
    kinds?: TimelineKind[];
    cursor?: string;
    limit: number;
  },
) {
  const { visibility, ...rest } = input;
  return timeline(ctx, {
    ...rest,
    companyId: visibility ? undefined : input.companyId,
    who: (column) =>
      sql`${column} in (select c.id from contacts c where c.workspace_id = ${input.workspaceId} and c.company_id = ${input.companyId}
                         ${visibility ? sql`and ${visibility}` : sql``})`,
  });
}
