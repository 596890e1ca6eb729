import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { funnelRoutes } from './funnel-routes';

export { conversionFunnel, type Funnel, type FunnelGrouping } from './funnel';
export { type ConversionEvent, recordConversionEvent, recordConversionEvents } from './record-conversion';
export { type ConversionStep, conversionSteps } from './schema';

/** Conversion paths: the steps visitors take from a CTA to a download, and the funnel over them. */
export function conversionsModule(ctx: AppContext): BatonModule {
  return { name: 'conversions', routes: [funnelRoutes(ctx)] };
}
