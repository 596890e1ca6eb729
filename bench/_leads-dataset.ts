/**
 * The 1,000,000-contact demo workspace the lead benchmarks share (`baton demo --contacts 1000000`,
 * about 20 activities each), on the local PostgreSQL server. It takes minutes to build, so it is
 * kept between runs (database baton_bench_leads) unless --fresh is given.
 *
 *   [--contacts=1000000] [--activities=20] [--database-url=…] [--fresh]
 */
import pg from 'pg';
import { loadConfig } from '../src/config';
import { createAppContext } from '../src/core/context';
import { connect, withDatabase } from '../src/core/db/connect';
import { migrateDatabase } from '../src/core/db/migrate';
import { createLogger } from '../src/core/logger';
import { seedDemoWorkspace } from '../src/modules/demo';
import { argValue } from './_harness';

export async function openLeadsDataset() {
  const adminUrl =
    process.argv.find((arg) => arg.startsWith('--database-url='))?.slice('--database-url='.length) ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const contacts = argValue('contacts', 1_000_000);
  const activities = argValue('activities', 20);
  const databaseUrl = withDatabase(adminUrl, 'baton_bench_leads');
  const logger = createLogger({ logLevel: 'warn' });

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (process.argv.includes('--fresh')) await admin.query('drop database if exists baton_bench_leads with (force)');
  const exists = (await admin.query("select 1 from pg_database where datname = 'baton_bench_leads'")).rowCount === 1;
  if (!exists) await admin.query('create database baton_bench_leads');
  await admin.end();

  const database = connect(databaseUrl, { poolMax: 8, logger });
  await migrateDatabase(database.pool, logger);
  const ctx = createAppContext({
    config: loadConfig({ BATON_LOG_LEVEL: 'silent' }),
    db: database.db,
    pool: database.pool,
    logger,
  });
  const count = async () =>
    Number(
      (
        await database.pool.query(
          "select count(*) as n from contacts c join workspaces w on w.id = c.workspace_id where w.slug = 'widgetworks'",
        )
      ).rows[0].n,
    );
  if ((await count()) < contacts) {
    console.log(`building the data set: ${contacts.toLocaleString('en-US')} contacts × ~${activities} activities…`);
    const started = performance.now();
    await seedDemoWorkspace(ctx, {
      contacts,
      activitiesPerContact: activities,
      ifMissing: false,
      replace: true,
      onProgress: (done, total) => {
        if (done % 100_000 < 5_000)
          console.log(
            `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${Math.round((performance.now() - started) / 1000)} s)`,
          );
      },
    });
    console.log(`built in ${Math.round((performance.now() - started) / 1000)} s`);
    // Every table: the planner needs statistics on all of them (contact_scores, companies, …), and
    // index-only scans need the visibility map.
    await database.pool.query('vacuum analyze');
  }
  const { rows } = await database.pool.query<{ id: string }>("select id from workspaces where slug = 'widgetworks'");
  return { ctx, database, workspaceId: rows[0]!.id };
}
