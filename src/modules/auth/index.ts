import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { apiKeyRoutes } from './api-key-routes';
import { authRoutes } from './auth-routes';
import { expireSessionsJob } from './expire-sessions-job';
import { userRoutes } from './user-routes';

export { accessControl, principalFromKey, principalOf } from './access';
export { createApiKey, listApiKeys, revokeApiKey } from './api-keys';
export { createUser, generatePassword } from './create-user';
export { getUser, listUsers } from './list-users';
export { hashPassword } from './password';
export type { Access, Principal } from './principal';
export { actorOf } from './principal';
export { type UserRole, userRoles } from './schema';
export { updateUser } from './update-user';

export function authModule(ctx: AppContext): BatonModule {
  return {
    name: 'auth',
    routes: [authRoutes(ctx), userRoutes(ctx), apiKeyRoutes(ctx)],
    jobs: [expireSessionsJob(ctx)],
  };
}
