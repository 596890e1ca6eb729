import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { Principal } from '../auth';
import { getWorkspaceSettings } from '../workspaces';

/**
 * The condition on `c` (contacts) that limits what a sales rep may see when the workspace keeps
 * leads private: their own (`own`), or their own and their teammates' (`team`). Everyone else —
 * and reps when visibility is `all` — sees every lead. A rep-role API key, which belongs to no one,
 * sees no private leads.
 */
export async function contactVisibility(ctx: AppContext, principal: Principal): Promise<SQL | undefined> {
  if (principal.kind === 'write_key' || principal.role !== 'sales_rep') return undefined;
  const { leadVisibility } = await getWorkspaceSettings(ctx, principal.workspaceId);
  if (leadVisibility === 'all') return undefined;
  if (principal.kind !== 'user') return sql`false`;
  if (leadVisibility === 'own') return sql`c.owner_id = ${principal.userId}`;
  return sql`(c.owner_id = ${principal.userId} or c.owner_id in (
    select mates.user_id from team_members mine
      join team_members mates on mates.workspace_id = mine.workspace_id and mates.team_id = mine.team_id
     where mine.workspace_id = ${principal.workspaceId} and mine.user_id = ${principal.userId}))`;
}

/** 404 (not 403: the lead's existence is private too) when the principal may not see the contact. */
export async function assertContactVisible(ctx: AppContext, principal: Principal, contactId: string): Promise<void> {
  const visibility = await contactVisibility(ctx, principal);
  const { rows } = await ctx.db.execute(sql`
    select 1 from contacts c
     where c.workspace_id = ${principal.workspaceId} and c.id = ${contactId} ${visibility ? sql`and ${visibility}` : sql``}`);
  if (rows.length === 0) throw notFound('Contact');
}
