import { type ConversionStep, conversionSteps } from './schema';

export type StepCounts = Record<ConversionStep, number>;

export type StepRate = {
  from: ConversionStep;
  to: ConversionStep;
  /** `to` per `from`; null when nothing reached `from`. */
  rate: number | null;
};

export type FunnelSummary = {
  counts: StepCounts;
  /** Each step against the one before it. */
  stepRates: StepRate[];
  /** Submissions per landing page view: the page's conversion rate. */
  pageConversion: number | null;
};

export const emptyCounts = (): StepCounts => Object.fromEntries(conversionSteps.map((step) => [step, 0])) as StepCounts;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Rates along the path CTA view → click → page view → submission → download, from counted events. */
export function summarizeFunnel(counts: StepCounts): FunnelSummary {
  return {
    counts,
    stepRates: conversionSteps.slice(1).map((to, index) => {
      const from = conversionSteps[index]!;
      return { from, to, rate: ratio(counts[to], counts[from]) };
    }),
    pageConversion: ratio(counts.submission, counts.page_view),
  };
}

/** Rows of (key, step, count) as one count per step for each key, in first-seen order. */
export function countsByKey<K>(rows: { key: K; step: ConversionStep; count: number }[]): Map<K, StepCounts> {
  const byKey = new Map<K, StepCounts>();
  for (const row of rows) {
    let counts = byKey.get(row.key);
    if (!counts) {
      counts = emptyCounts();
      byKey.set(row.key, counts);
    }
    counts[row.step] += row.count;
  }
  return byKey;
}
