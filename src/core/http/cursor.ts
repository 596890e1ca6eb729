import { AppError } from '../errors';

/** Opaque pagination cursors: the keyset of the last item, as base64url JSON. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor and checks it with `isValid`; anything else is a clear 400, never a 500. */
export function decodeCursor<T>(value: string, isValid: (cursor: T) => boolean): T {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as T;
    if (cursor && typeof cursor === 'object' && isValid(cursor)) return cursor;
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'cursor is not valid', {
    details: [{ path: 'querystring.cursor', message: 'not a cursor this list gave out' }],
  });
}
