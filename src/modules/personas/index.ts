import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { personaRoutes } from './persona-routes';

/** Personas: who a lead is, and what sales should ask and expect on the call. */
export function personasModule(ctx: AppContext): BatonModule {
  return { name: 'personas', routes: [personaRoutes(ctx)] };
}
