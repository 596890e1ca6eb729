import { type NormalizedRow, normalizeDomain, type RowError } from './normalize-row';
import {
  assignments,
  type ChunkEnv,
  type ChunkOutcome,
  failRows,
  linkCompanies,
  linkContacts,
  lookup,
  matchedIds,
  type StageColumn,
  stageCounts,
  stageRows,
} from './staging';
import { isInvalid } from './values';

const field = (name: string) => (row: NormalizedRow) => row.fields[name];

const columns: StageColumn[] = [
  ['type', 'text', field('type')],
  ['occurred_at', 'timestamptz', field('occurredAt')],
  ['contact_email', 'text', field('contactEmail')],
  ['contact_external_id', 'text', field('contactExternalId')],
  ['deal_external_id', 'text', field('dealExternalId')],
  ['company_name', 'text', field('company')],
  [
    'company_domain',
    'text',
    (row) => {
      const value = row.fields.company;
      if (typeof value !== 'string' || /\s/.test(value.trim())) return null;
      const domain = normalizeDomain(value);
      return isInvalid(domain) ? null : domain;
    },
  ],
  ['user_id', 'uuid', field('ownerId')],
  ['outcome', 'text', field('outcome')],
  ['duration_seconds', 'int', field('durationSeconds')],
  ['subject', 'text', field('subject')],
  ['body', 'text', field('body')],
  ['due_at', 'timestamptz', field('dueAt')],
  ['external_id', 'text', field('externalId')],
];

async function resolveActivities(env: ChunkEnv): Promise<void> {
  const { client, workspaceId } = env;
  // No index on external ids: one pass over the workspace's activities, the ids hashed (a constant array).
  const { rows } = await client.query<{ ids: string[] | null }>(
    `select array_agg(distinct external_id) as ids from import_stage where external_id is not null and not failed`,
  );
  if (rows[0]!.ids) {
    await client.query(
      `with m as materialized (
         select distinct on (a.external_id) a.external_id, a.id from sales_activities a
          where a.workspace_id = $1 and a.external_id = any($2::text[]) order by a.external_id, a.created_at, a.id)
       update import_stage s set target_id = m.id, matched_by = 'external_id'
         from m where s.target_id is null and not s.failed and s.external_id = m.external_id`,
      [workspaceId, rows[0]!.ids],
    );
  }
  // Without an external id: the same type at the same moment about the same records with the same subject.
  await lookup(client, {
    where: 't.target_id is null and t.external_id is null',
    probe: `select a.id from sales_activities a
             where a.workspace_id = $1 and a.type = t.type and a.occurred_at = t.occurred_at
               and a.contact_id is not distinct from t.contact_id and a.deal_id is not distinct from t.deal_id
               and a.company_id is not distinct from t.company_id and a.subject is not distinct from t.subject
               and (t.contact_id is null or a.contact_id = t.contact_id)
               and (t.deal_id is null or a.deal_id = t.deal_id)`,
    set: `target_id = m.id, matched_by = 'natural'`,
    params: [workspaceId],
  });
}

/**
 * Sales activities (calls, emails, meetings, notes, tasks) as history: about a contact (email or
 * external id), a deal (external id) or a company, by a user. Upserted by external id, else by
 * what they are. Imported history does not move working statuses.
 */
export async function writeSalesActivities(env: ChunkEnv, rows: NormalizedRow[]): Promise<ChunkOutcome> {
  const { client, workspaceId, at } = env;
  await stageRows(client, columns, rows, at, ['contact_id uuid', 'deal_id uuid', 'company_id uuid']);
  const errors: RowError[] = [];
  errors.push(...(await linkContacts(env)));
  await lookup(client, {
    where: 't.deal_external_id is not null',
    probe: 'select d.id from deals d where d.workspace_id = $1 and d.external_id = t.deal_external_id',
    set: 'deal_id = m.id',
    params: [workspaceId],
  });
  errors.push(
    ...(await failRows(client, {
      where: 's.deal_id is null and s.deal_external_id is not null',
      reason: `'no deal with the external ID ' || s.deal_external_id`,
      value: 's.deal_external_id',
      field: 'dealExternalId',
    })),
  );
  errors.push(...(await linkCompanies(env, false, 'company')));
  await resolveActivities(env);

  const update = assignments(
    [
      ['type', 's.type'],
      ['occurred_at', 's.occurred_at'],
      ['contact_id', 'coalesce(s.contact_id, a.contact_id)'],
      ['deal_id', 'coalesce(s.deal_id, a.deal_id)'],
      ['company_id', 'coalesce(s.company_id, a.company_id)'],
      ['user_id', 'coalesce(s.user_id, a.user_id)'],
      ['outcome', 'coalesce(s.outcome, a.outcome)'],
      ['duration_seconds', 'coalesce(s.duration_seconds, a.duration_seconds)'],
      ['subject', 'coalesce(s.subject, a.subject)'],
      ['body', 'coalesce(s.body, a.body)'],
      ['due_at', 'coalesce(s.due_at, a.due_at)'],
      ['external_id', 'coalesce(a.external_id, s.external_id)'],
    ],
    'a',
  );
  const ids = await matchedIds(client);
  if (ids.length > 0) {
    await client.query(
      `with changed as (
         update sales_activities a set ${update.set}
           from import_stage s
          where a.workspace_id = $1 and a.id = any($2::uuid[]) and a.id = s.target_id and not s.failed and ${update.changed}
         returning s.row_number)
       update import_stage s set updated = true from changed where s.row_number = changed.row_number`,
      [workspaceId, ids],
    );
  }
  await client.query(
    `with created as (
       insert into sales_activities (workspace_id, id, contact_id, deal_id, company_id, user_id, type, occurred_at, outcome,
                                     duration_seconds, subject, body, due_at, external_id, created_at)
       select $1, s.new_id, s.contact_id, s.deal_id, s.company_id, s.user_id, s.type, s.occurred_at, s.outcome,
              s.duration_seconds, s.subject, s.body, s.due_at, s.external_id, $2
         from import_stage s
        where s.target_id is null and not s.failed
        order by s.row_number
       returning id)
     update import_stage s set inserted = true, target_id = s.new_id from created where s.new_id = created.id`,
    [workspaceId, at],
  );
  return { ...(await stageCounts(client)), errors };
}
