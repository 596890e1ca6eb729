import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type AssetStorage, localDiskStorage } from './asset-storage';
import type { AssetKind } from './schema';
import { MAGIC_BYTES, sniffOfferFile } from './sniff-file';

/** Largest offer file accepted. */
export const maxOfferBytes = 25 * 2 ** 20;

const storages = new Map<string, AssetStorage>();

/** The workspace files' store: `<data dir>/assets` on local disk. */
export function assetStorageOf(ctx: AppContext): AssetStorage {
  const root = path.join(ctx.config.dataDir, 'assets');
  let storage = storages.get(root);
  if (!storage) {
    storage = localDiskStorage(root);
    storages.set(root, storage);
  }
  return storage;
}

export type AssetView = {
  id: string;
  title: string;
  kind: AssetKind;
  description: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  gateFormId: string | null;
  createdAt: Date;
  updatedAt: Date;
  downloads: number;
};

type AssetRow = {
  id: string;
  title: string;
  kind: AssetKind;
  description: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  gate_form_id: string | null;
  created_at: Date;
  updated_at: Date;
  downloads?: number;
};

const view = (row: AssetRow): AssetView => ({
  id: row.id,
  title: row.title,
  kind: row.kind,
  description: row.description,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: row.size_bytes,
  gateFormId: row.gate_form_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  downloads: row.downloads ?? 0,
});

export type AssetFields = { title: string; kind: AssetKind; description: string; gateFormId: string | null };

/** A gate must be one of the workspace's forms. */
async function checkGateForm(ctx: AppContext, workspaceId: string, formId: string | null | undefined) {
  if (!formId) return;
  const { rows } = await ctx.pool.query('select 1 from forms where workspace_id = $1 and id = $2', [
    workspaceId,
    formId,
  ]);
  if (!rows[0]) {
    throw new AppError('validation_failed', 'gateFormId: no such form', {
      details: [{ path: 'body.gateFormId', message: 'no such form' }],
    });
  }
}

/** Stores the file (its type told by its first bytes) and its offer row; a refused file leaves nothing behind. */
export async function uploadAsset(
  ctx: AppContext,
  input: AssetFields & { workspaceId: string; createdBy: string | null; fileName: string; file: Readable },
): Promise<AssetView> {
  await checkGateForm(ctx, input.workspaceId, input.gateFormId);
  const id = newId();
  const storageKey = `${input.workspaceId}/${id}`;
  const storage = assetStorageOf(ctx);
  let head = Buffer.alloc(0);
  const peek = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head.length < MAGIC_BYTES) head = Buffer.concat([head, chunk.subarray(0, MAGIC_BYTES - head.length)]);
      done(null, chunk);
    },
  });
  const { bytes } = await storage.put(storageKey, input.file.pipe(peek));
  const truncated = (input.file as Readable & { truncated?: boolean }).truncated;
  const sniffed = sniffOfferFile(head, input.fileName);
  const problem = truncated
    ? new AppError('payload_too_large', `The file is larger than ${maxOfferBytes / 2 ** 20} MB`)
    : bytes === 0
      ? new AppError('validation_failed', 'file: the file is empty', { details: [{ path: 'file', message: 'empty' }] })
      : !sniffed.ok
        ? new AppError('unsupported_media_type', `file: ${sniffed.message}`, {
            details: [{ path: 'file', message: sniffed.message }],
          })
        : undefined;
  if (problem || !sniffed.ok) {
    await storage.delete(storageKey);
    throw problem;
  }
  const now = ctx.clock.now();
  const { rows } = await ctx.pool
    .query<AssetRow>(
      `insert into content_assets (workspace_id, id, title, kind, description, file_name, content_type, size_bytes,
                                 storage_key, gate_form_id, created_by, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning *`,
      [
        input.workspaceId,
        id,
        input.title,
        input.kind,
        input.description,
        path.basename(input.fileName).slice(0, 200) || 'offer',
        sniffed.contentType,
        bytes,
        storageKey,
        input.gateFormId,
        input.createdBy,
        now,
      ],
    )
    .catch(async (error: unknown) => {
      await storage.delete(storageKey);
      throw error;
    });
  return view(rows[0]!);
}

const downloadsSql = `(select count(*)::int from conversion_events e
                        where e.workspace_id = a.workspace_id and e.asset_id = a.id and e.step = 'download') as downloads`;

export async function listAssets(ctx: AppContext, workspaceId: string): Promise<AssetView[]> {
  const { rows } = await ctx.pool.query<AssetRow>(
    `select a.*, ${downloadsSql} from content_assets a where a.workspace_id = $1 order by a.created_at desc, a.id desc`,
    [workspaceId],
  );
  return rows.map(view);
}

export async function getAssetRow(ctx: AppContext, workspaceId: string, id: string) {
  const { rows } = await ctx.pool.query<AssetRow>(
    `select a.*, ${downloadsSql} from content_assets a where a.workspace_id = $1 and a.id = $2`,
    [workspaceId, id],
  );
  return rows[0] && { ...view(rows[0]), storageKey: rows[0].storage_key };
}

export async function getAssetOrNull(ctx: AppContext, workspaceId: string, id: string): Promise<AssetView | undefined> {
  const asset = await getAssetRow(ctx, workspaceId, id);
  if (!asset) return undefined;
  const { storageKey: _, ...rest } = asset;
  return rest;
}

export async function getAsset(ctx: AppContext, workspaceId: string, id: string): Promise<AssetView> {
  const asset = await getAssetRow(ctx, workspaceId, id);
  if (!asset) throw notFound('Content offer');
  const { storageKey: _, ...rest } = asset;
  return rest;
}

export async function updateAsset(
  ctx: AppContext,
  input: Partial<AssetFields> & { workspaceId: string; id: string },
): Promise<AssetView> {
  await checkGateForm(ctx, input.workspaceId, input.gateFormId);
  const { rowCount } = await ctx.pool.query(
    `update content_assets set title = coalesce($3, title), kind = coalesce($4, kind),
            description = coalesce($5, description),
            gate_form_id = case when $6::boolean then $7::uuid else gate_form_id end, updated_at = $8
      where workspace_id = $1 and id = $2`,
    [
      input.workspaceId,
      input.id,
      input.title ?? null,
      input.kind ?? null,
      input.description ?? null,
      input.gateFormId !== undefined,
      input.gateFormId ?? null,
      ctx.clock.now(),
    ],
  );
  if (!rowCount) throw notFound('Content offer');
  return getAsset(ctx, input.workspaceId, input.id);
}

/** Removes the offer and its file; links already sent answer 410 from then on. */
export async function deleteAsset(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const { rows } = await ctx.pool.query<{ storage_key: string }>(
    'delete from content_assets where workspace_id = $1 and id = $2 returning storage_key',
    [workspaceId, id],
  );
  if (!rows[0]) throw notFound('Content offer');
  await assetStorageOf(ctx).delete(rows[0].storage_key);
}
