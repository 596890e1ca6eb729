import { describe, expect, it } from 'vitest';
import { createTestWorkspace, signIn } from '../../../test/helpers/factories';
import { startTestApp } from '../../../test/helpers/test-app';
import { expireSessionsJob } from '../../modules/auth/expire-sessions-job';
import { fixedClock } from '../clock';
import { enqueueJob } from './enqueue-job';
import { startJobWorker } from './worker';

describe('background jobs', () => {
  it('runs each job exactly once across two worker processes', async () => {
    const testApp = await startTestApp();
    const { ctx } = testApp;
    await ctx.pool.query('create table job_runs (job int not null, worker text not null)');
    const jobFor = (worker: string) => ({
      name: 'test.record-run',
      run: async (payload: unknown) => {
        await ctx.pool.query('insert into job_runs values ($1, $2)', [(payload as { job: number }).job, worker]);
      },
    });
    const workers = await Promise.all(
      ['a', 'b'].map((name) =>
        startJobWorker({ pool: ctx.pool, jobs: [jobFor(name)], concurrency: 4, logger: ctx.logger }),
      ),
    );
    try {
      for (let job = 0; job < 300; job += 1) await enqueueJob(ctx.pool, 'test.record-run', { job });
      const deadline = Date.now() + 20_000;
      let done = 0;
      while (Date.now() < deadline) {
        done = (await ctx.pool.query('select count(*)::int as n from job_runs')).rows[0].n;
        if (done >= 300) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300)); // would a duplicate still arrive?
      const { rows } = await ctx.pool.query(
        'select count(*)::int as runs, count(distinct job)::int as jobs, count(distinct worker)::int as workers from job_runs',
      );
      expect(rows[0]).toEqual({ runs: 300, jobs: 300, workers: 2 });
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await testApp.close();
    }
  });

  it('expires sessions past their expiry and keeps live ones', async () => {
    const clock = fixedClock(new Date('2026-05-01T12:00:00Z'));
    const testApp = await startTestApp({ clock, env: { BATON_SESSION_IDLE_HOURS: '1' } });
    try {
      const { ctx, app } = testApp;
      const { admin } = await createTestWorkspace(ctx, app);
      clock.advance(2 * 3_600_000);
      const fresh = await signIn(app, admin.email);
      await expireSessionsJob(ctx).run({}, {} as never);
      const { rows } = await ctx.pool.query('select count(*)::int as n from sessions');
      expect(rows[0].n).toBe(1);
      expect((await app.inject({ url: '/api/auth/me', headers: { cookie: fresh } })).statusCode).toBe(200);
    } finally {
      await testApp.close();
    }
  });
});
