import { and, count, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { contacts, type LifecycleStage } from './schema';

/** How many live (unmerged) contacts sit in each lifecycle stage. */
export async function countContactsByStage(
  ctx: AppContext,
  workspaceId: string,
): Promise<Partial<Record<LifecycleStage, number>>> {
  const rows = await ctx.db
    .select({ stage: contacts.lifecycleStage, count: count() })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), isNull(contacts.mergedIntoId)))
    .groupBy(contacts.lifecycleStage);
  return Object.fromEntries(rows.map((row) => [row.stage, row.count]));
}
