import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { lifecycleRoutes } from './lifecycle-routes';

export { type Actor, changeStage, changeWorkingStatus } from './change-stage';
export { countEntriesInto } from './count-transitions';
export { recordTransitions, type TransitionRow } from './record-transitions';
export { defaultRejectionReasons, listRejectionReasons } from './rejection-reasons';
export { acceptLead, rejectLead } from './sales-verdict';
export { stageHistory, stagePeriods } from './stage-history';

export function lifecycleModule(ctx: AppContext): BatonModule {
  return { name: 'lifecycle', routes: [lifecycleRoutes(ctx)] };
}
