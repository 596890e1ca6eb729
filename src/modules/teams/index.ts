import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { teamRoutes } from './routes';

export { createTeam, listTeams, setTeamMembers, type TeamView } from './manage-teams';

export function teamsModule(ctx: AppContext): BatonModule {
  return { name: 'teams', routes: [teamRoutes(ctx)] };
}
