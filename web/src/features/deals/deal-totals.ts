import { formatMoney } from '../../api/format';
import type { Deal } from '../../api/types';

/** The sum of deals in each currency they use: "$48,000", or "$48,000 + €12,000" (currencies never add up). */
export function dealTotal(deals: Pick<Deal, 'amountMinor' | 'currency'>[]): string {
  const sums = new Map<string, number>();
  for (const deal of deals) sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.amountMinor);
  if (sums.size === 0) return formatMoney(0, 'USD');
  return [...sums].map(([currency, amount]) => formatMoney(amount, currency)).join(' + ');
}
