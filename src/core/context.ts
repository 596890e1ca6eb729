import type pg from 'pg';
import type { Config } from '../config';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Database } from './db/connect';
import type { Logger } from './logger';

/** What every use case gets: configuration, the database, a logger and the time. */
export type AppContext = {
  config: Config;
  db: Database;
  pool: pg.Pool;
  logger: Logger;
  clock: Clock;
};

export function createAppContext(input: Omit<AppContext, 'clock'> & { clock?: Clock }): AppContext {
  return { ...input, clock: input.clock ?? systemClock };
}
