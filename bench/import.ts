/**
 * CSV import throughput, on a PostgreSQL server (default: the local one at 127.0.0.1:5432).
 *
 * Generates a contacts CSV (email, names, company, title, country, phone, lifecycle stage and two
 * custom properties), then imports it the way a user does — multipart upload to a running Baton
 * (role all), mapping saved, run as a background job, progress polled until done — into a fresh
 * database. Baseline in the same run: a raw `COPY … FROM STDIN (FORMAT csv)` of the same file into
 * a plain table with the same columns, all text, no indexes.
 *
 *   npm run bench -- import [--rows=1000000] [--database-url=postgres://postgres@127.0.0.1:5432/postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createLogger } from '../src/core/logger';
import { createUser } from '../src/modules/auth';
import { createWorkspace } from '../src/modules/workspaces';
import { freshBenchDatabase } from './_database';
import { argValue, recordResult } from './_harness';
import { startBaton, stopProcess } from './_processes';

const ROWS = argValue('rows', 1_000_000);
const logger = createLogger({ logLevel: 'warn' });
const password = 'bench-import-password';

/** A deterministic contacts file: realistic values, 1,000,000 people at 20,000 companies. */
async function generateCsv(file: string, rows: number): Promise<number> {
  // mulberry32: a small PRNG that stays exact in 32-bit integer arithmetic.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const first = ['Anna', 'Ben', 'Chloé', 'David', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena'];
  const last = ['Müller', 'Smith', 'García', 'Nguyen', 'Okafor', 'Rossi', 'Kowalski', 'Dubois', 'Tanaka', 'Jensen'];
  const titles = ['CTO', 'VP Engineering', 'Head of Operations', 'Procurement Manager', 'Plant Manager', 'Buyer'];
  const countries = ['Germany', 'United States', 'France', 'United Kingdom', 'Japan', 'Brazil', 'India', 'Kenya'];
  const stages = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Opportunity', 'Customer'];
  const languages = ['English', 'German', 'French', 'Spanish', 'Japanese', 'Portuguese'];
  const out = fs.createWriteStream(file);
  const lines = function* () {
    yield 'Email,First Name,Last Name,Company,Job Title,Country,Phone,Lifecycle Stage,Preferred Language,Annual Budget\n';
    let chunk = '';
    for (let i = 0; i < rows; i += 1) {
      const company = Math.floor(random() * 20_000);
      const name = `${pick(first)},${pick(last)}`;
      chunk += `person${i}@company${company}.example,${name},"Company ${company}, Inc.",${pick(titles)},${pick(countries)},+1 555 ${String(i).padStart(7, '0')},${pick(stages)},${pick(languages)},${Math.floor(random() * 500) * 100}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(lines()), out);
  return fs.statSync(file).size;
}

/** Baseline: the file's rows COPYed (PostgreSQL's CSV parser) into a plain table of text columns. */
async function rawCopy(file: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'create table raw_contacts (email text, first_name text, last_name text, company text, title text, country text, phone text, stage text, language text, budget text)',
    );
    const started = performance.now();
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(copyFrom('copy raw_contacts from stdin with (format csv, header true)')),
    );
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await client.query('select count(*)::int as n from raw_contacts');
    if (rows[0].n !== ROWS) throw new Error(`raw COPY stored ${rows[0].n} rows`);
    await client.query('drop table raw_contacts');
    return seconds;
  } finally {
    await client.end();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-import-'));
const file = path.join(dir, 'contacts.csv');
console.log(`generating ${ROWS.toLocaleString('en-US')} contacts…`);
const bytes = await generateCsv(file, ROWS);

const { databaseUrl, database, ctx, drop } = await freshBenchDatabase('baton_bench_import', { poolMax: 4, logger });
const workspace = await createWorkspace(ctx, { name: 'Import benchmark' });
const { user } = await createUser(ctx, {
  workspaceId: workspace.id,
  email: 'bench@import.example',
  role: 'admin',
  password,
});

console.log('raw COPY baseline…');
const copySeconds = await rawCopy(file);

console.log('Baton import (upload, then the job)…');
const baton = await startBaton({ role: 'all', databaseUrl });
try {
  const login = await fetch(`${baton.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((value) => value.startsWith('baton_session='))!
    .split(';')[0]!;
  const boundary = 'baton-bench-boundary';
  async function* body() {
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ncontacts\r\n`);
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contacts.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  const started = performance.now();
  const uploaded = await fetch(`${baton.url}/api/imports`, {
    method: 'POST',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body: Readable.toWeb(Readable.from(body())) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
  const job = (await uploaded.json()) as { id: string; mapping: { columns: { type: string }[] }; options: object };
  const uploadSeconds = (performance.now() - started) / 1000;
  const mapped = job.mapping.columns.map((target) => target.type);
  if (
    mapped.filter((type) => type === 'field').length !== 8 ||
    mapped.filter((type) => type === 'new_property').length !== 2
  ) {
    throw new Error(`unexpected guessed mapping: ${JSON.stringify(job.mapping)}`);
  }
  const saved = await fetch(`${baton.url}/api/imports/${job.id}/mapping`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ columns: job.mapping.columns, options: job.options }),
  });
  if (!saved.ok) throw new Error(`mapping: ${saved.status} ${await saved.text()}`);
  const runStarted = performance.now();
  const run = await fetch(`${baton.url}/api/imports/${job.id}/run`, { method: 'POST', headers: { cookie } });
  if (run.status !== 202) throw new Error(`run: ${run.status} ${await run.text()}`);
  let final: { status: string; error: string | null; progress: { processed: number; created: number; failed: number } };
  let lastReport = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const response = await fetch(`${baton.url}/api/imports/${job.id}/progress`, { headers: { cookie } });
    final = await response.json();
    if (final.status === 'done' || final.status === 'failed') break;
    if (performance.now() - lastReport > 10_000 && final.progress) {
      lastReport = performance.now();
      console.log(`  ${final.status}: ${final.progress.processed.toLocaleString('en-US')} rows`);
    }
  }
  const runSeconds = (performance.now() - runStarted) / 1000;
  if (final.status !== 'done') throw new Error(`import ${final.status}: ${final.error}`);
  const { rows: stored } = await database.pool.query<{ contacts: number; companies: number; transitions: number }>(
    `select (select count(*)::int from contacts) as contacts, (select count(*)::int from companies) as companies,
            (select count(*)::int from stage_transitions) as transitions`,
  );
  const totalSeconds = uploadSeconds + runSeconds;
  const importRate = ROWS / totalSeconds;
  const copyRate = ROWS / copySeconds;
  recordResult({
    name: 'import',
    description: `CSV import of ${ROWS.toLocaleString('en-US')} contacts (${(bytes / 2 ** 20).toFixed(0)} MB: email, first and last name, company, title, country, phone, lifecycle stage, two custom properties) into PostgreSQL 15 (local server), through Baton's real path: multipart upload to a running Baton (role all, its own process), mapping saved, the import job run in chunks (COPY into a staging table, set-based upserts, companies linked or created, first stage transitions recorded), progress polled. Baseline in the same run: \`COPY … (FORMAT csv)\` of the same file into a plain table of ten text columns without indexes.`,
    metrics: [
      {
        label: 'import, upload to done',
        value: importRate,
        unit: 'rows/s',
        baseline: { label: 'raw COPY', value: copyRate },
        target: '≥ 20,000 rows/s',
        pass: importRate >= 20_000,
      },
      { label: 'upload (parse, store rows)', value: ROWS / uploadSeconds, unit: 'rows/s' },
      { label: 'import job', value: ROWS / runSeconds, unit: 'rows/s' },
    ],
    notes: [
      `Upload ${uploadSeconds.toFixed(1)} s, job ${runSeconds.toFixed(1)} s, raw COPY ${copySeconds.toFixed(1)} s. Stored ${stored[0]!.contacts.toLocaleString('en-US')} contacts, ${stored[0]!.companies.toLocaleString('en-US')} companies, ${stored[0]!.transitions.toLocaleString('en-US')} stage transitions; ${final.progress.failed} rows failed.`,
    ],
  });
} finally {
  await stopProcess(baton.child);
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
