import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureDatabaseExists, withDatabase } from '../src/core/db/connect';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/core/db/embedded-postgres';
import { migrateDatabase } from '../src/core/db/migrate';
import { createLogger } from '../src/core/logger';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser connection to the test server's `postgres` database. */
    adminDatabaseUrl: string;
    /** A migrated database every test file clones (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string;
  }
}

/**
 * Tests run against real PostgreSQL: the machine's server when TEST_DATABASE_URL is set, otherwise
 * an embedded PostgreSQL started here for the run (fsync off: it is thrown away afterwards).
 */
export default async function setup(project: TestProject) {
  const logger = createLogger({ logLevel: 'warn', name: 'test' });
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'baton-test-pg-'));
    await fs.chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), logger, unsafeFast: true });
    adminUrl = embedded.url;
  }
  const templateDatabase = `baton_template_${process.pid}`;
  const templateUrl = withDatabase(adminUrl, templateDatabase);
  await ensureDatabaseExists(templateUrl);
  const pool = new pg.Pool({ connectionString: templateUrl, max: 2 });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    await migrateDatabase(pool, logger);
  } finally {
    await pool.end();
  }
  project.provide('adminDatabaseUrl', withDatabase(adminUrl, 'postgres'));
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const admin = new pg.Client({ connectionString: withDatabase(adminUrl, 'postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${templateDatabase} with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
