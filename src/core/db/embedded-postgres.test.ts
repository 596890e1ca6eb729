import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { startEmbeddedPostgres } from './embedded-postgres';

const logger = createLogger({ logLevel: 'silent' });
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-embedded-'));
  await fs.chmod(dir, 0o755);
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return path.join(dir, 'pg');
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): Promise<number> {
  return fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').then((text) => Number(text.split('\n')[0]));
}

describe('embedded PostgreSQL', () => {
  it('creates a cluster on first start, keeps data across restarts, and stops cleanly', async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    expect(first.owner).toBe(true);
    await query(first.url, 'create table kept (value text); insert into kept values ($$still here$$)');
    const pid = await postmasterPid(dataDir);
    await first.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(fs.access(path.join(dataDir, 'postmaster.pid'))).rejects.toThrow();
    // a clean shutdown leaves a log line saying so
    expect(await fs.readFile(`${dataDir}.log`, 'utf8')).toMatch(/database system is shut down/);

    const second = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    cleanups.push(() => second.stop());
    expect(await query(second.url, 'select value from kept')).toEqual([{ value: 'still here' }]);
    const credentials = await fs.stat(`${dataDir}.credentials.json`);
    expect(credentials.mode & 0o077).toBe(0);
  });

  it('joins a server another live process owns, and leaves it running on stop', async () => {
    const dataDir = await tempDir();
    const owner = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    cleanups.push(() => owner.stop());
    // Pretend another live process (our parent) is the owner, as when `baton user create` runs beside `baton start`.
    await fs.writeFile(`${dataDir}.owner`, String(process.ppid));
    const guest = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    expect(guest.owner).toBe(false);
    expect(guest.port).toBe(owner.port);
    await guest.stop();
    expect(await query(owner.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('adopts a server whose owner was killed, and recovers from a stale pid file', async () => {
    const dataDir = await tempDir();
    const orphaned = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    const exited = spawn('true');
    await new Promise((resolve) => exited.on('exit', resolve));
    const deadPid = exited.pid!;
    await fs.writeFile(`${dataDir}.owner`, String(deadPid)); // the owner died with kill -9
    const adopter = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    expect(adopter.owner).toBe(true);
    expect(adopter.port).toBe(orphaned.port);
    const pid = await postmasterPid(dataDir);
    await adopter.stop();
    expect(() => process.kill(pid, 0)).toThrow();

    // A pid file naming a process that is not PostgreSQL (pid reused after a crash) is removed.
    const sleeper = spawn('sleep', ['30']);
    cleanups.push(async () => void sleeper.kill());
    await fs.writeFile(
      path.join(dataDir, 'postmaster.pid'),
      `${sleeper.pid}\n${dataDir}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`,
    );
    const restarted = await startEmbeddedPostgres({ dataDir, logger, unsafeFast: true });
    cleanups.push(() => restarted.stop());
    expect(await query(restarted.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
  });
});
