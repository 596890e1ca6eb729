import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { allModules } from '../modules/registry';
import { bootstrapFirstWorkspace, type FirstLogin } from '../modules/workspaces';
import { type AppContext, createAppContext } from './context';
import { openDatabase } from './db/open-database';
import { type BatonApp, buildApp } from './http/app';
import { type JobWorker, startJobWorker } from './jobs/worker';
import { createLogger, type Logger } from './logger';
import { packageRoot, webDistDir } from './paths';

export type Role = 'all' | 'api' | 'worker';

export type RunningBaton = {
  ctx: AppContext;
  app?: BatonApp;
  worker?: JobWorker;
  url?: string;
  firstLogin?: FirstLogin;
  stop(): Promise<void>;
};

/** Builds the web app when it has not been built yet, so `npm start` works on a fresh clone. */
export async function ensureWebAppBuilt(logger: Logger): Promise<void> {
  if (existsSync(path.join(webDistDir, 'index.html'))) return;
  logger.info('building the web app (first start only)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(packageRoot, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export async function startBaton(options: {
  config: Config;
  role: Role;
  logger?: Logger;
  /** Runs after migrations and before the server listens (the demo seeder uses it). */
  beforeListen?: (ctx: AppContext) => Promise<void>;
}): Promise<RunningBaton> {
  const { config, role } = options;
  const logger = options.logger ?? createLogger({ logLevel: config.logLevel });
  const serveHttp = role === 'all' || role === 'api';
  const runJobs = role === 'all' || role === 'worker';

  if (serveHttp) await ensureWebAppBuilt(logger);
  const database = await openDatabase(config, logger, { applicationName: `baton-${role}` });
  const ctx = createAppContext({ config, db: database.db, pool: database.pool, logger });
  let app: BatonApp | undefined;
  let worker: JobWorker | undefined;
  const background: { stop(): Promise<void> }[] = [];
  try {
    const firstLogin = serveHttp ? await bootstrapFirstWorkspace(ctx) : undefined;
    await options.beforeListen?.(ctx);
    const modules = allModules(ctx);
    if (runJobs) {
      worker = await startJobWorker({
        pool: database.pool,
        jobs: modules.flatMap((module) => module.jobs ?? []),
        concurrency: config.workerConcurrency,
        logger,
      });
      for (const start of modules.flatMap((module) => module.background ?? [])) background.push(start());
    }
    let url: string | undefined;
    if (serveHttp) {
      app = await buildApp(ctx, { modules, webDir: webDistDir });
      url = await app.listen({ port: config.port, host: config.host });
    }
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Order matters: stop taking requests (finishing those in flight), then jobs, then the database.
        // Requests still running after the grace period are cut off.
        const cutOff = setTimeout(() => app?.server.closeAllConnections(), config.shutdownGraceMs);
        await app?.close();
        clearTimeout(cutOff);
        await Promise.all(background.map((loop) => loop.stop()));
        await worker?.stop();
        await database.close();
      })();
      return stopping;
    };
    return { ctx, app, worker, url, firstLogin, stop };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await Promise.all(background.map((loop) => loop.stop().catch(() => undefined)));
    await worker?.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}
