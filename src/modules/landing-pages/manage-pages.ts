import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type PageStatus, type PageTemplate, pageTemplates } from './schema';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a color as #rrggbb');

export const variantInputSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]{1,12}$/, 'lowercase letters and digits, up to 12')
    .optional(),
  name: z.string().trim().min(1, 'required').max(100),
  weight: z.number().int().min(0).max(1000).default(1),
  headline: z.string().trim().min(1, 'required').max(200),
  subheadline: z.string().max(500).default(''),
  body: z.string().max(50_000).default(''),
});

export const pageInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(200),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'letters, digits and dashes, up to 80, no dash at either end'),
  template: z.enum(pageTemplates).default('classic'),
  accentColor: hexColor.default('#4f46e5'),
  seoTitle: z.string().max(200).default(''),
  seoDescription: z.string().max(500).default(''),
  ogImageAssetId: z.uuid().nullable().default(null),
  formId: z.uuid().nullable().default(null),
  assetId: z.uuid().nullable().default(null),
  /** Ask for cookie consent before any cookie or tracking. */
  cookieConsent: z.boolean().default(false),
  variants: z
    .array(variantInputSchema)
    .min(1, 'at least one variant')
    .max(10, 'at most 10 variants')
    .refine((variants) => variants.some((variant) => variant.weight > 0), 'at least one variant with a weight above 0'),
});
export type PageInput = z.infer<typeof pageInputSchema>;

export type VariantView = {
  id: string;
  name: string;
  weight: number;
  headline: string;
  subheadline: string;
  body: string;
};

export type PageView = {
  id: string;
  slug: string;
  name: string;
  status: PageStatus;
  template: PageTemplate;
  accentColor: string;
  seoTitle: string;
  seoDescription: string;
  ogImageAssetId: string | null;
  formId: string | null;
  assetId: string | null;
  cookieConsent: boolean;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  variants: VariantView[];
};

type PageRow = {
  workspace_id: string;
  id: string;
  slug: string;
  name: string;
  status: PageStatus;
  template: PageTemplate;
  accent_color: string;
  seo_title: string;
  seo_description: string;
  og_image_asset_id: string | null;
  form_id: string | null;
  asset_id: string | null;
  cookie_consent: boolean;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const pageView = (row: PageRow, variants: VariantView[]): PageView => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  status: row.status,
  template: row.template,
  accentColor: row.accent_color,
  seoTitle: row.seo_title,
  seoDescription: row.seo_description,
  ogImageAssetId: row.og_image_asset_id,
  formId: row.form_id,
  assetId: row.asset_id,
  cookieConsent: row.cookie_consent,
  publishedAt: row.published_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  variants,
});

async function variantsOf(ctx: AppContext, workspaceId: string, pageIds: string[]) {
  const { rows } = await ctx.pool.query<VariantView & { page_id: string }>(
    `select page_id, id, name, weight, headline, subheadline, body from landing_page_variants
      where workspace_id = $1 and page_id = any($2::uuid[]) order by position, id`,
    [workspaceId, pageIds],
  );
  const byPage = new Map<string, VariantView[]>();
  for (const { page_id, ...variant } of rows) byPage.set(page_id, [...(byPage.get(page_id) ?? []), variant]);
  return byPage;
}

export async function listPages(ctx: AppContext, workspaceId: string): Promise<PageView[]> {
  const { rows } = await ctx.pool.query<PageRow>(
    'select * from landing_pages where workspace_id = $1 order by created_at desc, id desc',
    [workspaceId],
  );
  const variants = await variantsOf(
    ctx,
    workspaceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => pageView(row, variants.get(row.id) ?? []));
}

export async function getPage(ctx: AppContext, workspaceId: string, id: string): Promise<PageView> {
  const { rows } = await ctx.pool.query<PageRow>('select * from landing_pages where workspace_id = $1 and id = $2', [
    workspaceId,
    id,
  ]);
  if (!rows[0]) throw notFound('Landing page');
  return pageView(rows[0], (await variantsOf(ctx, workspaceId, [id])).get(id) ?? []);
}

/** The page at /p/<slug>, with the workspace it belongs to (slugs are unique across workspaces). */
export async function findPageBySlug(ctx: AppContext, slug: string) {
  const { rows } = await ctx.pool.query<PageRow>('select * from landing_pages where slug = $1', [slug]);
  const row = rows[0];
  if (!row) return undefined;
  const variants = (await variantsOf(ctx, row.workspace_id, [row.id])).get(row.id) ?? [];
  return { workspaceId: row.workspace_id, ...pageView(row, variants) };
}

/** Variant ids kept where given; new variants take the next free letter (a, b, c, …). */
function withIds(variants: PageInput['variants']): (PageInput['variants'][number] & { id: string })[] {
  const taken = new Set(variants.flatMap((variant) => (variant.id ? [variant.id] : [])));
  if (taken.size !== variants.filter((variant) => variant.id).length) {
    throw new AppError('validation_failed', 'variants: two variants have the same id', {
      details: [{ path: 'body.variants', message: 'two variants have the same id' }],
    });
  }
  let next = 0;
  const freshId = () => {
    let id: string;
    do {
      id = next < 26 ? String.fromCharCode(97 + next) : `v${next}`;
      next += 1;
    } while (taken.has(id));
    taken.add(id);
    return id;
  };
  return variants.map((variant) => ({ ...variant, id: variant.id ?? freshId() }));
}

async function checkReferences(ctx: AppContext, workspaceId: string, input: PageInput) {
  if (input.formId) {
    const { rows } = await ctx.pool.query('select 1 from forms where workspace_id = $1 and id = $2', [
      workspaceId,
      input.formId,
    ]);
    if (!rows[0]) {
      throw new AppError('validation_failed', 'formId: no such form', {
        details: [{ path: 'body.formId', message: 'no such form' }],
      });
    }
  }
  for (const field of ['assetId', 'ogImageAssetId'] as const) {
    const id = input[field];
    if (!id) continue;
    const { rows } = await ctx.pool.query<{ content_type: string }>(
      'select content_type from content_assets where workspace_id = $1 and id = $2',
      [workspaceId, id],
    );
    const problem = !rows[0]
      ? 'no such content offer'
      : field === 'ogImageAssetId' && !rows[0].content_type.startsWith('image/')
        ? 'must be an image offer'
        : undefined;
    if (problem) {
      throw new AppError('validation_failed', `${field}: ${problem}`, {
        details: [{ path: `body.${field}`, message: problem }],
      });
    }
  }
}

function slugTaken(error: unknown): never {
  if (isUniqueViolation(error, 'landing_pages_slug_key')) {
    throw new AppError('conflict', 'slug: another page already uses this address', {
      details: [{ path: 'body.slug', message: 'already used by another page' }],
    });
  }
  throw error;
}

/** Creates or replaces a page and its variants in one transaction. */
export async function savePage(ctx: AppContext, workspaceId: string, input: PageInput, id?: string): Promise<PageView> {
  await checkReferences(ctx, workspaceId, input);
  const variants = withIds(input.variants);
  const pageId = id ?? newId();
  const now = ctx.clock.now();
  const client = await ctx.pool.connect();
  try {
    await client.query('begin');
    const values = [
      workspaceId,
      pageId,
      input.slug,
      input.name,
      input.template,
      input.accentColor,
      input.seoTitle,
      input.seoDescription,
      input.ogImageAssetId,
      input.formId,
      input.assetId,
      now,
      input.cookieConsent,
    ];
    if (id) {
      const { rowCount } = await client.query(
        `update landing_pages set slug = $3, name = $4, template = $5, accent_color = $6, seo_title = $7,
                seo_description = $8, og_image_asset_id = $9, form_id = $10, asset_id = $11, updated_at = $12,
                cookie_consent = $13
          where workspace_id = $1 and id = $2`,
        values,
      );
      if (!rowCount) throw notFound('Landing page');
      await client.query('delete from landing_page_variants where workspace_id = $1 and page_id = $2', [
        workspaceId,
        pageId,
      ]);
    } else {
      await client.query(
        `insert into landing_pages (workspace_id, id, slug, name, template, accent_color, seo_title, seo_description,
                                    og_image_asset_id, form_id, asset_id, created_at, updated_at, cookie_consent)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13)`,
        values,
      );
    }
    await client.query(
      `insert into landing_page_variants (workspace_id, page_id, id, name, weight, position, headline, subheadline, body, created_at)
       select $1, $2, v.id, v.name, v.weight, v.position, v.headline, v.subheadline, v.body, $4
         from jsonb_to_recordset($3::jsonb) as v(id text, name text, weight int, position int, headline text, subheadline text, body text)`,
      [workspaceId, pageId, JSON.stringify(variants.map((variant, position) => ({ ...variant, position }))), now],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    slugTaken(error);
  } finally {
    client.release();
  }
  return getPage(ctx, workspaceId, pageId);
}

export async function setPageStatus(
  ctx: AppContext,
  workspaceId: string,
  id: string,
  status: PageStatus,
): Promise<PageView> {
  const { rowCount } = await ctx.pool.query(
    `update landing_pages set status = $3, updated_at = $4,
            published_at = case when $3 = 'published' then coalesce(published_at, $4) else published_at end
      where workspace_id = $1 and id = $2`,
    [workspaceId, id, status, ctx.clock.now()],
  );
  if (!rowCount) throw notFound('Landing page');
  return getPage(ctx, workspaceId, id);
}

export async function deletePage(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const { rowCount } = await ctx.pool.query('delete from landing_pages where workspace_id = $1 and id = $2', [
    workspaceId,
    id,
  ]);
  if (!rowCount) throw notFound('Landing page');
  await ctx.pool.query('delete from landing_page_variants where workspace_id = $1 and page_id = $2', [workspaceId, id]);
}
