import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { changeStage } from '../src/modules/lifecycle';
import { freePort, makeDataDir, startBatonProcess, waitUntil } from './helpers/baton-process';
import { createTestUser, createTestWorkspace } from './helpers/factories';
import { startTestApp } from './helpers/test-app';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('routing with two worker processes', () => {
  it('assigns every hand-off exactly once, and round robin stays exact, when two Baton processes route at once', async () => {
    const testApp = await startTestApp();
    const dataDirs = [await makeDataDir('baton-routing-a-'), await makeDataDir('baton-routing-b-')];
    try {
      const { ctx, app } = testApp;
      const { workspace, admin } = await createTestWorkspace(ctx, app);
      const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
        app.inject({ method, url, headers: { cookie: admin.cookie }, payload });
      const reps = [
        await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Ada Rep'),
        await createTestUser(ctx, app, workspace.id, 'sales_rep', 'Bo Rep'),
      ];
      const team = (await api('POST', '/api/teams', { name: 'Inbound' })).json();
      await api('PUT', `/api/teams/${team.id}/members`, {
        members: reps.map((rep) => ({ userId: rep.id, weight: 1 })),
      });
      await api('PUT', '/api/routing/rules', {
        rules: [{ name: 'All to Inbound', target: { type: 'team', teamId: team.id } }],
      });

      // Two real Baton processes, each running its job workers, on the same database.
      for (const dataDir of dataDirs) {
        children.push(await startBatonProcess(dataDir, await freePort(), { DATABASE_URL: testApp.databaseUrl }));
      }
      const { rows: contacts } = await ctx.pool.query<{ id: string }>(
        `insert into contacts (workspace_id, id, email)
         select $1, gen_random_uuid(), 'lead' || n || '@example.org' from generate_series(1, 200) n returning id`,
        [workspace.id],
      );
      // Hand-offs arrive one by one, each waking both processes' workers.
      for (let i = 0; i < contacts.length; i += 20) {
        await Promise.all(
          contacts.slice(i, i + 20).map((contact) =>
            ctx.db.transaction((tx) =>
              changeStage(tx, {
                workspaceId: workspace.id,
                contactId: contact.id,
                to: 'mql',
                actor: { type: 'rule', id: null },
                at: new Date(),
                rule: 'MQL: test',
              }),
            ),
          ),
        );
      }
      const pending = async () =>
        (
          await ctx.pool.query<{ n: number }>(
            `select count(*)::int as n from handoffs where workspace_id = $1 and status = 'pending'`,
            [workspace.id],
          )
        ).rows[0]!.n;
      await waitUntil(async () => (await pending()) === 0, 60_000);

      const { rows: perHandoff } = await ctx.pool.query<{ n: number }>(
        `select count(a.id)::int as n from handoffs h
           left join assignments a on a.workspace_id = h.workspace_id and a.handoff_id = h.id
          where h.workspace_id = $1 group by h.id`,
        [workspace.id],
      );
      expect(perHandoff).toHaveLength(200);
      expect(perHandoff.every((row) => row.n === 1)).toBe(true);
      const { rows: split } = await ctx.pool.query<{ user_id: string; n: number }>(
        `select user_id, count(*)::int as n from assignments where workspace_id = $1 group by user_id order by user_id`,
        [workspace.id],
      );
      expect(split.map((row) => row.n)).toEqual([100, 100]);
      // And one SLA clock per assignment: no hand-off half-routed by a process that lost the race.
      const { rows: clocks } = await ctx.pool.query<{ n: number }>(
        `select count(*)::int as n from sla_clocks where workspace_id = $1 and status = 'open'`,
        [workspace.id],
      );
      expect(clocks[0]!.n).toBe(200);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await waitUntil(
        () => children.every((child) => child.exitCode !== null || child.signalCode !== null),
        20_000,
      ).catch(() => undefined);
      await testApp.close();
      for (const dataDir of dataDirs) await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
