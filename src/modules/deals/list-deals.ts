import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid } from '../../core/ids';
import type { DealStatus } from './schema';

export type DealView = {
  id: string;
  name: string;
  amountMinor: number;
  currency: string;
  stage: string;
  status: DealStatus;
  expectedCloseOn: string | null;
  closedAt: Date | null;
  lostReason: string | null;
  ownerId: string | null;
  ownerName: string | null;
  companyId: string | null;
  companyName: string | null;
  contacts: { id: string; name: string | null; email: string | null }[];
  properties: Record<string, unknown>;
  createdAt: Date;
};

const columns = sql`
  d.id, d.name, d.amount_minor, d.currency, d.stage, d.status, d.expected_close_on::text as expected_close_on, d.closed_at,
  d.lost_reason, d.owner_id, u.name as owner_name, d.company_id, co.name as company_name, d.properties, d.created_at,
  coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'email', c.email,
             'name', nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '')) order by c.created_at)
      from deal_contacts dc join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id
     where dc.workspace_id = d.workspace_id and dc.deal_id = d.id), '[]') as contacts`;

const from = sql`deals d
  left join users u on u.workspace_id = d.workspace_id and u.id = d.owner_id
  left join companies co on co.workspace_id = d.workspace_id and co.id = d.company_id`;

type Row = {
  id: string;
  name: string;
  amount_minor: number;
  currency: string;
  stage: string;
  status: DealStatus;
  expected_close_on: string | null;
  closed_at: Date | null;
  lost_reason: string | null;
  owner_id: string | null;
  owner_name: string | null;
  company_id: string | null;
  company_name: string | null;
  properties: Record<string, unknown>;
  created_at: Date;
  contacts: DealView['contacts'];
};

const toView = (row: Row): DealView => ({
  id: row.id,
  name: row.name,
  amountMinor: row.amount_minor,
  currency: row.currency,
  stage: row.stage,
  status: row.status,
  expectedCloseOn: row.expected_close_on,
  closedAt: row.closed_at ? new Date(row.closed_at) : null,
  lostReason: row.lost_reason,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  companyId: row.company_id,
  companyName: row.company_name,
  contacts: row.contacts,
  properties: row.properties,
  createdAt: new Date(row.created_at),
});

type Cursor = { at: string; id: string };

/** Deals, newest first, by status, owner, company or contact. */
/**
 * For a rep whose lead visibility is restricted: deals they own, or deals of a lead they may see
 * (`visibility` is that condition on contacts `c`).
 */
function visibleDeals(workspaceId: string, visibility: SQL, userId: string | undefined): SQL {
  return sql`(${userId ? sql`d.owner_id = ${userId} or ` : sql``}d.id in (
    select dc.deal_id from deal_contacts dc join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id
     where dc.workspace_id = ${workspaceId} and ${visibility}))`;
}

export async function listDeals(
  ctx: AppContext,
  input: {
    workspaceId: string;
    status?: DealStatus;
    owner?: string;
    company?: string;
    contact?: string;
    cursor?: string;
    limit: number;
    visibility?: SQL;
    userId?: string;
  },
): Promise<{ items: DealView[]; nextCursor: string | null }> {
  const cursor = input.cursor
    ? decodeCursor<Cursor>(
        input.cursor,
        (value) => isUuid(value.id) && typeof value.at === 'string' && !Number.isNaN(Date.parse(value.at)),
      )
    : undefined;
  const conditions: SQL[] = [sql`d.workspace_id = ${input.workspaceId}`];
  if (input.status) conditions.push(sql`d.status = ${input.status}`);
  if (input.owner) conditions.push(sql`d.owner_id = ${input.owner}`);
  if (input.company) conditions.push(sql`d.company_id = ${input.company}`);
  if (input.contact) {
    conditions.push(
      sql`d.id in (select deal_id from deal_contacts where workspace_id = ${input.workspaceId} and contact_id = ${input.contact})`,
    );
  }
  if (input.visibility) conditions.push(visibleDeals(input.workspaceId, input.visibility, input.userId));
  if (input.visibility) conditions.push(visibleDeals(input.workspaceId, input.visibility, input.userId));
  if (cursor) conditions.push(sql`(d.created_at, d.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  const { rows } = await ctx.db.execute<Row & { created_text: string }>(sql`
    select ${columns}, d.created_at::text as created_text from ${from}
     where ${sql.join(conditions, sql` and `)}
     order by d.created_at desc, d.id desc limit ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(toView),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.created_text, id: last.id }) : null,
  };
}

export async function getDeal(
  ctx: AppContext,
  workspaceId: string,
  dealId: string,
  restrict?: { visibility: SQL; userId?: string },
): Promise<DealView> {
  const { rows } = await ctx.db.execute<Row>(sql`
    select ${columns} from ${from}
     where d.workspace_id = ${workspaceId} and d.id = ${dealId}
       ${restrict ? sql`and ${visibleDeals(workspaceId, restrict.visibility, restrict.userId)}` : sql``}`);
  if (!rows[0]) throw notFound('Deal');
  return toView(rows[0]);
}
