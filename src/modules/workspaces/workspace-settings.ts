import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { workspaces } from './schema';

/** Who among sales reps sees which leads: all of them, their team's, or only their own. */
export const leadVisibilities = ['all', 'team', 'own'] as const;

export const workspaceSettingsSchema = z.object({
  leadVisibility: z.enum(leadVisibilities).default('all'),
});
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export async function getWorkspaceSettings(ctx: AppContext, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await ctx.db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  // Stored settings from an older version may lack newer keys: defaults fill them in.
  return workspaceSettingsSchema.parse(row?.settings ?? {});
}

export async function updateWorkspaceSettings(
  ctx: AppContext,
  workspaceId: string,
  changes: Partial<WorkspaceSettings>,
): Promise<WorkspaceSettings> {
  await ctx.db
    .update(workspaces)
    .set({ settings: sql`${workspaces.settings} || ${JSON.stringify(changes)}::jsonb` })
    .where(eq(workspaces.id, workspaceId));
  return getWorkspaceSettings(ctx, workspaceId);
}
