/**
 * Ingest throughput and latency, on a PostgreSQL server (default: the local one at 127.0.0.1:5432).
 *
 * 1. Batched: /v1/batch, 100 events per request, keep-alive — events/s, against a raw COPY of the
 *    same rows into the same table in the same run.
 * 2. Single events: /v1/track, 50 connections — requests/s and p99, against a bare Fastify server
 *    that parses the same body and does nothing.
 * 3. Event → activity: with the pipeline running (role all) under the single-event load, the time
 *    from an event's reception to its activity being written.
 *
 *   npm run bench -- ingest [--database-url=postgres://postgres@127.0.0.1:5432/postgres] [--seconds=15]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { createLogger } from '../src/core/logger';
import { createApiKey } from '../src/modules/auth';
import { createWorkspace } from '../src/modules/workspaces';
import { freshBenchDatabase } from './_database';
import { argValue, benchDir, recordResult } from './_harness';
import { freePort, runWrk, startBaton, stopProcess, waitForOk } from './_processes';

const SECONDS = argValue('seconds', 15);
const COPY_ROWS = argValue('copy-rows', 300_000);
const logger = createLogger({ logLevel: 'warn' });

const { databaseUrl, database, ctx, drop } = await freshBenchDatabase('baton_bench_ingest', { poolMax: 4, logger });
const workspace = await createWorkspace(ctx, { name: 'Ingest benchmark' });
const { key } = await createApiKey(ctx, { workspaceId: workspace.id, kind: 'write' });
const auth = `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const count = async (table: string) =>
  Number((await database.pool.query(`select count(*) as n from ${table}`)).rows[0].n);
const reset = () =>
  database.pool.query(
    'truncate events, event_queue, activities, touches, contacts, contact_scores, identities, visitor_sessions, ingest_daily_stats, ingest_rejections',
  );

// 1a. Baseline: COPY the rows the batch benchmark stores, straight into the events table.
async function rawCopy(rows: number): Promise<number> {
  const client = await database.pool.connect();
  try {
    const started = performance.now();
    const stream = client.query(
      copyFrom(
        'copy events (workspace_id, message_id, type, anonymous_id, event, properties, context, "timestamp", received_at) from stdin',
      ),
    );
    const lines = function* () {
      let chunk = '';
      for (let i = 0; i < rows; i += 1) {
        const properties = `{"title": "10 Tips for Improving your Widget ROI", "asset": "white paper", "n": ${i}}`;
        const context =
          '{"page": {"url": "https://widgetworks.example/resources/widget-roi-tips", "title": "Widget ROI"}, "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"}';
        chunk += `${workspace.id}\tcopy-${i}\ttrack\tvisitor-${i % 20000}\tContent Downloaded\t${properties}\t${context}\t2026-12-07T10:00:00Z\t2026-12-07T10:00:00Z\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    };
    await pipeline(Readable.from(lines()), stream);
    return rows / ((performance.now() - started) / 1000);
  } finally {
    client.release();
  }
}

console.log(`raw COPY of ${COPY_ROWS} rows…`);
// The baseline is the bare table: without the trigger that queues and counts what ingest stores.
await database.pool.query('alter table events disable trigger events_stored');
const copyRate = await rawCopy(COPY_ROWS);
await database.pool.query('alter table events enable trigger events_stored');
await reset();

// 1b and 2: Baton (api role: ingest alone) under wrk.
console.log('batched ingest…');
let baton = await startBaton({ role: 'api', databaseUrl });
const batch = runWrk({
  url: baton.url,
  script: path.join(benchDir, 'wrk', 'batch.lua'),
  connections: 32,
  seconds: SECONDS,
  env: { BATON_BENCH_AUTH: auth },
});
const storedBatch = await count('events');
await reset();
console.log('single-event ingest…');
const single = runWrk({
  url: baton.url,
  script: path.join(benchDir, 'wrk', 'single.lua'),
  connections: 50,
  seconds: SECONDS,
  env: { BATON_BENCH_AUTH: auth },
});
const storedSingle = await count('events');
await stopProcess(baton.child);
await reset();

console.log('bare Fastify baseline…');
const barePort = await freePort();
const bare = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'bare-server.ts'), String(barePort)], {
  stdio: 'ignore',
});
await waitForOk(`http://127.0.0.1:${barePort}/v1/track`, bare).catch(() => undefined);
await new Promise((resolve) => setTimeout(resolve, 500));
const bareUrl = `http://127.0.0.1:${barePort}`;
const bareSingle = runWrk({
  url: bareUrl,
  script: path.join(benchDir, 'wrk', 'single.lua'),
  connections: 50,
  seconds: SECONDS,
  env: { BATON_BENCH_AUTH: auth },
});
const bareBatch = runWrk({
  url: bareUrl,
  script: path.join(benchDir, 'wrk', 'batch.lua'),
  connections: 32,
  seconds: SECONDS,
  env: { BATON_BENCH_AUTH: auth },
});
await stopProcess(bare);

// 3. Event → activity with the pipeline running, under the single-event load.
console.log('event → activity under load (role all)…');
baton = await startBaton({ role: 'all', databaseUrl });
const loadStarted = new Date();
const underLoad = runWrk({
  url: baton.url,
  script: path.join(benchDir, 'wrk', 'single.lua'),
  connections: 50,
  seconds: SECONDS,
  env: { BATON_BENCH_AUTH: auth },
});
for (let waited = 0; (await count('event_queue')) > 0 && waited < 120; waited += 1)
  await new Promise((resolve) => setTimeout(resolve, 1000));
const { rows: lag } = await database.pool.query<{ p50: number; p99: number; n: number }>(
  `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99, count(*)::int as n
     from (select extract(epoch from a.created_at - e.received_at) * 1000 as ms
             from activities a join events e on e.workspace_id = a.workspace_id and e.message_id = a.message_id
            where e.received_at >= $1) lags`,
  [loadStarted],
);
const storedUnderLoad = await count('events');
await stopProcess(baton.child);
await drop();

const batchEvents = batch.requestsPerSecond * 100;

recordResult({
  name: 'ingest',
  description: `Segment-compatible ingest into PostgreSQL 15 (local server), Baton as its own process, wrk as the load (1 thread) for ${SECONDS} s per run. Events are Segment track calls (~450 bytes) with fresh messageIds. Baselines in the same run: a raw COPY of equivalent rows into the same events table; a bare Fastify 5 server parsing the same bodies and doing nothing.`,
  metrics: [
    {
      label: 'batched ingest (100/request, 32 connections)',
      value: batchEvents,
      unit: 'events/s',
      baseline: { label: 'raw COPY', value: copyRate },
      target: '≥ 30,000 events/s and ≥ 0.3 × COPY',
      pass: batchEvents >= 30_000 && batchEvents >= 0.3 * copyRate,
    },
    {
      label: 'single-event ingest (50 connections)',
      value: single.requestsPerSecond,
      unit: 'events/s',
      baseline: { label: 'bare Fastify', value: bareSingle.requestsPerSecond },
      target: '≥ 5,000 events/s',
      pass: single.requestsPerSecond >= 5_000,
    },
    {
      label: 'single-event p99 latency',
      value: single.p99Ms,
      unit: 'ms',
      baseline: { label: 'bare Fastify', value: bareSingle.p99Ms },
      target: '≤ 50 ms',
      pass: single.p99Ms <= 50,
    },
    {
      label: 'single-event p50 latency',
      value: single.p50Ms,
      unit: 'ms',
      baseline: { label: 'bare Fastify', value: bareSingle.p50Ms },
    },
    {
      label: 'event → activity p99 (pipeline under single-event load)',
      value: lag[0]!.p99,
      unit: 'ms',
      target: '≤ 1000 ms',
      pass: lag[0]!.p99 <= 1000,
    },
    { label: 'event → activity p50', value: lag[0]!.p50, unit: 'ms' },
    {
      label: 'single-event ingest with the pipeline in the same process (role all)',
      value: underLoad.requestsPerSecond,
      unit: 'events/s',
    },
  ],
  notes: [
    `Stored: ${storedBatch.toLocaleString('en-US')} events from ${batch.requests.toLocaleString('en-US')} batch requests (${batch.errors} errors); ${storedSingle.toLocaleString('en-US')} from ${single.requests.toLocaleString('en-US')} single requests (${single.errors} errors); ${storedUnderLoad.toLocaleString('en-US')} under load, ${lag[0]!.n.toLocaleString('en-US')} of them traced to their activity. Bare Fastify batch baseline: ${Math.round(bareBatch.requestsPerSecond * 100).toLocaleString('en-US')} events/s parsed.`,
  ],
});
