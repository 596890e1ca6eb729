import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { copyRows } from '../../core/db/copy-rows';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { createUser, generatePassword, type UserRole } from '../auth';
import { assetStorageOf } from '../offers';
import { defaultModel, loadModel, saveModel, scoreWorkspace } from '../scoring';
import { createTeam, setTeamMembers } from '../teams';
import { createWorkspace, findWorkspaceBySlug, type WorkspaceView } from '../workspaces';
import { demoCampaigns, demoPersonas, demoTeams, demoUsers, demoWorkspace } from './catalog';
import { demoId as idAt } from './demo-id';
import { type DemoHistory, generateHistory } from './generate-history';
import { type DemoCompany, type DemoPerson, generateCompanies, generatePerson } from './generate-people';
import { createRandom, type Random } from './random';
import { seedDemoContent } from './seed-demo-content';
import { joeBlowComments, joeBlowInteractions, jonDoeInteractions } from './story-leads';

export type SeedOptions = {
  contacts: number;
  /** Average activities per contact (the 1M-contact benchmark uses 20). */
  activitiesPerContact?: number;
  /** Do nothing when the demo workspace exists (for `baton start --demo`). */
  ifMissing: boolean;
  /** Delete an existing demo workspace first. */
  replace?: boolean;
  seed?: number;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

export type SeedResult = {
  workspace: WorkspaceView;
  users: { email: string; role: UserRole }[];
  password: string;
  counts: { contacts: number; companies: number; activities: number; deals: number };
  ms: number;
};

const CHUNK = 5_000;

/** Every table holding workspace data, children first, for `--replace`. */
export const workspaceTables = [
  'conversion_events',
  'landing_page_variants',
  'landing_pages',
  'ctas',
  'content_assets',
  'content_settings',
  'form_submissions',
  'forms',
  'lead_snoozes',
  'import_errors',
  'import_rows',
  'import_chunks',
  'imports',
  'score_changes',
  'contact_scores',
  'fit_criteria',
  'engagement_rules',
  'scoring_settings',
  'notifications',
  'sla_events',
  'sla_clocks',
  'assignments',
  'handoffs',
  'round_robin_credits',
  'rep_time_off',
  'rep_availability',
  'routing_rules',
  'sla_policies',
  'sla_goals',
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_events',
  'webhook_endpoints',
  'event_queue',
  'events',
  'ingest_rejections',
  'ingest_daily_stats',
  'pipeline_failures',
  'contact_merges',
  'sales_activities',
  'status_changes',
  'saved_views',
  'property_definitions',
  'rejection_reasons',
  'identities',
  'visitor_sessions',
  'deal_contacts',
  'deals',
  'stage_transitions',
  'touches',
  'activities',
  'contacts',
  'companies',
  'campaign_costs',
  'campaigns',
  'personas',
  'team_members',
  'teams',
  'audit_events',
  'api_keys',
  'sessions',
  'users',
];

/**
 * Creates "Widget Works", a believable B2B widget maker: staff and teams, personas, campaigns on
 * and offline with costs, and `contacts` leads with months of history, hand-offs, verdicts and
 * deals. Bulk rows go in with COPY, so a million contacts take minutes, not hours.
 */
export async function seedDemoWorkspace(ctx: AppContext, options: SeedOptions): Promise<SeedResult | undefined> {
  const started = Date.now();
  const existing = await findWorkspaceBySlug(ctx, demoWorkspace.slug);
  if (existing && options.ifMissing) return undefined;
  if (existing && !options.replace) {
    throw new AppError(
      'conflict',
      `The demo workspace "${demoWorkspace.slug}" already exists; pass --replace to rebuild it`,
    );
  }
  if (existing) await deleteWorkspaceData(ctx, existing.id);

  const random = createRandom(options.seed ?? 20_260_501);
  const now = (options.now ?? ctx.clock.now()).getTime();
  const workspace = await createWorkspace(ctx, { name: demoWorkspace.name, slug: demoWorkspace.slug });
  const password = generatePassword();
  const userIds = new Map<string, string>();
  for (const user of demoUsers) {
    const created = await createUser(ctx, { workspaceId: workspace.id, ...user, password });
    userIds.set(user.email, created.user.id);
  }
  for (const team of demoTeams) {
    const created = await createTeam(ctx, { workspaceId: workspace.id, name: team.name, kind: team.kind });
    await setTeamMembers(ctx, {
      workspaceId: workspace.id,
      teamId: created.id,
      members: team.members.map(([email, weight]) => ({ userId: userIds.get(email)!, weight })),
    });
  }
  const repIds = demoUsers.filter((user) => user.role === 'sales_rep').map((user) => userIds.get(user.email)!);

  const client = await ctx.pool.connect();
  try {
    // Past moves to MQL are history, not hand-offs to route now (see migration 0009's trigger).
    await client.query(`select set_config('baton.recording_history', 'on', false)`);
    await insertPersonas(client, workspace.id);
    const campaignIds = await insertCampaigns(client, workspace.id, random, now);
    const companies = generateCompanies(random, Math.max(60, Math.round(options.contacts / 6)), () =>
      idAt(now - random.int(200, 400) * 86_400_000),
    );
    await copyRows(
      client,
      'companies',
      [
        'workspace_id',
        'id',
        'name',
        'domain',
        'industry',
        'employees',
        'country',
        'region',
        'created_at',
        'updated_at',
      ],
      companies.map((company) => [
        workspace.id,
        company.id,
        company.name,
        company.domain,
        company.industry,
        company.employees,
        company.country,
        company.region,
        new Date(now - 400 * 86_400_000),
        new Date(now - 400 * 86_400_000),
      ]),
    );

    const usedEmails = new Set<string>();
    const counts = { contacts: 0, companies: companies.length, activities: 0, deals: 0 };
    let batch = newBatch();
    // While PostgreSQL loads one chunk, Node generates the next: the two cores work at once.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      const full = batch;
      batch = newBatch();
      await writing;
      counts.activities += full.activities.length;
      counts.deals += full.deals.length;
      writing = writeBatch(client, full, campaignIds).then(() =>
        options.onProgress?.(counts.contacts, options.contacts),
      );
    };

    // The leads of the articles come first so their records are easy to find.
    const stories = storyLeads(companies, usedEmails, now);
    for (const story of stories) {
      addContact(batch, {
        ...story,
        workspaceId: workspace.id,
        ownerId: story.ownerIndex === null ? null : repIds[story.ownerIndex]!,
      });
      counts.contacts += 1;
    }
    while (counts.contacts < options.contacts) {
      const company = random.pick(companies);
      const person = generatePerson(random, company, usedEmails);
      const history = generateHistory({
        random,
        person,
        company,
        campaigns: demoCampaigns,
        now,
        averageActivities: options.activitiesPerContact ?? 8,
      });
      const ownerId = history.owned ? repIds[ownerIndex(random, repIds.length)]! : null;
      addContact(batch, { workspaceId: workspace.id, person, company, history, ownerId });
      counts.contacts += 1;
      if (batch.contacts.length >= CHUNK) await flush();
    }
    await flush();
    await writing;

    // Accounts with deals belong to the rep who worked them (account-owner routing needs this).
    await client.query(
      `update companies c set owner_id = d.owner_id
         from (select distinct on (company_id) company_id, owner_id from deals
               where workspace_id = $1 order by company_id, created_at desc) d
        where c.workspace_id = $1 and c.id = d.company_id`,
      [workspace.id],
    );
    await client.query('analyze companies, contacts, activities, touches, stage_transitions, deals');
    await client.query(`select set_config('baton.recording_history', 'off', false)`);
    await insertRouting(client, workspace.id, userIds);
    // The default scoring model, saved so marketing can tune it, and every lead scored by it.
    await ctx.db.transaction((tx) => saveModel(tx, workspace.id, defaultModel()));
    await scoreWorkspace(ctx, workspace.id, await loadModel(ctx.db, workspace.id), {
      at: new Date(now),
      cause: 'rescore',
      moveStages: false,
    });
    await seedDemoContent(ctx, client, {
      workspaceId: workspace.id,
      random,
      now,
      // Visitors a day on the guide's path, in proportion to the workspace (3,000 contacts: 60).
      scale: Math.min(2_000, Math.max(20, Math.round(options.contacts / 50))),
      notifyUserId: userIds.get(demoUsers.find((user) => user.role === 'marketing')?.email ?? ''),
    });
    return {
      workspace,
      users: demoUsers.map((user) => ({ email: user.email, role: user.role })),
      password,
      counts,
      ms: Date.now() - started,
    };
  } finally {
    await client.query('reset baton.recording_history').catch(() => undefined);
    client.release();
  }
}

/**
 * Routing as a sales manager would set it up: hand-raisers to their account owner, big companies
 * to the Enterprise team, the rest to Inbound by round robin; reps in their own time zones.
 */
async function insertRouting(client: pg.PoolClient, workspaceId: string, userIds: Map<string, string>): Promise<void> {
  const { rows: teams } = await client.query<{ id: string; name: string }>(
    'select id, name from teams where workspace_id = $1',
    [workspaceId],
  );
  const team = (name: string) => teams.find((row) => row.name === name)!.id;
  const rules = [
    {
      name: 'Hand-raisers to their account owner',
      conditions: [{ field: 'handRaiser', operator: 'equals_any', values: ['true'] }],
      target: { type: 'account_owner' },
    },
    {
      name: 'Companies of 1,000+ to Enterprise',
      conditions: [{ field: 'employees', operator: 'gte', values: ['1000'] }],
      target: { type: 'team', teamId: team('Enterprise') },
    },
    {
      name: 'Hand-raisers to the pilot group',
      conditions: [{ field: 'handRaiser', operator: 'equals_any', values: ['true'] }],
      target: { type: 'team', teamId: team('Pilot group') },
    },
    { name: 'Everyone else to Inbound', conditions: [], target: { type: 'team', teamId: team('Inbound') } },
  ];
  for (const [position, rule] of rules.entries()) {
    await client.query(
      `insert into routing_rules (workspace_id, id, position, name, conditions, target) values ($1, $2, $3, $4, $5, $6)`,
      [workspaceId, newId(), position, rule.name, JSON.stringify(rule.conditions), JSON.stringify(rule.target)],
    );
  }
  const enterpriseInNewYork = new Set<string>(['rene@widgetworks.example', 'rhea@widgetworks.example']);
  const office = [null, [540, 1020], [540, 1020], [540, 1020], [540, 1020], [540, 1020], null];
  for (const user of demoUsers) {
    if (user.role !== 'sales_rep' && user.role !== 'sales_manager') continue;
    await client.query(
      `insert into rep_availability (workspace_id, user_id, time_zone, hours, max_open_untouched) values ($1, $2, $3, $4, $5)`,
      [
        workspaceId,
        userIds.get(user.email),
        enterpriseInNewYork.has(user.email) ? 'America/New_York' : 'Europe/Berlin',
        JSON.stringify(office),
        user.role === 'sales_rep' ? 25 : null,
      ],
    );
  }
}

/** Reps get leads in proportion to their seniority in the demo: the pilot reps a little more. */
function ownerIndex(random: Random, reps: number): number {
  return random.chance(0.3) ? random.int(0, 1) : random.int(0, reps - 1);
}

async function deleteWorkspaceData(ctx: AppContext, workspaceId: string): Promise<void> {
  const { rows: files } = await ctx.pool.query<{ storage_key: string }>(
    'select storage_key from content_assets where workspace_id = $1',
    [workspaceId],
  );
  await ctx.db.transaction(async (tx) => {
    for (const table of workspaceTables) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where workspace_id = ${workspaceId}`);
    }
    await tx.execute(sql`delete from workspaces where id = ${workspaceId}`);
  });
  const storage = assetStorageOf(ctx);
  for (const file of files) await storage.delete(file.storage_key);
}

async function insertPersonas(client: pg.PoolClient, workspaceId: string): Promise<string[]> {
  const ids = demoPersonas.map(() => newId());
  await copyRows(
    client,
    'personas',
    [
      'workspace_id',
      'id',
      'name',
      'description',
      'conditions',
      'pains',
      'discovery_questions',
      'objections',
      'priority',
    ],
    demoPersonas.map((persona, index) => [
      workspaceId,
      ids[index],
      persona.name,
      persona.description,
      persona.conditions,
      persona.pains,
      persona.discoveryQuestions,
      persona.objections,
      persona.priority,
    ]),
  );
  return ids;
}

async function insertCampaigns(client: pg.PoolClient, workspaceId: string, random: Random, now: number) {
  const ids = demoCampaigns.map(() => newId());
  const startsOn = new Date(now - 200 * 86_400_000).toISOString().slice(0, 10);
  await copyRows(
    client,
    'campaigns',
    ['workspace_id', 'id', 'name', 'channel', 'utm_campaign', 'status', 'starts_on'],
    demoCampaigns.map((campaign, index) => [
      workspaceId,
      ids[index],
      campaign.name,
      campaign.channel,
      campaign.utm,
      'active',
      startsOn,
    ]),
  );
  const costs: unknown[][] = [];
  for (let month = 6; month >= 0; month -= 1) {
    const date = new Date(now);
    date.setUTCDate(1);
    date.setUTCMonth(date.getUTCMonth() - month);
    const periodStart = date.toISOString().slice(0, 10);
    demoCampaigns.forEach((campaign, index) => {
      if (campaign.monthlyCostCents === 0) return;
      const amount = Math.round((campaign.monthlyCostCents * (0.8 + random.next() * 0.4)) / 100) * 100;
      costs.push([workspaceId, newId(), ids[index], periodStart, amount, 'USD']);
    });
  }
  await copyRows(
    client,
    'campaign_costs',
    ['workspace_id', 'id', 'campaign_id', 'period_start', 'amount_minor', 'currency'],
    costs,
  );
  return ids;
}

type StoryLead = { person: DemoPerson; company: DemoCompany; history: DemoHistory; ownerIndex: number | null };

function storyLeads(companies: DemoCompany[], usedEmails: Set<string>, now: number): StoryLead[] {
  const [jonsCompany, joesCompany] = [companies[0]!, companies[1]!];
  Object.assign(jonsCompany, {
    name: 'Brightforge Manufacturing',
    domain: 'brightforge.example',
    industry: 'Manufacturing',
    employees: 850,
  });
  Object.assign(joesCompany, {
    name: 'Summit Logistics',
    domain: 'summitlogistics.example',
    industry: 'Logistics',
    employees: 1200,
  });
  const jon: DemoPerson = {
    firstName: 'Jon',
    lastName: 'Doe',
    email: 'jon.doe@brightforge.example',
    phone: '+1 555 201 4477',
    title: 'Director of Operations',
    seniority: 'Director',
    department: 'Operations',
    country: 'United States',
    freeMail: false,
  };
  const joe: DemoPerson = {
    firstName: 'Joe',
    lastName: 'Blow',
    email: 'joe.blow@summitlogistics.example',
    phone: '+1 555 309 1200',
    title: 'VP Operations',
    seniority: 'VP',
    department: 'Operations',
    country: 'United States',
    freeMail: false,
  };
  usedEmails.add(jon.email);
  usedEmails.add(joe.email);
  const jonActivities = jonDoeInteractions(now);
  const joeActivities = joeBlowInteractions(now);
  const lastOf = (activities: { at: number }[]) => activities.at(-1)!.at;
  const base = (activities: DemoHistory['activities'], source: DemoHistory['source']): DemoHistory => ({
    activities,
    touches: [
      {
        at: activities[0]!.at,
        channel: source,
        campaignIndex: null,
        source: source === 'organic_search' ? 'google' : null,
        medium: null,
        referrer: source === 'organic_search' ? 'https://www.google.com/' : null,
        landingUrl: activities[0]!.url,
      },
    ],
    transitions: [],
    stage: 'lead',
    workingStatus: null,
    owned: false,
    score: 0,
    grade: 'A',
    source,
    firstSeenAt: activities[0]!.at,
    lastActivityAt: lastOf(activities),
    deal: null,
    consent: true,
  });
  const jonHistory = base(jonActivities, 'organic_search');
  jonHistory.transitions = [
    { from: null, to: 'subscriber', at: jonActivities[0]!.at, actor: 'system', rule: null, reason: null, details: {} },
    {
      from: 'subscriber',
      to: 'lead',
      at: jonActivities[1]!.at,
      actor: 'system',
      rule: 'form submitted',
      reason: null,
      details: {},
    },
  ];
  jonHistory.score = 28;
  const joeHistory = base(joeActivities, 'referral');
  joeHistory.transitions = [
    { from: null, to: 'subscriber', at: joeActivities[0]!.at, actor: 'system', rule: null, reason: null, details: {} },
    {
      from: 'subscriber',
      to: 'lead',
      at: joeActivities[1]!.at,
      actor: 'system',
      rule: 'form submitted',
      reason: null,
      details: {},
    },
    {
      from: 'lead',
      to: 'mql',
      at: joeActivities[1]!.at + 1000,
      actor: 'rule',
      rule: 'Hand-raiser: contact sales form',
      reason: joeBlowComments,
      details: { handRaiser: true },
    },
  ];
  joeHistory.stage = 'mql';
  joeHistory.workingStatus = 'new';
  joeHistory.owned = true;
  joeHistory.score = 6;
  return [
    { person: jon, company: jonsCompany, history: jonHistory, ownerIndex: null },
    { person: joe, company: joesCompany, history: joeHistory, ownerIndex: 0 },
  ];
}

type Batch = {
  contacts: unknown[][];
  activities: unknown[][];
  touches: unknown[][];
  transitions: unknown[][];
  deals: unknown[][];
  dealContacts: unknown[][];
  salesActivities: unknown[][];
  statusChanges: unknown[][];
  campaignIndexes: Map<unknown[], number | null>;
};

function newBatch(): Batch {
  return {
    contacts: [],
    activities: [],
    touches: [],
    transitions: [],
    deals: [],
    dealContacts: [],
    salesActivities: [],
    statusChanges: [],
    campaignIndexes: new Map(),
  };
}

function addContact(
  batch: Batch,
  input: {
    workspaceId: string;
    person: DemoPerson;
    company: DemoCompany;
    history: DemoHistory;
    ownerId: string | null;
  },
) {
  const { workspaceId, person, company, history } = input;
  const contactId = idAt(history.firstSeenAt);
  const stageChangedAt = history.transitions.at(-1)?.at ?? history.firstSeenAt;
  batch.contacts.push([
    workspaceId,
    contactId,
    person.email,
    person.firstName,
    person.lastName,
    person.phone,
    person.title,
    person.seniority,
    person.department,
    person.freeMail ? null : company.id,
    company.name,
    person.country,
    history.source,
    history.consent ? 'granted' : 'unknown',
    history.consent ? new Date(history.firstSeenAt) : null,
    history.stage,
    new Date(stageChangedAt),
    history.workingStatus,
    input.ownerId,
    new Date(history.firstSeenAt),
    new Date(history.lastActivityAt),
    new Date(history.firstSeenAt),
    new Date(stageChangedAt),
  ]);
  for (const activity of history.activities) {
    const row = [
      workspaceId,
      idAt(activity.at),
      contactId,
      activity.type,
      new Date(activity.at),
      activity.title,
      activity.url,
      null,
      activity.properties,
      new Date(activity.at),
    ];
    batch.activities.push(row);
    batch.campaignIndexes.set(row, activity.campaignIndex);
  }
  for (const touch of history.touches) {
    const row = [
      workspaceId,
      idAt(touch.at),
      contactId,
      new Date(touch.at),
      touch.channel,
      null,
      touch.source,
      touch.medium,
      touch.referrer,
      touch.landingUrl,
    ];
    batch.touches.push(row);
    batch.campaignIndexes.set(row, touch.campaignIndex);
  }
  for (const transition of history.transitions) {
    batch.transitions.push([
      workspaceId,
      idAt(transition.at),
      contactId,
      transition.from,
      transition.to,
      new Date(transition.at),
      transition.actor,
      transition.actor === 'user' ? input.ownerId : null,
      transition.rule,
      transition.reason,
      transition.details,
    ]);
  }
  addSalesWork(batch, { workspaceId, contactId, history, ownerId: input.ownerId, person });
  if (history.deal) {
    const dealId = idAt(history.deal.createdAt);
    batch.deals.push([
      workspaceId,
      dealId,
      history.deal.name,
      company.id,
      input.ownerId,
      history.deal.amountCents,
      'USD',
      history.deal.stage,
      history.deal.status,
      new Date(history.deal.expectedCloseAt).toISOString().slice(0, 10),
      history.deal.closedAt ? new Date(history.deal.closedAt) : null,
      history.deal.lostReason,
      new Date(history.deal.createdAt),
      new Date(history.deal.closedAt ?? history.deal.createdAt),
    ]);
    batch.dealContacts.push([workspaceId, dealId, contactId, 'decision maker']);
  }
}

/**
 * What the owning rep did once a lead was handed over: calls (a voicemail first, then a connected
 * call when the lead went further), and the working status those moved through.
 */
function addSalesWork(
  batch: Batch,
  input: { workspaceId: string; contactId: string; history: DemoHistory; ownerId: string | null; person: DemoPerson },
) {
  const { workspaceId, contactId, history, ownerId } = input;
  const handOff = history.transitions.find((transition) => transition.to === 'mql');
  if (!handOff || !ownerId) return;
  const status = (to: string, from: string | null, at: number, reason: string) =>
    batch.statusChanges.push([workspaceId, idAt(at), contactId, from, to, new Date(at), 'user', ownerId, reason]);
  const call = (at: number, outcome: string, minutes: number, body: string) =>
    batch.salesActivities.push([
      workspaceId,
      idAt(at),
      contactId,
      ownerId,
      'call',
      new Date(at),
      outcome,
      minutes * 60,
      `Call with ${input.person.firstName}`,
      body,
      new Date(at),
    ]);
  status('new', null, handOff.at, 'handed over to sales');
  if (history.workingStatus === 'new') return;
  const firstCall = handOff.at + 20 * 60_000;
  call(firstCall, 'voicemail', 1, 'Left a voicemail about their download.');
  status('attempting', 'new', firstCall, 'call logged');
  if (history.workingStatus === 'attempting') return;
  const verdict = history.transitions.find(
    (transition) => transition.to === 'sal' || transition.to === 'recycled' || transition.to === 'disqualified',
  );
  const connectedAt = Math.min(verdict ? verdict.at - 60_000 : firstCall + 3_600_000, Date.now());
  call(Math.max(connectedAt, firstCall + 60_000), 'connected', 8, 'Talked through their widget fleet and timeline.');
  status('connected', 'attempting', Math.max(connectedAt, firstCall + 60_000), 'call logged');
  if (history.workingStatus === 'qualified')
    status(
      'qualified',
      'connected',
      (history.transitions.find((t) => t.to === 'sql')?.at ?? connectedAt) + 1000,
      'qualified on the call',
    );
  if (history.workingStatus === 'unqualified')
    status('unqualified', 'connected', (verdict?.at ?? connectedAt) + 1000, 'rejected by sales');
}

async function writeBatch(client: pg.PoolClient, batch: Batch, campaignIds: string[]) {
  const withCampaign = (rows: unknown[][], column: number) =>
    rows.map((row) => {
      const index = batch.campaignIndexes.get(row);
      if (index !== null && index !== undefined) row[column] = campaignIds[index];
      return row;
    });
  await copyRows(
    client,
    'contacts',
    [
      'workspace_id',
      'id',
      'email',
      'first_name',
      'last_name',
      'phone',
      'title',
      'seniority',
      'department',
      'company_id',
      'company_name',
      'country',
      'source',
      'consent_status',
      'consent_at',
      'lifecycle_stage',
      'stage_changed_at',
      'working_status',
      'owner_id',
      'first_seen_at',
      'last_activity_at',
      'created_at',
      'updated_at',
    ],
    batch.contacts,
  );
  await copyRows(
    client,
    'activities',
    [
      'workspace_id',
      'id',
      'contact_id',
      'type',
      'occurred_at',
      'title',
      'url',
      'campaign_id',
      'properties',
      'created_at',
    ],
    withCampaign(batch.activities, 7),
  );
  await copyRows(
    client,
    'touches',
    [
      'workspace_id',
      'id',
      'contact_id',
      'occurred_at',
      'channel',
      'campaign_id',
      'source',
      'medium',
      'referrer',
      'landing_url',
    ],
    withCampaign(batch.touches, 5),
  );
  await copyRows(
    client,
    'stage_transitions',
    [
      'workspace_id',
      'id',
      'contact_id',
      'from_stage',
      'to_stage',
      'at',
      'actor_type',
      'actor_id',
      'rule',
      'reason',
      'details',
    ],
    batch.transitions,
  );
  await copyRows(
    client,
    'deals',
    [
      'workspace_id',
      'id',
      'name',
      'company_id',
      'owner_id',
      'amount_minor',
      'currency',
      'stage',
      'status',
      'expected_close_on',
      'closed_at',
      'lost_reason',
      'created_at',
      'updated_at',
    ],
    batch.deals,
  );
  await copyRows(client, 'deal_contacts', ['workspace_id', 'deal_id', 'contact_id', 'role'], batch.dealContacts);
  await copyRows(
    client,
    'sales_activities',
    [
      'workspace_id',
      'id',
      'contact_id',
      'user_id',
      'type',
      'occurred_at',
      'outcome',
      'duration_seconds',
      'subject',
      'body',
      'created_at',
    ],
    batch.salesActivities,
  );
  await copyRows(
    client,
    'status_changes',
    ['workspace_id', 'id', 'contact_id', 'from_status', 'to_status', 'at', 'actor_type', 'actor_id', 'reason'],
    batch.statusChanges,
  );
}
