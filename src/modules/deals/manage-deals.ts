import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { LifecycleStage } from '../contacts';
import { type Actor, changeStage } from '../lifecycle';
import { listProperties, validateProperties } from '../properties';

export type DealFields = {
  name?: string;
  amountMinor?: number;
  currency?: string;
  stage?: string;
  expectedCloseOn?: string | null;
  ownerId?: string | null;
  companyId?: string | null;
  externalId?: string | null;
  properties?: Record<string, unknown>;
};

const columnOf: Record<Exclude<keyof DealFields, 'properties'>, string> = {
  name: 'name',
  amountMinor: 'amount_minor',
  currency: 'currency',
  stage: 'stage',
  expectedCloseOn: 'expected_close_on',
  ownerId: 'owner_id',
  companyId: 'company_id',
  externalId: 'external_id',
};

/** Stages a deal pulls its contacts forward from: opening one makes them opportunities. */
const beforeOpportunity: LifecycleStage[] = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'recycled', 'disqualified'];

async function checkReferences(db: Executor, workspaceId: string, fields: DealFields, contactIds: string[] = []) {
  const problems: { path: string; message: string }[] = [];
  if (fields.ownerId) {
    const { rows } = await db.execute(
      sql`select 1 from users where workspace_id = ${workspaceId} and id = ${fields.ownerId}`,
    );
    if (rows.length === 0) problems.push({ path: 'body.ownerId', message: 'no such user' });
  }
  if (fields.companyId) {
    const { rows } = await db.execute(
      sql`select 1 from companies where workspace_id = ${workspaceId} and id = ${fields.companyId}`,
    );
    if (rows.length === 0) problems.push({ path: 'body.companyId', message: 'no such company' });
  }
  if (contactIds.length > 0) {
    const { rows } = await db.execute<{ id: string }>(sql`
      select id from contacts where workspace_id = ${workspaceId} and id = any(${sql.param(contactIds)}::uuid[]) and merged_into_id is null`);
    for (const id of contactIds)
      if (!rows.some((row) => row.id === id)) problems.push({ path: 'body.contactIds', message: `no contact ${id}` });
  }
  if (problems.length > 0) throw new AppError('validation_failed', problems[0]!.message, { details: problems });
}

async function moveContacts(
  db: Executor,
  input: {
    workspaceId: string;
    dealId: string;
    to: LifecycleStage;
    from: LifecycleStage[];
    actor: Actor;
    at: Date;
    rule: string;
  },
) {
  const { rows } = await db.execute<{ contact_id: string }>(sql`
    select dc.contact_id from deal_contacts dc join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id
     where dc.workspace_id = ${input.workspaceId} and dc.deal_id = ${input.dealId}
       and c.lifecycle_stage = any(${sql.param(input.from)}::text[]) and c.merged_into_id is null`);
  for (const row of rows) {
    await changeStage(db, {
      workspaceId: input.workspaceId,
      contactId: row.contact_id,
      to: input.to,
      actor: input.actor,
      at: input.at,
      rule: input.rule,
      details: { dealId: input.dealId },
    });
  }
}

function conflict(error: unknown): never {
  if (isUniqueViolation(error, 'deals_external_id_key')) {
    throw new AppError('conflict', 'A deal with this external id already exists', {
      details: [{ path: 'body.externalId', message: 'already taken' }],
    });
  }
  throw error;
}

/** Opens a deal; its contacts become opportunities, and an unowned company gets the deal's owner. */
export async function createDeal(
  ctx: AppContext,
  input: { workspaceId: string; fields: DealFields & { name: string }; contactIds: string[]; actor: Actor },
): Promise<string> {
  const { workspaceId, fields } = input;
  await checkReferences(ctx.db, workspaceId, fields, input.contactIds);
  const properties = validateProperties(await listProperties(ctx.db, workspaceId, 'deal'), fields.properties ?? {}, {
    partial: false,
  });
  const id = newId();
  const at = ctx.clock.now();
  const values = { stage: 'discovery', currency: 'USD', amountMinor: 0, ...fields };
  const assignments = Object.entries(columnOf).filter(([field]) => values[field as keyof DealFields] !== undefined);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into deals (workspace_id, id, status, created_at, updated_at, properties, ${sql.raw(assignments.map(([, column]) => column).join(', '))})
        values (${workspaceId}, ${id}, 'open', ${at}, ${at}, ${JSON.stringify(properties)}::jsonb,
                ${sql.join(
                  assignments.map(([field]) => sql`${values[field as keyof DealFields] as string | number | null}`),
                  sql`, `,
                )})`);
      await linkContacts(tx, { workspaceId, dealId: id, contactIds: input.contactIds });
      await moveContacts(tx, {
        workspaceId,
        dealId: id,
        to: 'opportunity',
        from: beforeOpportunity,
        actor: input.actor,
        at,
        rule: 'deal opened',
      });
      if (fields.companyId && fields.ownerId) {
        await tx.execute(sql`update companies set owner_id = ${fields.ownerId}
                              where workspace_id = ${workspaceId} and id = ${fields.companyId} and owner_id is null`);
      }
    });
  } catch (error) {
    conflict(error);
  }
  return id;
}

export async function linkContacts(
  db: Executor,
  input: { workspaceId: string; dealId: string; contactIds: string[]; role?: string },
) {
  if (input.contactIds.length === 0) return;
  await db.execute(sql`
    insert into deal_contacts (workspace_id, deal_id, contact_id, role)
    select ${input.workspaceId}, ${input.dealId}, id, ${input.role ?? null} from unnest(${sql.param(input.contactIds)}::uuid[]) as id
    on conflict do nothing`);
}

/** Changes an open (or closed) deal's fields; added contacts become opportunities. */
export async function updateDeal(
  ctx: AppContext,
  input: {
    workspaceId: string;
    dealId: string;
    fields: DealFields;
    addContactIds?: string[];
    removeContactIds?: string[];
    actor: Actor;
  },
): Promise<void> {
  const { workspaceId, fields } = input;
  await checkReferences(ctx.db, workspaceId, fields, input.addContactIds);
  const properties = fields.properties
    ? validateProperties(await listProperties(ctx.db, workspaceId, 'deal'), fields.properties, { partial: true })
    : undefined;
  const at = ctx.clock.now();
  const assignments = Object.entries(columnOf)
    .filter(([field]) => fields[field as keyof DealFields] !== undefined)
    .map(
      ([field, column]) =>
        sql`${sql.identifier(column)} = ${fields[field as keyof DealFields] as string | number | null}`,
    );
  if (properties) {
    const removed = Object.keys(properties).filter((key) => properties[key] === null);
    const kept = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null));
    assignments.push(sql`properties = (properties - ${sql.param(removed)}::text[]) || ${JSON.stringify(kept)}::jsonb`);
  }
  assignments.push(sql`updated_at = ${at}`);
  try {
    await ctx.db.transaction(async (tx) => {
      const result = await tx.execute(
        sql`update deals set ${sql.join(assignments, sql`, `)} where workspace_id = ${workspaceId} and id = ${input.dealId}`,
      );
      if (!result.rowCount) throw notFound('Deal');
      if (input.removeContactIds?.length) {
        await tx.execute(sql`delete from deal_contacts where workspace_id = ${workspaceId} and deal_id = ${input.dealId}
                              and contact_id = any(${sql.param(input.removeContactIds)}::uuid[])`);
      }
      if (input.addContactIds?.length) {
        await linkContacts(tx, { workspaceId, dealId: input.dealId, contactIds: input.addContactIds });
        const { rows } = await tx.execute<{ status: string }>(
          sql`select status from deals where workspace_id = ${workspaceId} and id = ${input.dealId}`,
        );
        if (rows[0]?.status === 'open') {
          await moveContacts(tx, {
            workspaceId,
            dealId: input.dealId,
            to: 'opportunity',
            from: beforeOpportunity,
            actor: input.actor,
            at,
            rule: 'deal opened',
          });
        }
      }
    });
  } catch (error) {
    conflict(error);
  }
}

/** Closes a deal won (its contacts become customers) or lost (with the reason). Reopening is a new stage. */
export async function closeDeal(
  ctx: AppContext,
  input: {
    workspaceId: string;
    dealId: string;
    outcome: 'won' | 'lost';
    reason?: string;
    amountMinor?: number;
    closedAt?: Date;
    actor: Actor;
  },
): Promise<void> {
  const at = input.closedAt ?? ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ status: string }>(sql`
      select status from deals where workspace_id = ${input.workspaceId} and id = ${input.dealId} for update`);
    if (!rows[0]) throw notFound('Deal');
    if (rows[0].status !== 'open') throw new AppError('conflict', `The deal is already ${rows[0].status}`);
    await tx.execute(sql`
      update deals set status = ${input.outcome}, stage = ${`closed_${input.outcome}`}, closed_at = ${at},
             lost_reason = ${input.outcome === 'lost' ? (input.reason ?? null) : null},
             amount_minor = coalesce(${input.amountMinor ?? null}::bigint, amount_minor), updated_at = ${ctx.clock.now()}
       where workspace_id = ${input.workspaceId} and id = ${input.dealId}`);
    if (input.outcome === 'won') {
      await moveContacts(tx, {
        workspaceId: input.workspaceId,
        dealId: input.dealId,
        to: 'customer',
        from: [...beforeOpportunity, 'opportunity'],
        actor: input.actor,
        at,
        rule: 'deal won',
      });
    }
  });
}

/** Reopens a closed deal at a pipeline stage (a lost deal revived; a won deal reopened by mistake). */
export async function reopenDeal(
  ctx: AppContext,
  input: { workspaceId: string; dealId: string; stage: string },
): Promise<void> {
  const result = await ctx.db.execute(sql`
    update deals set status = 'open', stage = ${input.stage}, closed_at = null, lost_reason = null, updated_at = ${ctx.clock.now()}
     where workspace_id = ${input.workspaceId} and id = ${input.dealId} and status <> 'open'`);
  if (!result.rowCount) throw new AppError('conflict', 'Only a closed deal can be reopened');
}

export async function deleteDeal(ctx: AppContext, input: { workspaceId: string; dealId: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.execute(
      sql`delete from deal_contacts where workspace_id = ${input.workspaceId} and deal_id = ${input.dealId}`,
    );
    await tx.execute(
      sql`update sales_activities set deal_id = null where workspace_id = ${input.workspaceId} and deal_id = ${input.dealId}`,
    );
    const result = await tx.execute(
      sql`delete from deals where workspace_id = ${input.workspaceId} and id = ${input.dealId}`,
    );
    if (!result.rowCount) throw notFound('Deal');
  });
}
