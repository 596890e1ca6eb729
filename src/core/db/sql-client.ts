import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
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
    const value = values[Number(match[1]) - 1];
    // One parameter, as node-postgres binds it: drizzle would otherwise spread an array into a list.
    chunks.push(Array.isArray(value) ? sql`${sql.param(value)}` : sql`${value}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** PostgreSQL type ids of `timestamptz` and `timestamp`. */
const timestampTypes = new Set([1184, 1114]);

/**
 * A drizzle executor (transaction or database) as a SqlClient. Drizzle hands timestamps over as
 * text; a pg client as Dates. Rows here get Dates too, so code written against SqlClient reads the
 * same values whichever client its caller holds.
 */
export function sqlClientOf(executor: Executor): SqlClient {
  return {
    query: async <R extends QueryResultRow>(text: string, values: unknown[] = []) => {
      const result = await executor.execute<Record<string, unknown>>(toSql(text, values));
      const timestamps = (result.fields ?? []).filter((field) => timestampTypes.has(field.dataTypeID));
      for (const row of result.rows) {
        for (const { name } of timestamps) {
          if (typeof row[name] === 'string') row[name] = new Date(row[name] as string);
        }
      }
      return { rows: result.rows as R[] };
    },
  };
}

const dialect = new PgDialect();

/** Drizzle SQL as `$1`… text and its values, for a SqlClient: shared SQL fragments in plain-SQL code. */
export function renderSql(fragment: SQL): { text: string; values: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  return { text, values: params };
}
