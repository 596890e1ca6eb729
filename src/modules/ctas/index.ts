import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { ctaRoutes } from './cta-routes';

export { ctaInputSchema, getCta, listCtas, saveCta } from './manage-ctas';

/** CTAs: buttons and links the tracker places on any site, their views and clicks counted. */
export function ctasModule(ctx: AppContext): BatonModule {
  return { name: 'ctas', routes: [ctaRoutes(ctx)] };
}
