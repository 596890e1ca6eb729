import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  isAlive,
  makeDataDir,
  processAdminPassword,
  startBatonProcess,
  waitUntil,
} from './helpers/baton-process';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

async function startBaton(dataDir: string, port: number): Promise<ChildProcess> {
  const child = await startBatonProcess(dataDir, port);
  children.push(child);
  return child;
}

async function signIn(port: number): Promise<string> {
  const response = await fetch(`http://localhost:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@baton.local', password: processAdminPassword }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function userEmails(port: number, cookie: string): Promise<string[]> {
  const response = await fetch(`http://localhost:${port}/api/users`, { headers: { cookie } });
  return ((await response.json()) as { items: { email: string }[] }).items.map((user) => user.email);
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

describe('Baton as a process on its embedded PostgreSQL', () => {
  it('stops PostgreSQL cleanly on SIGTERM and comes back with all data after kill -9', async () => {
    const dataDir = await makeDataDir('baton-lifecycle-');
    try {
      const port = await freePort();
      let baton = await startBaton(dataDir, port);
      let cookie = await signIn(port);
      const created = await fetch(`http://localhost:${port}/api/users`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'kept@example.test', role: 'marketing' }),
      });
      expect(created.status).toBe(201);

      // SIGTERM: Baton exits 0 and its PostgreSQL shuts down cleanly with it.
      let pgPid = await postmasterPid(dataDir);
      const exited = new Promise<number | null>((resolve) => baton.on('exit', resolve));
      baton.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(isAlive(pgPid)).toBe(false);
      expect(await fs.readFile(path.join(dataDir, 'pg.log'), 'utf8')).toMatch(/database system is shut down/);

      // Restart, then kill -9: PostgreSQL is orphaned; the next start adopts it and loses nothing.
      baton = await startBaton(dataDir, port);
      cookie = await signIn(port);
      expect(await userEmails(port, cookie)).toContain('kept@example.test');
      pgPid = await postmasterPid(dataDir);
      baton.kill('SIGKILL');
      await waitUntil(() => baton.exitCode !== null || baton.signalCode !== null, 10_000);

      baton = await startBaton(dataDir, port);
      cookie = await signIn(port);
      expect(await userEmails(port, cookie)).toEqual(
        expect.arrayContaining(['admin@baton.local', 'kept@example.test']),
      );
      const stopped = new Promise<number | null>((resolve) => baton.on('exit', resolve));
      baton.kill('SIGTERM');
      expect(await stopped).toBe(0);
      await waitUntil(() => !isAlive(pgPid), 10_000);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
