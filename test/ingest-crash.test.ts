import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, makeDataDir, startBatonProcess, waitUntil } from './helpers/baton-process';
import { runCli } from './helpers/run-cli';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('ingest durability', () => {
  it('loses no acknowledged event when Baton is killed with SIGKILL under load', async () => {
    const dataDir = await makeDataDir('baton-crash-');
    try {
      const port = await freePort();
      let baton = await startBatonProcess(dataDir, port);
      children.push(baton);
      const keyResult = await runCli(['apikey', 'create', '--kind', 'write'], {
        DATABASE_URL: '',
        BATON_DATA_DIR: dataDir,
      });
      expect(keyResult.code, keyResult.stderr).toBe(0);
      const auth = `Basic ${Buffer.from(`${keyResult.stdout.trim()}:`).toString('base64')}`;

      const acknowledged: string[] = [];
      let sent = 0;
      let stop = false;
      const sender = async (worker: number) => {
        for (let i = 0; !stop; i += 1) {
          const messageId = `crash-${worker}-${i}`;
          sent += 1;
          try {
            const response = await fetch(`http://127.0.0.1:${port}/v1/track`, {
              method: 'POST',
              headers: { authorization: auth, 'content-type': 'application/json' },
              body: JSON.stringify({ messageId, anonymousId: `visitor-${worker}`, event: 'Load Test' }),
            });
            if (response.status === 200) acknowledged.push(messageId);
          } catch {
            // the server died mid-request: not acknowledged, so not promised
          }
        }
      };
      const senders = Array.from({ length: 20 }, (_, worker) => sender(worker));
      await waitUntil(() => acknowledged.length >= 1500, 30_000);
      baton.kill('SIGKILL');
      await waitUntil(() => baton.signalCode !== null, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      stop = true;
      await Promise.all(senders);
      expect(acknowledged.length).toBeGreaterThanOrEqual(1500);

      baton = await startBatonProcess(dataDir, port);
      children.push(baton);
      const credentials = JSON.parse(await fs.readFile(path.join(dataDir, 'pg.credentials.json'), 'utf8'));
      const pgPort = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[3]);
      const client = new pg.Client({
        host: '127.0.0.1',
        port: pgPort,
        user: credentials.user,
        password: credentials.password,
        database: 'baton',
      });
      await client.connect();
      const { rows } = await client.query('select message_id from events where message_id = any($1::text[])', [
        acknowledged,
      ]);
      await client.end();
      expect(rows.length).toBe(acknowledged.length);
      expect(sent).toBeGreaterThan(acknowledged.length - 1);

      const exited = new Promise((resolve) => baton.on('exit', resolve));
      baton.kill('SIGTERM');
      await exited;
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
