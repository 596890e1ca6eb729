import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { dealRoutes } from './deal-routes';

export { type DealView, getDeal, listDeals } from './list-deals';
export { closeDeal, createDeal, linkContacts, updateDeal } from './manage-deals';
export { type DealStatus, dealStages, dealStatuses } from './schema';
export { type DealSummary, summarizeDeals } from './summarize-deals';

export function dealsModule(ctx: AppContext): BatonModule {
  return { name: 'deals', routes: [dealRoutes(ctx)] };
}
