import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { decodeCursor, encodeCursor } from '../../core/http/cursor';
import { isUuid } from '../../core/ids';
import { auditEvents } from './schema';

type Cursor = { at: string; id: string };
const validCursor = (cursor: Cursor) =>
  typeof cursor.id === 'string' &&
  isUuid(cursor.id) &&
  typeof cursor.at === 'string' &&
  !Number.isNaN(Date.parse(cursor.at));

/** Audit events, newest first, keyset-paginated on (time, id). */
export async function listAuditEvents(
  ctx: AppContext,
  input: { workspaceId: string; cursor?: string; limit: number },
): Promise<{ items: (typeof auditEvents.$inferSelect)[]; nextCursor: string | null }> {
  const cursor = input.cursor ? decodeCursor(input.cursor, validCursor) : undefined;
  const items = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.workspaceId, input.workspaceId),
        cursor
          ? sql`(${auditEvents.at}, ${auditEvents.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: items.length === input.limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
  };
}
