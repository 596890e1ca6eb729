import { parseCronItems, type Runner, run, type TaskList, Logger as WorkerLogger } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from '../logger';
import type { JobDefinition } from './job';

export type JobWorker = { stop(): Promise<void>; runner: Runner };

/** graphile-worker's log lines, routed to pino. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}

/**
 * Runs every module's jobs. graphile-worker takes jobs with `FOR UPDATE SKIP LOCKED`, so any number
 * of worker processes can run side by side and each job runs once; NOTIFY wakes a worker in ~ms.
 */
export async function startJobWorker(options: {
  pool: pg.Pool;
  jobs: JobDefinition[];
  concurrency: number;
  logger: Logger;
}): Promise<JobWorker> {
  const taskList: TaskList = {};
  for (const job of options.jobs) {
    if (taskList[job.name]) throw new Error(`Two jobs are named ${job.name}`);
    taskList[job.name] = (payload, helpers) => job.run(payload, helpers);
  }
  const cronItems = parseCronItems(
    options.jobs
      .filter((job) => job.cron)
      .map((job) => ({ task: job.name, match: job.cron!, identifier: job.name, options: { backfillPeriod: 0 } })),
  );
  const runner = await run({
    pgPool: options.pool,
    taskList,
    parsedCronItems: cronItems,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: workerLogger(options.logger),
  });
  return {
    runner,
    stop: () => runner.stop(),
  };
}
