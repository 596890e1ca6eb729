import type { JobHelpers } from 'graphile-worker';
import type { AppContext } from '../../core/context';
import type { JobDefinition } from '../../core/jobs/job';
import {
  failImport,
  type ImportJobPayload,
  importJobPayload,
  prepareImport,
  purgeImportRows,
  rescueStalledImports,
  runLane,
} from './run-import';

/** A phase's job: on its last failed attempt the import is marked failed, with every row not imported listed. */
function phaseJob(
  ctx: AppContext,
  name: string,
  work: (payload: ImportJobPayload, helpers: JobHelpers) => Promise<void>,
): JobDefinition {
  return {
    name,
    run: async (raw, helpers) => {
      const payload = importJobPayload.parse(raw);
      try {
        await work(payload, helpers);
      } catch (error) {
        const job = helpers.job;
        if (job && job.attempts >= job.max_attempts) {
          await failImport(ctx, payload, (error as Error).message);
        } else {
          ctx.logger.warn({ err: error, importId: payload.importId }, 'import job failed; it will be retried');
        }
        throw error;
      }
    },
  };
}

export function importJobs(ctx: AppContext): JobDefinition[] {
  return [
    phaseJob(ctx, 'imports.prepare', (payload) => prepareImport(ctx, payload)),
    phaseJob(ctx, 'imports.lane', (payload, helpers) => runLane(ctx, payload, helpers.abortSignal)),
    {
      name: 'imports.rescue',
      cron: '* * * * *',
      run: async () => {
        const rescued = await rescueStalledImports(ctx);
        if (rescued > 0) ctx.logger.warn({ rescued }, 'stalled imports restarted');
      },
    },
    {
      name: 'imports.purge-rows',
      cron: '23 3 * * *',
      run: async () => {
        const purged = await purgeImportRows(ctx);
        if (purged > 0) ctx.logger.info({ purged }, 'raw rows of old imports deleted');
      },
    },
  ];
}
