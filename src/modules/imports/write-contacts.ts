import { companyDomainOf } from '../contacts';
import type { NormalizedRow, RowError } from './normalize-row';
import {
  assignments,
  type ChunkEnv,
  type ChunkOutcome,
  cachedCompany,
  checkRequiredProperties,
  failRows,
  insertRows,
  linkCompanies,
  lookup,
  matchedIds,
  type StageColumn,
  stageCounts,
  stageRows,
} from './staging';

const text = (field: string) => (row: NormalizedRow) => row.fields[field];

const columns = (env: ChunkEnv): StageColumn[] => {
  const fromEmail = !env.mapped.has('companyName') && !env.mapped.has('companyDomain');
  return [
    ['email', 'text', text('email')],
    ['external_id', 'text', text('externalId')],
    ['first_name', 'text', text('firstName')],
    ['last_name', 'text', text('lastName')],
    ['phone', 'text', text('phone')],
    ['title', 'text', text('title')],
    ['seniority', 'text', text('seniority')],
    ['department', 'text', text('department')],
    ['company_name', 'text', text('companyName')],
    [
      'company_domain',
      'text',
      (row) =>
        fromEmail
          ? typeof row.fields.email === 'string'
            ? companyDomainOf(row.fields.email)
            : null
          : row.fields.companyDomain,
    ],
    ['company_from_email', 'boolean', () => fromEmail],
    [
      'company_id',
      'uuid',
      (row) => (fromEmail ? null : cachedCompany(env, row.fields.companyName, row.fields.companyDomain)),
    ],
    ['country', 'text', text('country')],
    ['city', 'text', text('city')],
    ['source', 'text', text('source')],
    ['source_detail', 'text', text('sourceDetail')],
    ['lifecycle_stage', 'text', text('lifecycleStage')],
    ['working_status', 'text', text('workingStatus')],
    ['owner_id', 'uuid', text('ownerId')],
    ['consent_status', 'text', text('consentStatus')],
    ['created_at', 'timestamptz', text('createdAt')],
    ['properties', 'jsonb', (row) => row.properties],
  ];
};

/** Finds each staged row's contact: by email, else by external id (never a merged-away record). */
async function resolveContacts(env: ChunkEnv): Promise<void> {
  const found = `matched_by = m.matched_by, target_id = m.id, old_stage = m.lifecycle_stage,
                 old_status = m.working_status, old_external_id = m.external_id`;
  await lookup(env.client, {
    where: 't.target_id is null and t.email is not null',
    probe: `select c.id, 'email' as matched_by, c.lifecycle_stage, c.working_status, c.external_id from contacts c
             where c.workspace_id = $1 and lower(c.email) = t.email and c.email is not null and c.merged_into_id is null`,
    set: found,
    params: [env.workspaceId],
  });
  await lookup(env.client, {
    where: 't.target_id is null and t.external_id is not null',
    probe: `select c.id, 'external_id' as matched_by, c.lifecycle_stage, c.working_status, c.external_id from contacts c
             where c.workspace_id = $1 and c.external_id = t.external_id and c.merged_into_id is null`,
    set: found,
    params: [env.workspaceId],
  });
}

/** A contact found by email whose external id differs, or whose new external id another contact has. */
async function identityConflicts(env: ChunkEnv): Promise<RowError[]> {
  const errors = await failRows(env.client, {
    where: `s.matched_by = 'email' and s.external_id is not null and s.old_external_id is not null
            and s.old_external_id <> s.external_id`,
    reason: `'the contact with this email has the external ID "' || s.old_external_id || '", not "' || s.external_id || '"'`,
    value: 's.external_id',
    field: 'externalId',
    code: 'conflict',
  });
  await lookup(env.client, {
    where: `t.matched_by = 'email' and t.external_id is not null and t.old_external_id is null`,
    probe: `select o.id from contacts o where o.workspace_id = $1 and o.external_id = t.external_id
               and o.merged_into_id is null and o.id <> t.target_id`,
    set: 'other_id = m.id',
    params: [env.workspaceId],
  });
  errors.push(
    ...(await failRows(env.client, {
      where: `s.other_id is not null`,
      reason: `'the external ID "' || s.external_id || '" belongs to another contact'`,
      value: 's.external_id',
      field: 'externalId',
      code: 'conflict',
    })),
  );
  return errors;
}

/**
 * Contacts: upserted by email (else external id). A value in the file replaces the stored one; an
 * empty cell leaves it. Companies named (or implied by a company email domain) are linked, created
 * if missing. New contacts get their first stage recorded, changed stages and working statuses
 * their transition — actor `import`.
 */
export async function writeContacts(env: ChunkEnv, rows: NormalizedRow[]): Promise<ChunkOutcome> {
  const { client, workspaceId, at } = env;
  // New ids follow the email order, so the inserts walk the email index (and the id-ordered ones) in
  // one direction instead of jumping around it: about a tenth cheaper.
  const ordered = [...rows].sort((a, b) => {
    const left = (a.fields.email as string | undefined) ?? '';
    const right = (b.fields.email as string | undefined) ?? '';
    return left < right ? -1 : left > right ? 1 : 0;
  });
  await stageRows(client, columns(env), ordered, at, ['old_stage text', 'old_status text', 'old_external_id text']);
  const errors: RowError[] = [];
  await resolveContacts(env);
  errors.push(...(await identityConflicts(env)));
  errors.push(...(await linkCompanies(env, env.options.createMissingCompanies)));
  errors.push(...(await checkRequiredProperties(env)));

  const update = assignments(
    [
      ['email', `case when s.matched_by = 'external_id' then coalesce(s.email, c.email) else c.email end`],
      ['external_id', 'coalesce(c.external_id, s.external_id)'],
      ...[
        'first_name',
        'last_name',
        'phone',
        'title',
        'seniority',
        'department',
        'company_name',
        'country',
        'city',
      ].map((column): [string, string] => [column, `coalesce(s.${column}, c.${column})`]),
      [
        'company_id',
        'case when s.company_from_email then coalesce(c.company_id, s.company_id) else coalesce(s.company_id, c.company_id) end',
      ],
      ['source', 'coalesce(s.source, c.source)'],
      ['source_detail', 'coalesce(s.source_detail, c.source_detail)'],
      ['lifecycle_stage', 'coalesce(s.lifecycle_stage, c.lifecycle_stage)'],
      ['working_status', 'coalesce(s.working_status, c.working_status)'],
      ['owner_id', 'coalesce(s.owner_id, c.owner_id)'],
      ['consent_status', 'coalesce(s.consent_status, c.consent_status)'],
      ['properties', 'c.properties || s.properties'],
    ],
    'c',
  );
  const updateExisting = async () => {
    const ids = await matchedIds(client);
    if (ids.length === 0) return;
    await client.query(
      `with changed as (
         update contacts c set ${update.set},
                stage_changed_at = case when s.lifecycle_stage is not null and s.lifecycle_stage <> c.lifecycle_stage
                                        then $2 else c.stage_changed_at end,
                consent_at = case when s.consent_status = 'granted' then coalesce(c.consent_at, $2)
                                  when s.consent_status is not null then null else c.consent_at end,
                updated_at = $2
           from import_stage s
          where c.workspace_id = $1 and c.id = any($3::uuid[]) and c.id = s.target_id
            and not s.failed and not s.updated and not s.inserted and ${update.changed}
         returning s.row_number)
       update import_stage s set updated = true from changed where s.row_number = changed.row_number`,
      [workspaceId, at, ids],
    );
  };
  await updateExisting();

  const { clashed } = await insertRows(
    client,
    (onConflict) => `with created as (
         insert into contacts (workspace_id, id, email, external_id, first_name, last_name, phone, title, seniority,
                               department, company_id, company_name, country, city, source, source_detail, consent_status,
                               consent_at, lifecycle_stage, stage_changed_at, working_status, owner_id, first_seen_at,
                               properties, created_at, updated_at)
         select $1, s.new_id, s.email, s.external_id, s.first_name, s.last_name, s.phone, s.title, s.seniority,
                s.department, s.company_id, s.company_name, s.country, s.city, s.source, s.source_detail,
                coalesce(s.consent_status, 'unknown'), case when s.consent_status = 'granted' then $2::timestamptz end,
                coalesce(s.lifecycle_stage, $3), $2, s.working_status, s.owner_id, coalesce(s.created_at, $2),
                s.properties, coalesce(s.created_at, $2), $2
           from import_stage s
          where s.target_id is null and not s.failed and not s.inserted
          order by s.new_id
         ${onConflict}
         returning id)
       update import_stage s set inserted = true, target_id = s.new_id from created where s.new_id = created.id`,
    [workspaceId, at, env.options.defaultStage],
  );
  // A clash on email or external id: created a moment ago by someone else. Update that record instead.
  if (clashed) {
    await resolveContacts(env);
    errors.push(...(await identityConflicts(env)));
    await updateExisting();
    errors.push(
      ...(await failRows(client, {
        where: 's.target_id is null',
        reason: `'conflicts with another contact (same email or external ID)'`,
        value: 'coalesce(s.email, s.external_id)',
        field: 'email',
        code: 'conflict',
      })),
    );
  }

  await client.query(
    `insert into stage_transitions (workspace_id, id, contact_id, from_stage, to_stage, at, actor_type, actor_id, rule, details)
     select $1, s.event_id, s.target_id, case when s.inserted then null else s.old_stage end,
            coalesce(s.lifecycle_stage, $4), $2, 'import', $3, 'imported', jsonb_build_object('importId', $5::text, 'row', s.row_number)
       from import_stage s
      where s.inserted or (s.updated and s.lifecycle_stage is not null and s.lifecycle_stage is distinct from s.old_stage)`,
    [workspaceId, at, env.actorId, env.options.defaultStage, env.importId],
  );
  if (env.mapped.has('workingStatus')) {
    await client.query(
      `insert into status_changes (workspace_id, id, contact_id, from_status, to_status, at, actor_type, actor_id, reason)
       select $1, s.event2_id, s.target_id, case when s.inserted then null else s.old_status end, s.working_status,
              $2, 'import', $3, 'imported'
         from import_stage s
        where s.working_status is not null
          and (s.inserted or (s.updated and s.working_status is distinct from s.old_status))`,
      [workspaceId, at, env.actorId],
    );
  }
  return { ...(await stageCounts(client)), errors };
}
