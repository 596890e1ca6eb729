import { type SQL, sql } from 'drizzle-orm';
import type { QueryResultRow } from 'pg';
import type { Executor } from './connect';

/**
 * What plain-SQL code needs of a connection: a pg client, a pool, or — through `sqlClientOf` — a
 * drizzle transaction, so one function can join whichever transaction its caller holds.
 */
export type SqlClient = {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
};

/** `text` with `$1`… placeholders as drizzle SQL, the values bound as parameters. */
function toSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${values[Number(match[1]) - 1]}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** A drizzle executor (transaction or database) as a SqlClient. */
export function sqlClientOf(executor: Executor): SqlClient {
  return {
    query: async <R extends QueryResultRow>(text: string, values: unknown[] = []) => {
      const result = await executor.execute<R>(toSql(text, values));
      return { rows: result.rows as R[] };
    },
  };
}
