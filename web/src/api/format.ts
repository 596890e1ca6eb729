/** The decimals of a currency's minor unit (2 for USD cents, 0 for JPY), as the browser knows it. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Money in whole units of its currency ("$48,000"): amounts are integer minor units, so cents for dollars. */
export function formatMoney(amountMinor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      amountMinor / 10 ** currencyDigits(currency),
    );
  } catch {
    // A code the browser does not know still shows its amount.
    return `${formatNumber(amountMinor / 100)} ${currency}`;
  }
}

export const toMinor = (amount: number, currency: string) => Math.round(amount * 10 ** currencyDigits(currency));
export const fromMinor = (amountMinor: number, currency: string) => amountMinor / 10 ** currencyDigits(currency);

export function formatNumber(value: number): string {
  return new Intl.NumberFormat().format(value);
}

/** A duration in the largest unit that fits: "12 s", "5 min", "3 h", "4 d". */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "just now", "3 h ago"; past a month the date itself reads better than "97 d ago". */
export function formatRelative(iso: string, now = Date.now()): string {
  const age = now - new Date(iso).getTime();
  if (age < 10_000) return 'just now';
  if (age > 30 * 86_400_000) return new Date(iso).toLocaleDateString();
  return `${formatAge(age)} ago`;
}

/** A span in its two largest units: "2 d 4 h", "3 h 12 min", "5 min", "40 s". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'min'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0 s';
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
}

/** A calendar date (YYYY-MM-DD) as the reader writes dates, without a time zone shifting it a day. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Date(year, month - 1, date).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
