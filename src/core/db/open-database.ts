import type { Config } from '../../config';
import type { Logger } from '../logger';
import { connect, type DatabaseHandle, ensureDatabaseExists, withDatabase } from './connect';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrateDatabase } from './migrate';

export type OpenDatabase = DatabaseHandle & { url: string; embedded: boolean };

/**
 * The one way Baton reaches its database: the server named by DATABASE_URL, or else the embedded
 * PostgreSQL under BATON_DATA_DIR (started here, stopped by `close`). Migrations run unless skipped.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { migrate?: boolean; poolMax?: number; applicationName?: string } = {},
): Promise<OpenDatabase> {
  let url: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: config.embeddedPostgresDir, logger });
    url = withDatabase(embedded.url, 'baton');
    stopEmbedded = () => embedded.stop();
  }
  try {
    await ensureDatabaseExists(url);
    const handle = connect(url, {
      poolMax: options.poolMax ?? config.dbPoolMax,
      logger,
      applicationName: options.applicationName,
    });
    if (options.migrate ?? !config.skipMigrations) await migrateDatabase(handle.pool, logger);
    return {
      ...handle,
      url,
      embedded: !config.databaseUrl,
      close: async () => {
        await handle.close();
        await stopEmbedded?.();
      },
    };
  } catch (error) {
    await stopEmbedded?.();
    throw error;
  }
}
