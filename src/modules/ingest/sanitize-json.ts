/**
 * Makes parsed JSON safe to store in PostgreSQL jsonb, which refuses NUL characters and lone UTF-16
 * surrogates: NULs are removed, lone surrogates become U+FFFD. Also bounds nesting depth: input
 * nested deeper than `maxDepth` throws TooDeepError (refused, rather than risking the stack later).
 */
const NUL = String.fromCharCode(0);
const surrogate = /[\ud800-\udfff]/;

export function cleanString(value: string): string {
  if (!value.includes(NUL) && !surrogate.test(value)) return value;
  return value
    .replaceAll(NUL, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * Cleans `value` in place (it is freshly parsed JSON that nobody else holds) and estimates its JSON
 * size on the way (characters of strings and keys plus a few per value): cheap enough for every
 * event, exact enough to know when to measure precisely.
 */
export function sanitizeJson(value: unknown, maxDepth = 32): { clean: unknown; approximateSize: number } {
  let size = 0;
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      size += node.length + 2;
      return cleanString(node);
    }
    size += 6;
    if (node === null || typeof node !== 'object') return node;
    if (depth >= maxDepth) throw new TooDeepError();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) node[i] = walk(node[i], depth + 1);
      return node;
    }
    const object = node as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      size += key.length + 3;
      const cleanKey = cleanString(key);
      const item = walk(object[key], depth + 1);
      if (cleanKey !== key) {
        delete object[key];
        object[cleanKey] = item;
      } else if (item !== object[key]) {
        object[key] = item;
      }
    }
    return object;
  };
  const clean = walk(value, 0);
  return { clean, approximateSize: size };
}

export class TooDeepError extends Error {
  constructor() {
    super('nested too deeply');
  }
}
