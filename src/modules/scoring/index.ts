import { z } from 'zod';
import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { rescoreWorkspace } from './rescore-workspace';
import { lockScoring, scoreContacts } from './score-contacts';
import { loadModel } from './scoring-model';
import { scoringRoutes } from './scoring-routes';

export { enqueueRescore, enqueueScoreContacts, rescoreWorkspace, scoreWorkspace } from './rescore-workspace';
export { lockScoring, scoreContacts } from './score-contacts';
export { defaultModel, loadModel, saveModel } from './scoring-model';

const rescorePayload = z.object({ workspaceId: z.uuid() });
const contactsPayload = z.object({ workspaceId: z.uuid(), contactIds: z.array(z.uuid()).max(100_000) });

/** Fit grade, engagement score with decay, personas, MQL thresholds, preview and calibration. */
export function scoringModule(ctx: AppContext): BatonModule {
  return {
    name: 'scoring',
    routes: [scoringRoutes(ctx)],
    jobs: [
      {
        name: 'scoring.rescore',
        run: async (payload) => {
          await rescoreWorkspace(ctx, rescorePayload.parse(payload).workspaceId);
        },
      },
      {
        name: 'scoring.contacts',
        run: async (payload) => {
          const { workspaceId, contactIds } = contactsPayload.parse(payload);
          await ctx.db.transaction(async (tx) => {
            await lockScoring(tx, workspaceId, 'shared');
            await scoreContacts(tx, workspaceId, await loadModel(tx, workspaceId), {
              contactIds,
              at: ctx.clock.now(),
              cause: 'profile',
            });
          });
        },
      },
    ],
  };
}
