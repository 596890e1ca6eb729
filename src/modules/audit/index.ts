import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { auditRoutes } from './routes';

export { listAuditEvents } from './list-audit-events';
export { recordAudit } from './record-audit';

export function auditModule(ctx: AppContext): BatonModule {
  return { name: 'audit', routes: [auditRoutes(ctx)] };
}
