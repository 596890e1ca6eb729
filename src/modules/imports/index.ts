import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { exportRoutes } from './export-routes';
import { importJobs } from './import-jobs';
import { importRoutes } from './import-routes';

export { exportCompanies, exportContacts, exportDeals } from './export-csv';
export { getImport, type ImportView, listImports, saveMapping, startPhase } from './manage-imports';
export { type ImportKind, importKinds } from './schema';
export { uploadImport } from './upload-import';

/** CSV imports (contacts, companies, deals, sales activities, campaign costs) and exports. */
export function importsModule(ctx: AppContext): BatonModule {
  return { name: 'imports', routes: [importRoutes(ctx), exportRoutes(ctx)], jobs: importJobs(ctx) };
}
