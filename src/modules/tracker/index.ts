import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { trackerRoutes } from './tracker-routes';

export { buildTracker } from './build-tracker';
export { type EmbedOptions, embedSnippet } from './embed-snippet';

/** The website tracker: /t.js, the script customers embed to send page views, clicks and forms. */
export function trackerModule(_ctx: AppContext): BatonModule {
  return { name: 'tracker', routes: [trackerRoutes()] };
}
