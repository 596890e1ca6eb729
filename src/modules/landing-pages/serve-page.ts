import { randomUUID } from 'node:crypto';
import { isbot } from 'isbot';
import type { AppContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import { findActiveSession } from '../auth/sessions';
import { classifySource } from '../campaigns';
import { recordConversionEvent } from '../conversions/record-conversion';
import { formStylesheet, getPublishedForm, knownVisitor, renderFormHtml } from '../forms';
import { createDownloadLink, getAssetOrNull, hostedWriteKeyOf } from '../offers';
import { chooseVariant, visitorBucket } from './choose-variant';
import { findPageBySlug } from './manage-pages';
import { renderLandingPage } from './render-page';

export type PageRequest = {
  slug: string;
  baseUrl: string;
  query: Record<string, string | undefined>;
  cookies: Record<string, string | undefined>;
  referrer?: string;
  userAgent?: string;
};

export type CookieToSet = { name: string; value: string; maxAgeSeconds: number; path: string; httpOnly: boolean };

export type PageResponse =
  | { status: 404 }
  | { status: 200; html: string; cookies: CookieToSet[]; counted: boolean; variantId: string };

/** The tracker's first-party visitor id: shared with /t.js on hosted pages, so both name one visitor. */
export const VISITOR_COOKIE = 'baton_aid';
/** The visitor's answer on a page that asks for cookie consent: 'granted' or 'refused'. */
export const CONSENT_COOKIE = 'baton_consent';
const variantCookie = (pageId: string) => `baton_v_${pageId.replace(/-/g, '')}`;
const YEAR = 365 * 24 * 3600;

/**
 * GET /p/<slug>: the published page in the variant this visitor is assigned (sticky by cookie),
 * counted as a 'page_view' conversion event unless the visitor is a bot. `?preview=1` shows a
 * draft to a signed-in member of its workspace (`&variant=b` to pick one), never counted.
 */
export async function servePage(ctx: AppContext, request: PageRequest): Promise<PageResponse> {
  const page = await findPageBySlug(ctx, request.slug);
  if (!page || page.variants.length === 0) return { status: 404 };
  const preview = request.query.preview === '1' && (await isMemberOf(ctx, page.workspaceId, request.cookies));
  if (page.status !== 'published' && !preview) return { status: 404 };

  const cookies: CookieToSet[] = [];
  // Where the page asks first, nothing of ours is read or written until the visitor accepts; a
  // visitor who said no on any page of ours is not tracked on the others either.
  const consent = request.cookies[CONSENT_COOKIE];
  const mayUseCookies = consent !== 'refused' && (!page.cookieConsent || consent === 'granted');
  const validId = (id: string | undefined) => (id && id.length <= 200 && /^[\w-]+$/.test(id) ? id : undefined);
  let visitorId = mayUseCookies ? validId(request.cookies[VISITOR_COOKIE]) : undefined;
  if (!visitorId && mayUseCookies) {
    // Never adopted from the URL: an id in a shared link would tie strangers to one visitor.
    visitorId = randomUUID();
    cookies.push({ name: VISITOR_COOKIE, value: visitorId, maxAgeSeconds: YEAR, path: '/', httpOnly: false });
  }
  const variant =
    (preview && page.variants.find((candidate) => candidate.id === request.query.variant)) ||
    chooseVariant(
      page.variants,
      // Without consent the split is per view: a fair draw, not sticky.
      visitorBucket(page.id, visitorId ?? randomUUID()),
      mayUseCookies ? request.cookies[variantCookie(page.id)] : undefined,
    ) ||
    page.variants[0]!;
  if (!preview && mayUseCookies) {
    cookies.push({
      name: variantCookie(page.id),
      value: variant.id,
      maxAgeSeconds: 90 * 24 * 3600,
      path: `/p/${page.slug}`,
      httpOnly: true,
    });
  }

  const pageUrl = `${request.baseUrl}/p/${page.slug}`;
  const search = new URLSearchParams(
    Object.entries(request.query).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const classified = classifySource({
    utm: {
      source: request.query.utm_source,
      medium: request.query.utm_medium,
      campaign: request.query.utm_campaign,
    },
    referrer: request.referrer,
    url: `${pageUrl}?${search}`,
  });
  const ctaId = request.query.baton_cta && isUuid(request.query.baton_cta) ? request.query.baton_cta : undefined;
  const counted = !preview && !isbot(request.userAgent ?? '');
  if (counted) {
    await recordConversionEvent(ctx.pool, {
      workspaceId: page.workspaceId,
      step: 'page_view',
      at: ctx.clock.now(),
      anonymousId: visitorId ?? null,
      landingPageId: page.id,
      variantId: variant.id,
      ctaId,
      source: classified.channel,
      campaign: classified.campaign,
    });
  }

  const [asset, ogImage, writeKey] = await Promise.all([
    page.assetId ? getAssetOrNull(ctx, page.workspaceId, page.assetId) : undefined,
    page.ogImageAssetId ? getAssetOrNull(ctx, page.workspaceId, page.ogImageAssetId) : undefined,
    preview ? undefined : hostedWriteKeyOf(ctx, page.workspaceId),
  ]);
  const linkFields = {
    workspaceId: page.workspaceId,
    anonymousId: visitorId,
    landingPageId: page.id,
    variantId: variant.id,
    ctaId,
    source: classified.channel,
    campaign: classified.campaign,
  };
  // An open offer gets its link now; a gated one is delivered by the form after it is sent.
  const downloadHref =
    asset && !asset.gateFormId
      ? `${request.baseUrl}${await createDownloadLink(ctx, { ...linkFields, assetId: asset.id })}`
      : undefined;
  const ogImageUrl = ogImage
    ? `${request.baseUrl}${await createDownloadLink(ctx, { workspaceId: page.workspaceId, assetId: ogImage.id, ttlSeconds: 30 * 24 * 3600, inline: true })}`
    : undefined;

  const form = page.formId
    ? await hostedForm(ctx, page.workspaceId, page.formId, {
        baseUrl: request.baseUrl,
        visitorId: preview ? undefined : visitorId,
        hidden: {
          _baton_page: page.id,
          _baton_variant: variant.id,
          ...(ctaId ? { _baton_cta: ctaId } : {}),
          ...(visitorId ? { _baton_aid: visitorId } : {}),
          page_url: `${pageUrl}${search.size ? `?${search}` : ''}`,
          ...(request.referrer ? { referrer: request.referrer.slice(0, 2000) } : {}),
          ...Object.fromEntries(
            ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].flatMap((key) =>
              request.query[key] ? [[key, request.query[key]!.slice(0, 200)]] : [],
            ),
          ),
        },
      })
    : undefined;
  const html = renderLandingPage({
    template: page.template,
    accentColor: page.accentColor,
    seo: {
      title: page.seoTitle,
      description: page.seoDescription,
      canonicalUrl: pageUrl,
      imageUrl: ogImageUrl,
    },
    variant,
    formHtml: form?.html,
    formCss: form?.css,
    offer: asset ? { title: asset.title, kind: asset.kind, description: asset.description, downloadHref } : undefined,
    tracker: writeKey ? { src: `${request.baseUrl}/t.js`, writeKey, consentRequired: !mayUseCookies } : undefined,
    consentBanner: !preview && page.cookieConsent && consent !== 'granted' && consent !== 'refused',
    preview,
  });
  return { status: 200, html, cookies, counted, variantId: variant.id };
}

/**
 * The page's form, rendered here by the forms module so it works without JavaScript (it posts to
 * /f/<id>); the page, variant, CTA, visitor and campaign travel as hidden fields. A visitor Baton
 * knows (by their cookie) is asked next-best questions instead of what it has, as in the embed.
 * A form that is not published (or was deleted) leaves the page without one rather than break it.
 */
async function hostedForm(
  ctx: AppContext,
  workspaceId: string,
  formId: string,
  options: { baseUrl: string; hidden: Record<string, string>; visitorId?: string },
): Promise<{ html: string; css: string } | undefined> {
  const form = await getPublishedForm(ctx, workspaceId, formId).catch(() => undefined);
  if (!form) return undefined;
  const known = options.visitorId ? await knownVisitor(ctx, form, { anonymousId: options.visitorId }) : undefined;
  return {
    html: renderFormHtml(form, {
      action: `${options.baseUrl}/f/${form.id}`,
      hidden: options.hidden,
      knownFields: known?.knownFields,
      values: known?.values,
    }),
    css: formStylesheet,
  };
}

async function isMemberOf(ctx: AppContext, workspaceId: string, cookies: Record<string, string | undefined>) {
  const token = cookies.baton_session;
  const session = token ? await findActiveSession(ctx, token) : undefined;
  return session?.workspaceId === workspaceId;
}
