/**
 * Startup and idle memory: how long from `baton start` to a ready /readyz on a fresh data directory
 * (cold: initdb + migrations + first workspace) and on an existing one (warm), and how much memory
 * Baton and its embedded PostgreSQL hold when idle. Baselines: a bare Node HTTP server's time to
 * answer, plus the embedded PostgreSQL alone starting on the same kind of directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/core/db/embedded-postgres';
import { createLogger } from '../src/core/logger';
import { argValue, median, recordResult, repoRoot } from './_harness';

const COLD_RUNS = argValue('cold', 3);
const WARM_RUNS = argValue('warm', 5);
const IDLE_SECONDS = argValue('idle', 30);
const logger = createLogger({ logLevel: 'silent' });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForOk(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-bench-start-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

async function timeBatonStart(dataDir: string): Promise<{ ms: number; child: ChildProcess; port: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'baton.js'), 'start', '--port', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      BATON_DATA_DIR: dataDir,
      BATON_LOG_LEVEL: 'warn',
      BATON_ADMIN_PASSWORD: 'bench-password-123',
    },
    stdio: 'ignore',
  });
  await waitForOk(`http://127.0.0.1:${port}/readyz`, child);
  return { ms: performance.now() - started, child, port };
}

async function stop(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return performance.now() - started;
}

async function timeBareHttpServer(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['-e', `require('http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`],
    {
      stdio: 'ignore',
    },
  );
  await waitForOk(`http://127.0.0.1:${port}/`, child);
  const ms = performance.now() - started;
  child.kill('SIGKILL');
  return ms;
}

async function timeBarePostgres(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), logger });
  const ms = performance.now() - started;
  await server.stop();
  return ms;
}

/** Resident and proportional memory of a process tree (PSS counts shared pages once, fairly). */
function memoryOf(rootPids: number[]): { rssMb: number; pssMb: number; processes: number } {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const tree = new Set(rootPids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let rss = 0;
  let pss = 0;
  for (const pid of tree) {
    try {
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {}
  }
  return { rssMb: rss / 1024, pssMb: pss / 1024, processes: tree.size };
}

const cold: number[] = [];
const stops: number[] = [];
const bareColdPostgres: number[] = [];
let warmDir = '';
for (let run = 0; run < COLD_RUNS; run += 1) {
  const dataDir = tempDataDir();
  const { ms, child } = await timeBatonStart(dataDir);
  cold.push(ms);
  stops.push(await stop(child));
  if (warmDir) fs.rmSync(warmDir, { recursive: true, force: true });
  warmDir = dataDir;
  const bareDir = tempDataDir();
  const started = performance.now();
  const server = await startEmbeddedPostgres({ dataDir: path.join(bareDir, 'pg'), logger });
  bareColdPostgres.push(performance.now() - started);
  await server.stop();
  fs.rmSync(bareDir, { recursive: true, force: true });
}

const warm: number[] = [];
const bareHttp: number[] = [];
const barePostgres: number[] = [];
for (let run = 0; run < WARM_RUNS; run += 1) {
  const { ms, child } = await timeBatonStart(warmDir);
  warm.push(ms);
  stops.push(await stop(child));
  bareHttp.push(await timeBareHttpServer());
  barePostgres.push(await timeBarePostgres(warmDir));
}

const { child, port } = await timeBatonStart(warmDir);
await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@baton.local', password: 'bench-password-123' }),
});
await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
const postmasterPid = Number(fs.readFileSync(path.join(warmDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const memory = memoryOf([child.pid!, postmasterPid]);
await stop(child);
fs.rmSync(warmDir, { recursive: true, force: true });

const bareWarm = median(bareHttp) + median(barePostgres);
recordResult({
  name: 'startup',
  description:
    '`baton start` (role all, embedded PostgreSQL) until `/readyz` answers 200. Cold: empty data directory (initdb, migrations, first workspace and admin). Warm: the same directory again. Baseline: a bare Node HTTP server answering plus the embedded PostgreSQL alone starting (initdb included for cold). Idle memory: Baton and all its PostgreSQL processes after a sign-in and ' +
    `${IDLE_SECONDS} s idle.`,
  metrics: [
    {
      label: 'cold start (median)',
      value: median(cold),
      unit: 'ms',
      baseline: {
        label: 'bare HTTP + initdb/start PostgreSQL',
        value: median(bareHttp.length ? bareHttp : [0]) + median(bareColdPostgres),
      },
      target: '< 15000 ms',
      pass: median(cold) < 15_000,
    },
    {
      label: 'warm start (median)',
      value: median(warm),
      unit: 'ms',
      baseline: { label: 'bare HTTP + start PostgreSQL', value: bareWarm },
      target: '< 3000 ms',
      pass: median(warm) < 3_000,
    },
    { label: 'graceful stop on SIGTERM (median)', value: median(stops), unit: 'ms' },
    {
      label: 'idle RSS, Baton + PostgreSQL (sum)',
      value: memory.rssMb,
      unit: 'MB',
      target: '< 300 MB',
      pass: memory.rssMb < 300,
    },
    { label: 'idle PSS, Baton + PostgreSQL (shared pages counted once)', value: memory.pssMb, unit: 'MB' },
  ],
  notes: [
    `${COLD_RUNS} cold and ${WARM_RUNS} warm starts; ${memory.processes} processes measured for memory. Cold runs: ${cold.map((ms) => Math.round(ms)).join(', ')} ms; warm runs: ${warm.map((ms) => Math.round(ms)).join(', ')} ms.`,
  ],
});
