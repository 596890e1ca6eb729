import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/core/clock';
import { type AppContext, createAppContext } from '../../src/core/context';
import { connect } from '../../src/core/db/connect';
import { type BatonApp, buildApp } from '../../src/core/http/app';
import { createLogger } from '../../src/core/logger';
import { allModules } from '../../src/modules/registry';
import { createTestDatabase } from './database';

export type TestApp = { ctx: AppContext; app: BatonApp; databaseUrl: string; close(): Promise<void> };

/** Baton's HTTP app in process (no port) on a fresh database of its own. */
export type TestAppOptions = {
  clock?: Clock;
  env?: Record<string, string>;
  /** Routes only a test needs, added before the app is ready. */
  extraRoutes?: (app: BatonApp) => void;
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    BATON_LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    // Tests sign in many users from one address; the limit itself has its own test.
    BATON_LOGIN_ATTEMPTS_PER_IP_MINUTE: '100000',
    ...options.env,
  });
  const logger = createLogger({ logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', name: 'test' });
  const handle = connect(database.url, { poolMax: 6, logger });
  const ctx = createAppContext({ config, db: handle.db, pool: handle.pool, logger, clock: options.clock });
  const app = await buildApp(ctx, { modules: allModules(ctx) });
  options.extraRoutes?.(app);
  await app.ready();
  return {
    ctx,
    app,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await handle.close();
      await database.drop();
    },
  };
}

/** One test app for the whole file: started before the first test, closed after the last. */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await startTestApp(options);
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return () => {
    if (!testApp) throw new Error('the test app is not started yet');
    return testApp;
  };
}
