import type { AppContext } from '../../core/context';
import { isUuid } from '../../core/ids';
import { classifySource } from '../campaigns';
import { createDownloadLink } from '../offers';
import type { Accepted } from './accept-submission';

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * The signed download link of a form's content offer, for its thank-you answer. The contact is not
 * known yet (processing runs after the answer); the visitor's anonymous id ties the download to
 * them once stitched.
 */
export async function offerLink(ctx: AppContext, accepted: Accepted): Promise<string | undefined> {
  const { success } = accepted.form;
  if (success.type !== 'offer') return undefined;
  const context = accepted.context;
  const utm = (context.utm ?? {}) as Record<string, string>;
  const uuidOrNull = (value: unknown) => (typeof value === 'string' && isUuid(value) ? value : null);
  try {
    return await createDownloadLink(ctx, {
      workspaceId: accepted.form.workspaceId,
      assetId: success.assetId,
      anonymousId: accepted.anonymousId,
      landingPageId: uuidOrNull(context.landingPageId),
      // As processing reads it: a visitor-made id the link's token could not carry is dropped.
      variantId: /^[A-Za-z0-9_-]{1,40}$/.test(str(context.variantId) ?? '') ? str(context.variantId)! : null,
      ctaId: uuidOrNull(context.ctaId),
      source: classifySource({ utm, referrer: str(context.referrer), url: str(context.pageUrl) }).channel,
      campaign: utm.campaign ?? null,
    });
  } catch (error) {
    // The submission is stored whatever happens here; a removed offer must not turn it into an error.
    ctx.logger.warn({ err: error, formId: accepted.form.id }, 'form offer link failed');
    return undefined;
  }
}
