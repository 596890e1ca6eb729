import { createHash } from 'node:crypto';

export type WeightedVariant = { id: string; weight: number };

/** Where a visitor falls in [0, 1) for a page: the same visitor always falls in the same place. */
export function visitorBucket(pageId: string, visitorId: string): number {
  return createHash('sha256').update(`${pageId}:${visitorId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The variant a visitor sees: the one they saw before (`sticky`, from their cookie) while it is
 * still live, else the one their bucket falls in, each variant taking a share of [0, 1) in
 * proportion to its weight. Variants with weight 0 are paused: nobody new sees them.
 */
export function chooseVariant<V extends WeightedVariant>(
  variants: V[],
  bucket: number,
  sticky?: string,
): V | undefined {
  const live = variants.filter((variant) => variant.weight > 0);
  const kept = sticky === undefined ? undefined : live.find((variant) => variant.id === sticky);
  if (kept) return kept;
  const total = live.reduce((sum, variant) => sum + variant.weight, 0);
  if (total === 0) return variants[0];
  let edge = 0;
  for (const variant of live) {
    edge += variant.weight / total;
    if (bucket < edge) return variant;
  }
  return live[live.length - 1];
}
