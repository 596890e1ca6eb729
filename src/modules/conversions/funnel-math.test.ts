import { describe, expect, it } from 'vitest';
import { countsByKey, emptyCounts, summarizeFunnel } from './funnel-math';

describe('funnel math', () => {
  it('rates each step against the one before, and the page by submissions per view', () => {
    const summary = summarizeFunnel({ cta_view: 200, cta_click: 50, page_view: 40, submission: 10, download: 8 });
    expect(summary.stepRates).toEqual([
      { from: 'cta_view', to: 'cta_click', rate: 0.25 },
      { from: 'cta_click', to: 'page_view', rate: 0.8 },
      { from: 'page_view', to: 'submission', rate: 0.25 },
      { from: 'submission', to: 'download', rate: 0.8 },
    ]);
    expect(summary.pageConversion).toBe(0.25);
  });

  it('has no rate where nothing reached the step before', () => {
    const summary = summarizeFunnel({ ...emptyCounts(), page_view: 4, submission: 1 });
    expect(summary.stepRates.map((rate) => rate.rate)).toEqual([null, null, 0.25, 0]);
  });

  it('gathers rows per key', () => {
    const byKey = countsByKey([
      { key: 'email', step: 'page_view', count: 3 },
      { key: null, step: 'page_view', count: 1 },
      { key: 'email', step: 'submission', count: 1 },
    ]);
    expect(byKey.get('email')).toEqual({ ...emptyCounts(), page_view: 3, submission: 1 });
    expect(byKey.get(null)).toEqual({ ...emptyCounts(), page_view: 1 });
  });
});
