import pg from 'pg';
import { loadConfig } from '../src/config';
import { type AppContext, createAppContext } from '../src/core/context';
import { connect, withDatabase } from '../src/core/db/connect';
import { migrateDatabase } from '../src/core/db/migrate';
import type { Logger } from '../src/core/logger';

/** The server benchmarks run on: `--database-url=` (an admin connection), else the local PostgreSQL. */
export const adminUrl =
  process.argv.find((arg) => arg.startsWith('--database-url='))?.slice('--database-url='.length) ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** One statement on the admin connection (create and drop databases). */
export async function admin(statement: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new, migrated database for one benchmark (an older one of that name is dropped first), with
 * an app context on it; `drop()` closes it and drops the database.
 */
export async function freshBenchDatabase(name: string, options: { poolMax: number; logger: Logger }) {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const databaseUrl = withDatabase(adminUrl, name);
  const database = connect(databaseUrl, { poolMax: options.poolMax, logger: options.logger });
  await migrateDatabase(database.pool, options.logger);
  const ctx: AppContext = createAppContext({
    config: loadConfig({ BATON_LOG_LEVEL: 'silent' }),
    db: database.db,
    pool: database.pool,
    logger: options.logger,
  });
  return {
    databaseUrl,
    database,
    ctx,
    async drop() {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
