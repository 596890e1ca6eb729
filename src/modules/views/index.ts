import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { viewRoutes } from './view-routes';

export function viewsModule(ctx: AppContext): BatonModule {
  return { name: 'views', routes: [viewRoutes(ctx)] };
}
