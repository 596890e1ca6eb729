import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot } from './_harness';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForOk(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} not ready`);
}

/** `baton start` as its own process (as in production), against the given database. */
export async function startBaton(options: {
  role: 'all' | 'api' | 'worker';
  databaseUrl: string;
  env?: Record<string, string>;
}) {
  const port = await freePort();
  // As `npm start` runs it: with a larger young generation for ingest's short-lived objects.
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=32',
      path.join(repoRoot, 'bin', 'baton.js'),
      'start',
      '--role',
      options.role,
      '--port',
      String(port),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: options.databaseUrl, BATON_LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitForOk(`http://127.0.0.1:${port}/readyz`, child);
  return { child, port, url: `http://127.0.0.1:${port}` };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function ensureWrk(): string {
  const found = spawnSync('sh', ['-c', 'command -v wrk']).stdout.toString().trim();
  if (found) return found;
  console.log('installing wrk (Debian package) for the HTTP load…');
  const install = spawnSync(
    'sh',
    ['-c', 'DEBIAN_FRONTEND=noninteractive apt-get install -y wrk || (apt-get update && apt-get install -y wrk)'],
    {
      stdio: 'inherit',
    },
  );
  if (install.status !== 0) throw new Error('wrk is needed for this benchmark: apt-get install wrk');
  return 'wrk';
}

export type WrkResult = { requestsPerSecond: number; p50Ms: number; p99Ms: number; errors: number; requests: number };

function toMs(value: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!match) return Number.NaN;
  const number = Number(match[1]);
  return match[2] === 'us'
    ? number / 1000
    : match[2] === 'ms'
      ? number
      : match[2] === 's'
        ? number * 1000
        : number * 60_000;
}

/** Runs wrk with a Lua request script and parses its summary. */
export function runWrk(options: {
  url: string;
  script: string;
  connections: number;
  seconds: number;
  threads?: number;
  env?: Record<string, string>;
}): WrkResult {
  const result = spawnSync(
    ensureWrk(),
    [
      '-t',
      String(options.threads ?? 1),
      '-c',
      String(options.connections),
      '-d',
      `${options.seconds}s`,
      '--latency',
      '-s',
      options.script,
      options.url,
    ],
    { env: { ...process.env, ...options.env }, encoding: 'utf8' },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const p50 = /\s50%\s+(\S+)/.exec(output)?.[1];
  const p99 = /\s99%\s+(\S+)/.exec(output)?.[1];
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0);
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk output:\n${output}`);
  return {
    requestsPerSecond: rps,
    p50Ms: p50 ? toMs(p50) : Number.NaN,
    p99Ms: p99 ? toMs(p99) : Number.NaN,
    errors,
    requests,
  };
}
