import { sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Actor } from '../lifecycle';
import { listProperties, validateProperties } from '../properties';
import { linkCompaniesByEmailDomain } from './bulk-write-contacts';
import type { LifecycleStage } from './schema';

export type ContactFields = {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  title?: string | null;
  seniority?: string | null;
  department?: string | null;
  companyName?: string | null;
  companyId?: string | null;
  country?: string | null;
  city?: string | null;
  source?: string | null;
  sourceDetail?: string | null;
  consentStatus?: 'granted' | 'denied' | 'unknown';
  consentText?: string | null;
  ownerId?: string | null;
  externalId?: string | null;
  properties?: Record<string, unknown>;
};

const columnOf: Record<Exclude<keyof ContactFields, 'properties'>, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  title: 'title',
  seniority: 'seniority',
  department: 'department',
  companyName: 'company_name',
  companyId: 'company_id',
  country: 'country',
  city: 'city',
  source: 'source',
  sourceDetail: 'source_detail',
  consentStatus: 'consent_status',
  consentText: 'consent_text',
  ownerId: 'owner_id',
  externalId: 'external_id',
};

async function checkReferences(ctx: AppContext, workspaceId: string, fields: ContactFields) {
  if (fields.ownerId) {
    const { rows } = await ctx.db.execute(
      sql`select 1 from users where workspace_id = ${workspaceId} and id = ${fields.ownerId}`,
    );
    if (rows.length === 0)
      throw new AppError('validation_failed', 'No such user', {
        details: [{ path: 'body.ownerId', message: 'no such user' }],
      });
  }
  if (fields.companyId) {
    const { rows } = await ctx.db.execute(
      sql`select 1 from companies where workspace_id = ${workspaceId} and id = ${fields.companyId}`,
    );
    if (rows.length === 0)
      throw new AppError('validation_failed', 'No such company', {
        details: [{ path: 'body.companyId', message: 'no such company' }],
      });
  }
}

function uniqueConflict(error: unknown): never {
  if (isUniqueViolation(error, 'contacts_email_key')) {
    throw new AppError('conflict', 'A contact with this email already exists', {
      details: [{ path: 'body.email', message: 'already taken' }],
    });
  }
  if (isUniqueViolation(error, 'contacts_external_id_key')) {
    throw new AppError('conflict', 'A contact with this external id already exists', {
      details: [{ path: 'body.externalId', message: 'already taken' }],
    });
  }
  throw error;
}

/** Creates a contact by hand (or API): checked custom properties, company by email domain, first stage recorded. */
export async function createContact(
  ctx: AppContext,
  input: { workspaceId: string; fields: ContactFields; stage: LifecycleStage; actor: Actor },
): Promise<string> {
  const { workspaceId, fields } = input;
  await checkReferences(ctx, workspaceId, fields);
  const properties = validateProperties(await listProperties(ctx.db, workspaceId, 'contact'), fields.properties ?? {}, {
    partial: false,
  });
  const id = newId();
  const at = ctx.clock.now();
  const assignments = Object.entries(columnOf).filter(([field]) => fields[field as keyof ContactFields] !== undefined);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into contacts (workspace_id, id, lifecycle_stage, stage_changed_at, first_seen_at, created_at, updated_at, properties,
                              ${sql.raw(assignments.map(([, column]) => column).join(', ') || 'consent_at')})
        values (${workspaceId}, ${id}, ${input.stage}, ${at}, ${at}, ${at}, ${at}, ${JSON.stringify(properties)}::jsonb,
                ${
                  assignments.length
                    ? sql.join(
                        assignments.map(([field]) => sql`${fields[field as keyof ContactFields] as string | null}`),
                        sql`, `,
                      )
                    : sql`null`
                })`);
      if (fields.consentStatus === 'granted') {
        await tx.execute(
          sql`update contacts set consent_at = ${at} where workspace_id = ${workspaceId} and id = ${id}`,
        );
      }
      await tx.execute(sql`
        insert into stage_transitions (workspace_id, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule)
        values (${workspaceId}, ${newId()}, ${id}, null, ${input.stage}, ${at}, ${input.actor.type}, ${input.actor.id}, 'created')`);
      if (fields.email && !fields.companyId) {
        await linkCompaniesByEmailDomain(tx, {
          workspaceId,
          contacts: [{ id, email: fields.email, companyName: fields.companyName ?? undefined }],
          at,
          newId: () => newId(),
        });
      }
    });
  } catch (error) {
    uniqueConflict(error);
  }
  return id;
}

/** Changes fields; custom properties merge (null removes one). */
export async function updateContact(
  ctx: AppContext,
  input: { workspaceId: string; contactId: string; fields: ContactFields },
): Promise<void> {
  const { workspaceId, fields } = input;
  await checkReferences(ctx, workspaceId, fields);
  const properties = fields.properties
    ? validateProperties(await listProperties(ctx.db, workspaceId, 'contact'), fields.properties, { partial: true })
    : undefined;
  const at = ctx.clock.now();
  const assignments = Object.entries(columnOf)
    .filter(([field]) => fields[field as keyof ContactFields] !== undefined)
    .map(
      ([field, column]) => sql`${sql.identifier(column)} = ${fields[field as keyof ContactFields] as string | null}`,
    );
  if (properties) {
    const removed = Object.keys(properties).filter((key) => properties[key] === null);
    const kept = Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null));
    assignments.push(sql`properties = (properties - ${sql.param(removed)}::text[]) || ${JSON.stringify(kept)}::jsonb`);
  }
  if (fields.consentStatus === 'granted') assignments.push(sql`consent_at = coalesce(consent_at, ${at})`);
  assignments.push(sql`updated_at = ${at}`);
  try {
    const result = await ctx.db.execute(sql`
      update contacts set ${sql.join(assignments, sql`, `)}
       where workspace_id = ${workspaceId} and id = ${input.contactId} and merged_into_id is null`);
    if (!result.rowCount) throw notFound('Contact');
  } catch (error) {
    uniqueConflict(error);
  }
}

/** Deletes a contact and everything recorded about them, with the records once merged into it. */
export async function deleteContact(ctx: AppContext, input: { workspaceId: string; contactId: string }): Promise<void> {
  const { workspaceId, contactId } = input;
  await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`
      delete from contacts where workspace_id = ${workspaceId} and (id = ${contactId} or merged_into_id = ${contactId})
      returning id`);
    if (!rows.some((row) => row.id === contactId)) throw notFound('Contact');
    const ids = sql.param(rows.map((row) => row.id));
    for (const table of [
      'activities',
      'touches',
      'stage_transitions',
      'status_changes',
      'identities',
      'deal_contacts',
      'sales_activities',
      // Routing: the hand-offs, assignments, SLA clocks and notifications carrying the lead's brief.
      'notifications',
      'sla_events',
      'sla_clocks',
      'assignments',
      'handoffs',
      'lead_snoozes',
      // Conversion paths: the steps the contact took (the funnel counts shrink with them).
      'conversion_events',
    ]) {
      await tx.execute(
        sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId} and contact_id = any(${ids}::uuid[])`,
      );
    }
  });
}
