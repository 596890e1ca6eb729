import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { publishEvent } from '../src/modules/webhooks';
import { startReceiver } from '../src/modules/webhooks/test-kit';
import { freePort, makeDataDir, startBatonProcess, waitUntil } from './helpers/baton-process';
import { createTestWorkspace } from './helpers/factories';
import { startTestApp } from './helpers/test-app';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('webhook durability', () => {
  it('delivers all 1,000 queued webhooks after Baton is killed with SIGKILL mid-delivery', async () => {
    const testApp = await startTestApp();
    const receiver = await startReceiver({ otherwise: { status: 200, delayMs: 30 } });
    const dataDir = await makeDataDir('baton-webhooks-');
    try {
      const { ctx, app } = testApp;
      const { workspace, admin } = await createTestWorkspace(ctx, app);
      const created = await app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: { cookie: admin.cookie },
        payload: { url: receiver.url, eventTypes: ['lead.mql'] },
      });
      expect(created.statusCode).toBe(201);

      // 1,000 events committed in one transaction: 1,000 deliveries and their jobs, or none.
      const client = await ctx.pool.connect();
      const eventIds: string[] = [];
      try {
        await client.query('begin');
        for (let i = 0; i < 1000; i += 1) {
          eventIds.push(
            await publishEvent(client, { workspaceId: workspace.id, type: 'lead.mql', data: { n: i }, at: new Date() }),
          );
        }
        await client.query('commit');
      } finally {
        client.release();
      }

      const env = { DATABASE_URL: testApp.databaseUrl, BATON_WEBHOOK_TIMEOUT_MS: '2000' };
      const port = await freePort();
      let baton = await startBatonProcess(dataDir, port, env);
      children.push(baton);
      await waitUntil(() => receiver.requests.length >= 100, 60_000);
      baton.kill('SIGKILL');
      await waitUntil(() => baton.signalCode !== null, 10_000);
      const receivedBeforeKill = receiver.requests.length;
      const delivered = async () =>
        (
          await ctx.pool.query(
            `select count(*)::int as n from webhook_deliveries where workspace_id = $1 and status = 'delivered'`,
            [workspace.id],
          )
        ).rows[0].n as number;
      expect(await delivered()).toBeLessThan(1000);

      baton = await startBatonProcess(dataDir, port, env);
      children.push(baton);
      // Jobs the killed worker held are found by the recovery loop once their lock is stale.
      await waitUntil(async () => (await delivered()) === 1000, 100_000);

      const received = new Set(receiver.requests.map((request) => request.headers['baton-event-id']));
      expect(eventIds.every((id) => received.has(id))).toBe(true);
      expect(receiver.requests.length).toBeGreaterThanOrEqual(1000);
      expect(receivedBeforeKill).toBeLessThan(1000);

      const exited = new Promise((resolve) => baton.on('exit', resolve));
      baton.kill('SIGTERM');
      await exited;
    } finally {
      await receiver.close();
      await testApp.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 200_000);
});
