import { type SQL, sql } from 'drizzle-orm';
import { newId } from '../ids';

/**
 * UUIDv7 ids for rows a statement inserts by the million (a rescore's history): one id from
 * newId() gives the millisecond, its sequence and some random bits, and `rowNumber` (1, 2, …,
 * under 2^32) the last 32 bits, so the ids rise with it and the inserts append to the right edge of the primary key
 * instead of splitting pages all over it, as random ids do.
 */
export function orderedIdsSql(rowNumber: SQL): SQL {
  const base = newId().replaceAll('-', '');
  const prefix = `${base.slice(0, 8)}-${base.slice(8, 12)}-${base.slice(12, 16)}-${base.slice(16, 20)}-${base.slice(20, 24)}`;
  return sql`(${prefix} || lpad(to_hex((${rowNumber})::bigint), 8, '0'))::uuid`;
}
