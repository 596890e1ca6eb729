import { and, count, eq, gte } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { LifecycleStage } from '../contacts';
import { stageTransitions } from './schema';

/** How many contacts entered `stage` since a moment (e.g. MQLs this month). */
export async function countEntriesInto(
  ctx: AppContext,
  input: { workspaceId: string; stage: LifecycleStage; since: Date },
): Promise<number> {
  const [row] = await ctx.db
    .select({ value: count() })
    .from(stageTransitions)
    .where(
      and(
        eq(stageTransitions.workspaceId, input.workspaceId),
        eq(stageTransitions.toStage, input.stage),
        gte(stageTransitions.at, input.since),
      ),
    );
  return row?.value ?? 0;
}
