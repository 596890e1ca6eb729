import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type CtaStyle, ctaStyles } from './schema';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a color as #rrggbb');

export const ctaInputSchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(200),
    text: z.string().trim().min(1, 'required').max(120),
    style: z.enum(ctaStyles).default('button'),
    backgroundColor: hexColor.default('#4f46e5'),
    textColor: hexColor.default('#ffffff'),
    targetPageId: z.uuid().nullable().default(null),
    targetUrl: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL' })
      .max(2000)
      .nullable()
      .default(null),
  })
  .refine((cta) => (cta.targetPageId === null) !== (cta.targetUrl === null), {
    path: ['targetPageId'],
    message: 'give either a landing page or a URL to go to',
  });
export type CtaInput = z.infer<typeof ctaInputSchema>;

export type CtaView = {
  id: string;
  name: string;
  text: string;
  style: CtaStyle;
  backgroundColor: string;
  textColor: string;
  targetPageId: string | null;
  targetUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const columns = `id, name, text, style, background_color as "backgroundColor", text_color as "textColor",
                 target_page_id as "targetPageId", target_url as "targetUrl", created_at as "createdAt", updated_at as "updatedAt"`;

async function checkTarget(ctx: AppContext, workspaceId: string, input: CtaInput) {
  if (!input.targetPageId) return;
  const { rows } = await ctx.pool.query('select 1 from landing_pages where workspace_id = $1 and id = $2', [
    workspaceId,
    input.targetPageId,
  ]);
  if (!rows[0]) {
    throw new AppError('validation_failed', 'targetPageId: no such landing page', {
      details: [{ path: 'body.targetPageId', message: 'no such landing page' }],
    });
  }
}

export async function listCtas(ctx: AppContext, workspaceId: string): Promise<CtaView[]> {
  const { rows } = await ctx.pool.query<CtaView>(
    `select ${columns} from ctas where workspace_id = $1 order by created_at desc, id desc`,
    [workspaceId],
  );
  return rows;
}

export async function getCta(ctx: AppContext, workspaceId: string, id: string): Promise<CtaView> {
  const { rows } = await ctx.pool.query<CtaView>(`select ${columns} from ctas where workspace_id = $1 and id = $2`, [
    workspaceId,
    id,
  ]);
  if (!rows[0]) throw notFound('CTA');
  return rows[0];
}

export async function saveCta(ctx: AppContext, workspaceId: string, input: CtaInput, id?: string): Promise<CtaView> {
  await checkTarget(ctx, workspaceId, input);
  const values = [
    workspaceId,
    id ?? newId(),
    input.name,
    input.text,
    input.style,
    input.backgroundColor,
    input.textColor,
    input.targetPageId,
    input.targetUrl,
    ctx.clock.now(),
  ];
  const { rows } = id
    ? await ctx.pool.query<CtaView>(
        `update ctas set name = $3, text = $4, style = $5, background_color = $6, text_color = $7,
                target_page_id = $8, target_url = $9, updated_at = $10
          where workspace_id = $1 and id = $2 returning ${columns}`,
        values,
      )
    : await ctx.pool.query<CtaView>(
        `insert into ctas (workspace_id, id, name, text, style, background_color, text_color, target_page_id, target_url,
                           created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning ${columns}`,
        values,
      );
  if (!rows[0]) throw notFound('CTA');
  return rows[0];
}

export async function deleteCta(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  const { rowCount } = await ctx.pool.query('delete from ctas where workspace_id = $1 and id = $2', [workspaceId, id]);
  if (!rowCount) throw notFound('CTA');
}

/** What the tracker needs to draw a CTA: its words, look and where it goes (with the CTA's id on). */
export type PublicCta = {
  id: string;
  text: string;
  style: CtaStyle;
  backgroundColor: string;
  textColor: string;
  href: string;
  /** The target is one of Baton's landing pages: the visitor's id may travel with the click. */
  landingPage: boolean;
};

/** A CTA to a landing page shows once the page is published (a draft would answer 404). */
export async function publicCta(ctx: AppContext, id: string, baseUrl: string): Promise<PublicCta | undefined> {
  const { rows } = await ctx.pool.query<CtaView & { slug: string | null }>(
    `select c.id, c.text, c.style, c.background_color as "backgroundColor", c.text_color as "textColor",
            c.target_url as "targetUrl", p.slug
       from ctas c
       left join landing_pages p
         on p.workspace_id = c.workspace_id and p.id = c.target_page_id and p.status = 'published'
      where c.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row || (!row.slug && !row.targetUrl)) return undefined;
  const target = new URL(row.slug ? `${baseUrl}/p/${row.slug}` : row.targetUrl!);
  target.searchParams.set('baton_cta', row.id);
  return {
    id: row.id,
    text: row.text,
    style: row.style,
    backgroundColor: row.backgroundColor,
    textColor: row.textColor,
    href: target.toString(),
    landingPage: Boolean(row.slug),
  };
}
