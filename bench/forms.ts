/**
 * Form submissions: throughput and latency of `POST /f/:formId` (urlencoded, as a plain HTML form
 * posts), each answered only after its row — and its processing job — is committed.
 *
 * Baseline in the same run: a bare node:http server doing one raw INSERT of the same row per
 * request (autocommit), on the same database. Every request comes from its own address
 * (X-Forwarded-For, with BATON_TRUST_PROXY) as from many visitors, so the per-IP limit stays out.
 *
 *   npm run bench -- forms [--database-url=postgres://postgres@127.0.0.1:5432/postgres] [--seconds=15]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/core/logger';
import { formInputSchema } from '../src/modules/forms';
import { createForm } from '../src/modules/forms/manage-forms';
import { createWorkspace } from '../src/modules/workspaces';
import { freshBenchDatabase } from './_database';
import { argValue, recordResult, repoRoot } from './_harness';
import { freePort, runWrk, startBaton, stopProcess } from './_processes';

const SECONDS = argValue('seconds', 15);
const CONNECTIONS = argValue('connections', 16);
const logger = createLogger({ logLevel: 'warn' });

const { databaseUrl, database, ctx, drop } = await freshBenchDatabase('baton_bench_forms', { poolMax: 8, logger });
const workspace = await createWorkspace(ctx, { name: 'Forms benchmark' });
const form = await createForm(
  ctx,
  workspace.id,
  formInputSchema.parse({
    name: 'Webinar sign-up',
    status: 'published',
    fields: [
      { name: 'email', type: 'email', label: 'Work email', required: true, mapTo: 'contact.email' },
      { name: 'first_name', type: 'text', label: 'First name', required: true, mapTo: 'contact.firstName' },
      { name: 'company', type: 'text', label: 'Company', mapTo: 'contact.companyName' },
      { name: 'comments', type: 'textarea', label: 'Questions', mapTo: 'comments' },
    ],
    consent: { text: 'Email me about the webinar.', required: true },
    spam: { minFillSeconds: 0, blockedDomains: [] },
  }),
);

const script = path.join(os.tmpdir(), `baton-bench-forms-${process.pid}.lua`);
fs.writeFileSync(
  script,
  `-- One form submission per request, each from its own address and email.
local counter = 0
local prefix = tostring(os.time()) .. tostring(math.random(1, 1000000))
request = function()
  counter = counter + 1
  local body = "email=v" .. prefix .. "-" .. counter .. "%40bench.example&first_name=Bench&company=Widget+Works" ..
    "&comments=When+does+it+start%3F&consent=yes&utm_source=newsletter&utm_medium=email&utm_campaign=spring" ..
    "&page_url=https%3A%2F%2Fwidgetworks.example%2Fwebinar"
  local ip = "10." .. (counter % 250) .. "." .. (math.floor(counter / 250) % 250) .. "." .. math.random(1, 250)
  return wrk.format("POST", "/f/${form.id}", {
    ["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json", ["X-Forwarded-For"] = ip,
    ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" }, body)
end
`,
);
const count = async () =>
  Number((await database.pool.query('select count(*)::int as n from form_submissions')).rows[0].n);

// Baseline: a bare HTTP server (its own process, as Baton is) storing the same row with one INSERT per
// request, answered after commit.
console.log('baseline: bare node:http + raw INSERT…');
const barePort = await freePort();
const bareSource = `
const http = require('node:http'); const crypto = require('node:crypto'); const pg = require('pg');
const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 8 });
http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => { body += chunk; });
  request.on('end', () => {
    const values = Object.fromEntries(new URLSearchParams(body));
    pool.query(
      "insert into form_submissions (workspace_id, id, form_id, received_at, status, values, context, email) values ($1, $2, $3, now(), 'pending', $4, $5, $6)",
      [process.env.BARE_WORKSPACE, crypto.randomUUID(), process.env.BARE_FORM, JSON.stringify(values),
       JSON.stringify({ ip: request.headers['x-forwarded-for'] }), values.email],
    ).then(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"received"}'),
           () => response.writeHead(500).end());
  });
}).listen(${barePort}, '127.0.0.1', () => console.log('ready'));
`;
const bare = spawn(process.execPath, ['-e', bareSource], {
  cwd: repoRoot,
  env: { ...process.env, BARE_DATABASE_URL: databaseUrl, BARE_WORKSPACE: workspace.id, BARE_FORM: form.id },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve, reject) => {
  bare.stdout?.once('data', () => resolve());
  bare.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
});
const bareRun = runWrk({ url: `http://127.0.0.1:${barePort}`, script, connections: CONNECTIONS, seconds: SECONDS });
await stopProcess(bare);
const storedBare = await count();
await database.pool.query('truncate form_submissions');

// Baton, api role (processing runs on workers; production runs them apart).
console.log('Baton (role api): POST /f/:formId…');
let baton = await startBaton({ role: 'api', databaseUrl, env: { BATON_TRUST_PROXY: 'true' } });
const apiRun = runWrk({ url: baton.url, script, connections: CONNECTIONS, seconds: SECONDS });
await stopProcess(baton.child);
const storedApi = await count();
const { rows: queued } = await database.pool.query<{ n: number }>(
  "select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'forms.process'",
);

// The same load with processing in the same process (role all): what one box does end to end.
console.log('Baton (role all): submissions and their processing in one process…');
await database.pool.query('truncate form_submissions');
await database.pool.query('delete from graphile_worker._private_jobs');
baton = await startBaton({ role: 'all', databaseUrl, env: { BATON_TRUST_PROXY: 'true' } });
const allRun = runWrk({ url: baton.url, script, connections: CONNECTIONS, seconds: SECONDS });
await new Promise((resolve) => setTimeout(resolve, 1000));
const { rows: processedAll } = await database.pool.query<{ processed: number; total: number }>(
  "select count(*) filter (where status = 'processed')::int as processed, count(*)::int as total from form_submissions",
);
await stopProcess(baton.child);
fs.rmSync(script, { force: true });
await drop();

recordResult({
  name: 'forms',
  description: `Form submissions (POST /f/:formId, urlencoded, ~300 bytes, 4 fields + consent + UTM tags) into PostgreSQL (local server), Baton as its own process, wrk as the load (1 thread, ${CONNECTIONS} connections) for ${SECONDS} s per run. Each request is answered after its submission row and its processing job are committed (one statement). Baseline in the same run: a bare node:http server doing one raw INSERT of the same row per request.`,
  metrics: [
    {
      label: 'submissions stored (role api)',
      value: apiRun.requestsPerSecond,
      unit: 'submissions/s',
      baseline: { label: 'bare http + INSERT', value: bareRun.requestsPerSecond },
      target: '≥ 500 submissions/s',
      pass: apiRun.requestsPerSecond >= 500 && apiRun.errors === 0,
    },
    {
      label: 'submission p99 latency (role api)',
      value: apiRun.p99Ms,
      unit: 'ms',
      baseline: { label: 'bare http + INSERT', value: bareRun.p99Ms },
      target: '≤ 100 ms',
      pass: apiRun.p99Ms <= 100,
    },
    {
      label: 'submission p50 latency (role api)',
      value: apiRun.p50Ms,
      unit: 'ms',
      baseline: { label: 'bare http + INSERT', value: bareRun.p50Ms },
    },
    {
      label: 'ratio to the bare INSERT server',
      value: apiRun.requestsPerSecond / bareRun.requestsPerSecond,
      unit: '×',
    },
    {
      label: 'submissions stored with processing in the same process (role all)',
      value: allRun.requestsPerSecond,
      unit: 'submissions/s',
    },
    { label: 'p99 latency (role all)', value: allRun.p99Ms, unit: 'ms' },
    {
      label: 'submissions processed meanwhile (role all: contact written, events handed to the pipeline)',
      value: processedAll[0]!.processed / (SECONDS + 1),
      unit: 'submissions/s',
      target: '≥ 500 submissions/s (keeps up with the sustained rate)',
      pass: processedAll[0]!.processed / (SECONDS + 1) >= 500,
    },
  ],
  notes: [
    `Role api: ${apiRun.requests.toLocaleString('en-US')} requests, ${apiRun.errors} errors, ${storedApi.toLocaleString('en-US')} rows stored, ${queued[0]!.n.toLocaleString('en-US')} processing jobs queued. Bare: ${bareRun.requests.toLocaleString('en-US')} requests, ${bareRun.errors} errors, ${storedBare.toLocaleString('en-US')} rows.`,
    `Role all: ${allRun.requests.toLocaleString('en-US')} requests, ${allRun.errors} errors; ${processedAll[0]!.processed.toLocaleString('en-US')} of ${processedAll[0]!.total.toLocaleString('en-US')} processed (contact written, events handed to the pipeline) by 1 s after the load stopped.`,
  ],
});
