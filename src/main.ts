import { parseArgs } from 'node:util';
import { describeConfig, loadConfig } from './config';
import { createAppContext } from './core/context';
import { openDatabase } from './core/db/open-database';
import { createLogger } from './core/logger';
import { type Role, startBaton } from './core/runtime';
import { createApiKey, createUser, generatePassword, type UserRole, userRoles } from './modules/auth';
import { seedDemoWorkspace } from './modules/demo';
import { findWorkspaceBySlug } from './modules/workspaces';

const usage = `Baton: marketing and sales as one revenue team.

Usage:
  baton start [--role all|api|worker] [--port N] [--demo]
                              run Baton (default role: all, on http://localhost:3000)
  baton migrate               apply database migrations and exit
  baton demo [--contacts N] [--replace]
                              create the demo workspace (Widget Works); N contacts (default 3000)
  baton user create --email E --role R [--password P] [--name N] [--workspace SLUG]
                              add a user; prints the password (generated unless given)
  baton apikey create --kind write|secret [--role R] [--name N] [--workspace SLUG]
                              create an API key; prints only the key
  baton config                list every environment variable Baton reads

Roles: ${userRoles.join(', ')}.
Environment: PORT, HOST, DATABASE_URL, BATON_DATA_DIR … (see \`baton config\`).`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      contacts: { type: 'string' },
      replace: { type: 'boolean', default: false },
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      workspace: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function parseContacts(value: string | undefined): number {
  if (value === undefined) return 3000;
  const contacts = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(contacts) || contacts < 10 || contacts > 50_000_000) fail('--contacts must be 10 … 50000000');
  return contacts;
}

function printFirstLogin(login: { email: string; password: string; generated: boolean }, url: string) {
  const lines = [
    'Baton is ready. Sign in:',
    '',
    `  URL:       ${url}`,
    `  Email:     ${login.email}`,
    `  Password:  ${login.generated ? login.password : '(the BATON_ADMIN_PASSWORD you set)'}`,
    '',
    login.generated ? 'This password is shown only once. Change it under Settings → Account.' : '',
  ].filter((line, index, all) => line !== '' || index < all.length - 1);
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const border = `+${'-'.repeat(width - 2)}+`;
  process.stdout.write(
    `\n${border}\n${lines.map((line) => `| ${line.padEnd(width - 4)} |`).join('\n')}\n${border}\n\n`,
  );
}

async function withDatabase<T>(run: (ctx: ReturnType<typeof createAppContext>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const database = await openDatabase(config, logger, { poolMax: 4, applicationName: 'baton-cli' });
  try {
    return await run(createAppContext({ config, db: database.db, pool: database.pool, logger }));
  } finally {
    await database.close();
  }
}

async function resolveWorkspaceId(ctx: ReturnType<typeof createAppContext>, slug: string | undefined): Promise<string> {
  if (slug) {
    const workspace = await findWorkspaceBySlug(ctx, slug);
    if (!workspace) fail(`No workspace with slug "${slug}"`);
    return workspace.id;
  }
  const { rows } = await ctx.pool.query<{ id: string; slug: string }>(
    'select id, slug from workspaces order by created_at',
  );
  if (rows.length === 0) fail('No workspace yet: run `baton start` once first');
  if (rows.length > 1) fail(`Several workspaces (${rows.map((row) => row.slug).join(', ')}): pass --workspace SLUG`);
  return rows[0]!.id;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  const [command, subcommand] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return;
  }

  switch (command) {
    case 'start': {
      const role = (values.role ?? 'all') as Role;
      if (!['all', 'api', 'worker'].includes(role)) fail('--role must be all, api or worker');
      const env = { ...process.env, ...(values.port ? { PORT: values.port } : {}) };
      const config = loadConfig(env);
      const logger = createLogger({ logLevel: config.logLevel });
      const started = performance.now();
      let demoLogin: { password: string; emails: string[] } | undefined;
      const baton = await startBaton({
        config,
        role,
        logger,
        beforeListen: values.demo
          ? async (ctx) => {
              const seeded = await seedDemoWorkspace(ctx, { contacts: 3000, ifMissing: true });
              if (seeded) demoLogin = { password: seeded.password, emails: seeded.users.map((user) => user.email) };
            }
          : undefined,
      });
      const publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      logger.info({ role, url: baton.url, ms: Math.round(performance.now() - started) }, 'Baton started');
      if (baton.firstLogin) printFirstLogin(baton.firstLogin, publicUrl);
      if (demoLogin) {
        process.stdout.write(
          `\nDemo workspace "Widget Works" is ready at ${publicUrl}. Sign in as any of:\n${demoLogin.emails.map((email) => `  ${email}`).join('\n')}\nPassword (all demo users, shown once): ${demoLogin.password}\n\n`,
        );
      }
      let signals = 0;
      const shutdown = (signal: string) => {
        signals += 1;
        if (signals > 1) {
          logger.warn('second signal: exiting now');
          process.exit(1);
        }
        logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => {
          logger.error('shutdown took too long; exiting');
          process.exit(1);
        }, config.shutdownGraceMs + 35_000);
        timer.unref();
        baton.stop().then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      return;
    }
    case 'migrate': {
      await withDatabase(async () => undefined);
      process.stdout.write('Database is up to date.\n');
      return;
    }
    case 'demo': {
      const contacts = parseContacts(values.contacts);
      await withDatabase(async (ctx) => {
        const seeded = await seedDemoWorkspace(ctx, { contacts, replace: values.replace, ifMissing: false });
        if (!seeded) return;
        process.stdout.write(
          `Demo workspace "${seeded.workspace.name}" (${seeded.workspace.slug}): ${seeded.counts.contacts} contacts, ${seeded.counts.activities} activities, ${seeded.counts.deals} deals in ${(seeded.ms / 1000).toFixed(1)} s.\nSign in as any of:\n${seeded.users.map((user) => `  ${user.email}  (${user.role})`).join('\n')}\nPassword (all demo users): ${seeded.password}\n`,
        );
      });
      return;
    }
    case 'user': {
      if (subcommand !== 'create') fail('usage: baton user create --email E --role R [--password P]');
      if (!values.email) fail('--email is required');
      const role = values.role as UserRole;
      if (!userRoles.includes(role)) fail(`--role must be one of ${userRoles.join(', ')}`);
      if (values.password !== undefined && values.password.length < 10)
        fail('--password must be at least 10 characters');
      const password = values.password ?? generatePassword();
      await withDatabase(async (ctx) => {
        const workspaceId = await resolveWorkspaceId(ctx, values.workspace);
        await createUser(ctx, { workspaceId, email: values.email!, role, password, name: values.name });
      });
      process.stdout.write(`${password}\n`);
      return;
    }
    case 'apikey': {
      if (subcommand !== 'create') fail('usage: baton apikey create --kind write|secret [--role R]');
      const kind = values.kind;
      if (kind !== 'write' && kind !== 'secret') fail('--kind must be write or secret');
      const role = values.role as UserRole | undefined;
      if (kind === 'secret' && (!role || !userRoles.includes(role))) {
        fail(`a secret key needs --role (${userRoles.join(', ')})`);
      }
      if (kind === 'write' && role) fail('write keys take no --role: they may only send events');
      const key = await withDatabase(async (ctx) => {
        const workspaceId = await resolveWorkspaceId(ctx, values.workspace);
        return (await createApiKey(ctx, { workspaceId, kind, role, name: values.name })).key;
      });
      process.stdout.write(`${key}\n`);
      return;
    }
    case 'config': {
      for (const { name, defaultValue, description } of describeConfig()) {
        process.stdout.write(`${name}\n    default: ${defaultValue}\n    ${description}\n`);
      }
      return;
    }
    default:
      fail(`Unknown command "${command}". Run \`baton --help\`.`);
  }
}

// `baton config | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`baton: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof Error && error.message.startsWith('Invalid configuration')) {
    process.stderr.write(`baton: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`baton: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
