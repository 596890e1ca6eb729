import type { AppContext } from '../../core/context';
import type { SqlClient } from '../../core/db/sql-client';
import type { TalkTrackInput } from './write-talk-track';

export type ContentCatalog = TalkTrackInput['catalog'];
const CATALOG_TTL_MS = 10 * 60_000;

/**
 * A workspace's content offers, most downloaded first. Counted from the downloads (a partial
 * index holds just those).
 */
export async function loadContentCatalog(db: SqlClient, workspaceId: string): Promise<ContentCatalog> {
  const { rows } = await db.query<{ title: string; asset_kind: string | null }>(
    `select t.title,
            (select a.properties->>'assetKind' from activities a
              where a.workspace_id = $1 and a.type = 'content_download' and a.title = t.title
                and a.properties ? 'assetKind' limit 1) as asset_kind
       from (select title, count(*) as downloads from activities
              where workspace_id = $1 and type = 'content_download' and title is not null
              group by title order by count(*) desc, title limit 20) t
      order by t.downloads desc, t.title`,
    [workspaceId],
  );
  return rows.map((row) => ({ title: row.title, assetKind: row.asset_kind }));
}

/**
 * The catalog kept for ten minutes per process: it changes slowly, and talk tracks are written on
 * every lead record and every routed lead. A miss is read on `db` when given, so a caller inside a
 * transaction needs no second connection.
 */
export function contentCatalog(ctx: AppContext) {
  const cache = new Map<string, { at: number; items: Promise<ContentCatalog> }>();
  return (workspaceId: string, db: SqlClient = ctx.pool): Promise<ContentCatalog> => {
    const now = Date.now();
    const cached = cache.get(workspaceId);
    if (cached && now - cached.at < CATALOG_TTL_MS) return cached.items;
    const items = loadContentCatalog(db, workspaceId);
    items.catch(() => cache.delete(workspaceId));
    cache.set(workspaceId, { at: now, items });
    return items;
  };
}

export type ContentCatalogOf = ReturnType<typeof contentCatalog>;
