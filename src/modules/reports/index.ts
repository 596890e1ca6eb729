import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { overviewRoutes } from './overview-routes';

export function reportsModule(ctx: AppContext): BatonModule {
  return { name: 'reports', routes: [overviewRoutes(ctx)] };
}
