import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { workspaceRoutes } from './routes';

export { bootstrapFirstWorkspace, type FirstLogin } from './bootstrap-first-workspace';
export { createWorkspace, findWorkspaceBySlug, slugify, type WorkspaceView } from './create-workspace';
export { getWorkspace } from './get-workspace';
export { getWorkspaceSettings, leadVisibilities, type WorkspaceSettings } from './workspace-settings';

export function workspacesModule(ctx: AppContext): BatonModule {
  return { name: 'workspaces', routes: [workspaceRoutes(ctx)] };
}
