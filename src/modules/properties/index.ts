import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { propertyRoutes } from './property-routes';

export { createProperty, listProperties, type PropertyView } from './manage-properties';
export { type PropertyObject, type PropertyType, propertyObjects, propertyTypes } from './schema';
export { type PropertyDefinition, validateProperties } from './validate-properties';

export function propertiesModule(ctx: AppContext): BatonModule {
  return { name: 'properties', routes: [propertyRoutes(ctx)] };
}
