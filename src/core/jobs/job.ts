import type { JobHelpers } from 'graphile-worker';

/** A background job a module offers. `cron` makes it recurring (graphile-worker crontab syntax). */
export type JobDefinition = {
  name: string;
  run: (payload: unknown, helpers: JobHelpers) => Promise<void>;
  cron?: string;
};
