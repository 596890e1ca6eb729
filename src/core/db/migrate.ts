import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations as runWorkerMigrations, Logger as WorkerLogger } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from '../logger';
import { packageRoot } from '../paths';

export const migrationsFolder = path.join(packageRoot, 'drizzle');

// Any constant works; it only has to be the same for every Baton process.
const MIGRATION_LOCK_KEY = 7_311_002;

/**
 * Applies Baton's committed SQL migrations and graphile-worker's own schema. Several processes may
 * start at once (api and worker roles): an advisory lock makes them take turns.
 */
export async function migrateDatabase(pool: pg.Pool, logger: Logger): Promise<void> {
  const started = Date.now();
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query('set client_min_messages = warning');
      await migrate(drizzle({ client }), { migrationsFolder });
      await runWorkerMigrations({ pgPool: pool, logger: silentWorkerLogger() });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
  logger.debug({ ms: Date.now() - started }, 'database migrated');
}

function silentWorkerLogger() {
  return new WorkerLogger(() => () => {});
}
