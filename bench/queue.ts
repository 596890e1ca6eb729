/**
 * The sales workspace at scale: the rep's queue (and the managers' team and unassigned queues) and
 * the lead record — every request the record page makes, sent at once as the browser does — on the
 * 1,000,000-contact demo workspace (bench/_leads-dataset.ts). Before measuring, 300 leads are handed
 * over as MQLs and routed by the workspace's own rules, so queues hold open SLA clocks, assignments
 * and hand-offs as they do in use. Requests go through the real HTTP app in process. Baselines: the
 * bare SQL of a rep's owned working leads, and of one contact row.
 *
 *   npm run bench -- queue [--contacts=1000000] [--database-url=…] [--fresh]
 */
import { buildApp } from '../src/core/http/app';
import { createApiKey } from '../src/modules/auth';
import { changeStage } from '../src/modules/lifecycle';
import { allModules } from '../src/modules/registry';
import { routePendingHandoffs } from '../src/modules/routing';
import { median, percentile, recordResult } from './_harness';
import { openLeadsDataset } from './_leads-dataset';

const HANDOFFS = 300;

const { ctx, database, workspaceId } = await openLeadsDataset();
const pool = database.pool;

// Fresh hand-offs through the real path: stage change → hand-off trigger → routing by the rules.
const { rows: open } = await pool.query<{ n: number }>(
  "select count(*)::int as n from sla_clocks where workspace_id = $1 and status = 'open'",
  [workspaceId],
);
if (open[0]!.n < HANDOFFS) {
  const { rows: leads } = await pool.query<{ id: string }>(
    `select id from contacts where workspace_id = $1 and lifecycle_stage = 'lead' and merged_into_id is null
      order by random() limit $2`,
    [workspaceId, HANDOFFS - open[0]!.n],
  );
  for (const [index, lead] of leads.entries()) {
    await ctx.db.transaction((tx) =>
      changeStage(tx, {
        workspaceId,
        contactId: lead.id,
        to: 'mql',
        actor: { type: 'rule', id: null },
        at: new Date(),
        rule: index % 4 === 0 ? 'Hand-raiser: fast-track to sales' : 'MQL: grade B or better and score ≥ 50',
        details: { handRaiser: index % 4 === 0 },
      }),
    );
  }
  const routed = await routePendingHandoffs(ctx, workspaceId);
  console.log(`handed over and routed ${routed} leads`);
}

const app = await buildApp(ctx, { modules: allModules(ctx) });
await app.ready();
try {
  const { key } = await createApiKey(ctx, { workspaceId, kind: 'secret', role: 'sales_manager' });
  const headers = { authorization: `Bearer ${key}` };
  const time = async (url: string) => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return {
      ms: performance.now() - started,
      body: response.json() as { total?: number; items: { contactId: string }[] },
    };
  };

  const { rows: reps } = await pool.query<{ id: string; working: number; clocks: number }>(
    `select u.id,
            (select count(*) from contacts c where c.workspace_id = u.workspace_id and c.owner_id = u.id
                and c.lifecycle_stage in ('mql', 'sal') and c.merged_into_id is null)::int as working,
            (select count(*) from sla_clocks k where k.workspace_id = u.workspace_id and k.user_id = u.id and k.status = 'open')::int as clocks
       from users u where u.workspace_id = $1 and u.role = 'sales_rep' order by u.name`,
    [workspaceId],
  );
  const { rows: teams } = await pool.query<{ id: string }>('select id from teams where workspace_id = $1', [
    workspaceId,
  ]);
  const queueUrls = [
    ...reps.flatMap((rep) => [`/api/queue?userId=${rep.id}`, `/api/queue?userId=${rep.id}&offset=50`]),
    ...teams.map((team) => `/api/queue?teamId=${team.id}`),
    '/api/queue?unassigned=true',
  ];
  for (const url of queueUrls) await time(url); // warm up
  const queue: number[] = [];
  const repQueue: number[] = [];
  const leadIds = new Set<string>();
  for (let round = 0; round < 5; round += 1) {
    for (const url of queueUrls) {
      const result = await time(url);
      queue.push(result.ms);
      if (url.includes('userId') && !url.includes('offset')) repQueue.push(result.ms);
      for (const item of result.body.items.slice(0, 10)) leadIds.add(item.contactId);
    }
  }

  // The lead record: the requests its page makes, all at once.
  const recordUrls = (id: string) => [
    `/api/contacts/${id}`,
    `/api/contacts/${id}/timeline?limit=50`,
    `/api/contacts/${id}/score`,
    `/api/contacts/${id}/talk-track`,
    `/api/contacts/${id}/moments`,
    `/api/contacts/${id}/assignments`,
    `/api/contacts/${id}/stages`,
    `/api/deals?contact=${id}&limit=50`,
  ];
  const { rows: others } = await pool.query<{ id: string }>(
    'select id from contacts where workspace_id = $1 and merged_into_id is null order by random() limit 100',
    [workspaceId],
  );
  const records = [...[...leadIds].slice(0, 100), ...others.map((row) => row.id)];
  for (const id of records.slice(0, 5)) await Promise.all(recordUrls(id).map(time)); // warm up
  const record: number[] = [];
  const perEndpoint = new Map<string, number[]>();
  for (const id of records) {
    const started = performance.now();
    const results = await Promise.all(recordUrls(id).map(time));
    record.push(performance.now() - started);
    results.forEach((result, index) => {
      const endpoint = recordUrls('ID')[index]!.replace(/\?.*/, '');
      perEndpoint.set(endpoint, [...(perEndpoint.get(endpoint) ?? []), result.ms]);
    });
  }
  const slowestEndpoint = [...perEndpoint].sort((a, b) => percentile(b[1], 95) - percentile(a[1], 95))[0]!;

  // Baselines: the bare SQL of a rep's working leads, and of one contact row.
  const bareQueue: number[] = [];
  const bareRecord: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const rep of reps) {
      const started = performance.now();
      await pool.query(
        `select id, first_name, last_name, last_activity_at from contacts
          where workspace_id = $1 and owner_id = $2 and lifecycle_stage in ('mql', 'sal') and merged_into_id is null
          order by last_activity_at desc nulls last limit 50`,
        [workspaceId, rep.id],
      );
      bareQueue.push(performance.now() - started);
    }
  }
  for (const id of records) {
    const started = performance.now();
    await pool.query('select * from contacts where workspace_id = $1 and id = $2', [workspaceId, id]);
    bareRecord.push(performance.now() - started);
  }

  const { rows: counts } = await pool.query<{ contacts: number }>(
    'select count(*)::int as contacts from contacts where workspace_id = $1',
    [workspaceId],
  );
  const working = reps.map((rep) => rep.working);
  recordResult({
    name: 'queue',
    description: `Rep queues (${reps.length} reps, pages 1 and 2), ${teams.length} team queues and the unassigned queue × 5, and ${records.length} lead records (the page's 8 requests at once: contact, timeline, score, talk track, moments, assignments, stages, deals) on a workspace of ${counts[0]!.contacts.toLocaleString('en-US')} contacts, through the HTTP app in process. Reps own ${Math.min(...working).toLocaleString('en-US')}–${Math.max(...working).toLocaleString('en-US')} working leads (MQL or SAL) each, ${reps.reduce((sum, rep) => sum + rep.clocks, 0)} open SLA clocks in all. Baselines: bare SQL of a rep's working leads, and of one contact row. PostgreSQL 15 (local server).`,
    metrics: [
      {
        label: 'queue p95 (all kinds)',
        value: percentile(queue, 95),
        unit: 'ms',
        baseline: { label: 'bare SQL of a rep’s leads', value: percentile(bareQueue, 95) },
        target: '≤ 300 ms',
        pass: percentile(queue, 95) <= 300,
      },
      { label: 'rep’s queue, first page p50', value: median(repQueue), unit: 'ms' },
      {
        label: 'lead record p95 (8 requests at once)',
        value: percentile(record, 95),
        unit: 'ms',
        baseline: { label: 'bare SQL of one contact', value: percentile(bareRecord, 95) },
        target: '≤ 300 ms',
        pass: percentile(record, 95) <= 300,
      },
      { label: 'lead record p50', value: median(record), unit: 'ms' },
      {
        label: `slowest record request p95 (${slowestEndpoint[0].replace('/api/contacts/ID', '…')})`,
        value: percentile(slowestEndpoint[1], 95),
        unit: 'ms',
      },
    ],
    notes: [
      `Slowest queue request: ${Math.round(Math.max(...queue))} ms; slowest lead record: ${Math.round(Math.max(...record))} ms.`,
    ],
  });
} finally {
  await app.close();
  await database.close();
}
