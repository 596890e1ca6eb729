/** A stable lower-snake-case key from a label ("Budget (€)" → "budget"), as the API requires for keys and codes. */
export function snakeKey(label: string, maxLength: number): string {
  const key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const start = /^[a-z]/.test(key) ? key : `p_${key}`;
  return start.slice(0, maxLength).replace(/_+$/, '');
}
