import type { AppContext } from '../../core/context';
import { classifySource } from '../campaigns';
import { recordConversionEvent } from '../conversions/record-conversion';

export type CtaEventInput = {
  ctaId: string;
  step: 'cta_view' | 'cta_click';
  anonymousId?: string;
  url?: string;
  referrer?: string;
  utm?: { source?: string; medium?: string; campaign?: string };
};

/** A CTA seen or clicked on a site, as a conversion event with the visit's channel and campaign. */
export async function recordCtaEvent(ctx: AppContext, input: CtaEventInput): Promise<boolean> {
  const { rows } = await ctx.pool.query<{ workspace_id: string }>('select workspace_id from ctas where id = $1', [
    input.ctaId,
  ]);
  const workspaceId = rows[0]?.workspace_id;
  if (!workspaceId) return false;
  const classified = classifySource({ utm: input.utm, referrer: input.referrer, url: input.url });
  await recordConversionEvent(ctx.pool, {
    workspaceId,
    step: input.step,
    at: ctx.clock.now(),
    anonymousId: input.anonymousId ?? null,
    ctaId: input.ctaId,
    source: classified.channel,
    campaign: classified.campaign,
  });
  return true;
}
