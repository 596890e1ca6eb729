import type { AppContext } from '../../core/context';
import type { JobDefinition } from '../../core/jobs/job';
import { deleteExpiredSessions } from './sessions';

/** Hourly: delete sessions past their expiry so the table holds only live ones. */
export function expireSessionsJob(ctx: AppContext): JobDefinition {
  return {
    name: 'auth.expire-sessions',
    cron: '17 * * * *',
    run: async () => {
      const removed = await deleteExpiredSessions(ctx);
      if (removed > 0) ctx.logger.info({ removed }, 'expired sessions removed');
    },
  };
}
