import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { salesActivityRoutes } from './sales-activity-routes';

export { logSalesActivity, type SalesActivityInput } from './log-sales-activity';
export { type SalesActivityType, salesActivityTypes } from './schema';

export function salesActivitiesModule(ctx: AppContext): BatonModule {
  return { name: 'sales-activities', routes: [salesActivityRoutes(ctx)] };
}
