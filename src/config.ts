import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of the environment. Every setting is declared once, with its default and
 * what it does; a bad value stops Baton at start, never at the first request.
 */
const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port.'),
  HOST: z
    .string()
    .min(1)
    .default('localhost')
    .describe('Interface to listen on. `0.0.0.0` (or `::`) to accept connections from other machines.'),
  BATON_DATA_DIR: z
    .string()
    .min(1)
    .default('.baton')
    .describe('Where Baton keeps its embedded PostgreSQL (`<dir>/pg`, log in `<dir>/pg.log`).'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('Use this PostgreSQL server (≥ 15) instead of the embedded one.'),
  BATON_DB_POOL_MAX: z.coerce.number().int().min(2).max(500).default(20).describe('Connections per process.'),
  BATON_LOG_LEVEL: z.enum(logLevels).default('info').describe('pino log level.'),
  BATON_SKIP_MIGRATIONS: booleanFlag.default(false).describe('Do not apply database migrations at start.'),
  BATON_PUBLIC_URL: z
    .url()
    .optional()
    .describe('The URL people use to reach Baton. An https URL makes session cookies `Secure`.'),
  BATON_TRUST_PROXY: booleanFlag
    .default(false)
    .describe('Trust X-Forwarded-* headers (set when Baton runs behind a reverse proxy).'),
  BATON_SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7)
    .describe('A session ends after this long without use.'),
  BATON_SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 30)
    .describe('A session ends this long after login, used or not.'),
  BATON_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024)
    .describe('Largest request body accepted by the JSON API (ingest has its own limits).'),
  BATON_SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe('How long shutdown waits for in-flight requests and jobs.'),
  BATON_ADMIN_EMAIL: z
    .email()
    .optional()
    .describe('First start only: the first admin’s email (default admin@baton.local).'),
  BATON_ADMIN_PASSWORD: z
    .string()
    .min(10)
    .optional()
    .describe('First start only: the first admin’s password (default: generated and printed once).'),
  BATON_LOGIN_ATTEMPTS_PER_IP_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Sign-in attempts allowed per client address per minute (per email: 10 per 15 minutes).'),
  BATON_INGEST_EVENTS_PER_SECOND_PER_KEY: z.coerce
    .number()
    .int()
    .min(1)
    .default(50_000)
    .describe('Ingest rate limit per write key, in events per second (429 with Retry-After beyond it).'),
  BATON_INGEST_EVENTS_PER_SECOND_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(50_000)
    .describe('Ingest rate limit per client address, in events per second.'),
  BATON_FORM_SUBMISSIONS_PER_IP_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Form submissions per client address per minute; more are still stored, in the spam folder.'),
  BATON_FORM_FLOOD_PER_IP_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .default(300)
    .describe('Form submissions per client address per minute beyond which they are refused (429).'),
  BATON_PIPELINE_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(8)
    .default(4)
    .describe(
      'Event pipeline batches applied at once per worker process (each on its own share of partitions; at most half of BATON_DB_POOL_MAX less one).',
    ),
  BATON_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('Jobs run at once per worker.'),
  BATON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .describe(
      'Send notification emails (new leads, SLA alerts) through this SMTP server, e.g. smtp://user:pass@mail:587.',
    ),
  BATON_MAIL_FROM: z.string().min(3).default('Baton <baton@localhost>').describe('The sender of notification emails.'),
  BATON_WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('How long a webhook endpoint has to answer before the attempt counts as failed.'),
});

export type Config = ReturnType<typeof loadConfig>;

/** Every variable with its default (as parsed from an empty environment) and what it does. */
export function describeConfig(): { name: string; defaultValue: string; description: string }[] {
  const defaults = envSchema.parse({}) as Record<string, unknown>;
  return Object.entries(envSchema.shape).map(([name, schema]) => ({
    name,
    defaultValue: defaults[name] === undefined ? '(unset)' : String(defaults[name]),
    description: schema.description ?? '',
  }));
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable (`DATABASE_URL=`) means "not set", as in most shells' intent.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(values.BATON_DATA_DIR);
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    embeddedPostgresDir: path.join(dataDir, 'pg'),
    databaseUrl: values.DATABASE_URL,
    dbPoolMax: values.BATON_DB_POOL_MAX,
    logLevel: values.BATON_LOG_LEVEL,
    skipMigrations: values.BATON_SKIP_MIGRATIONS,
    publicUrl: values.BATON_PUBLIC_URL,
    secureCookies: values.BATON_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: values.BATON_TRUST_PROXY,
    sessionIdleMs: values.BATON_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: values.BATON_SESSION_MAX_HOURS * 3_600_000,
    bodyLimitBytes: values.BATON_BODY_LIMIT_BYTES,
    shutdownGraceMs: values.BATON_SHUTDOWN_GRACE_MS,
    firstAdminEmail: values.BATON_ADMIN_EMAIL ?? 'admin@baton.local',
    firstAdminPassword: values.BATON_ADMIN_PASSWORD,
    workerConcurrency: values.BATON_WORKER_CONCURRENCY,
    pipelineConcurrency: values.BATON_PIPELINE_CONCURRENCY,
    webhookTimeoutMs: values.BATON_WEBHOOK_TIMEOUT_MS,
    smtpUrl: values.BATON_SMTP_URL,
    mailFrom: values.BATON_MAIL_FROM,
    loginAttemptsPerIpMinute: values.BATON_LOGIN_ATTEMPTS_PER_IP_MINUTE,
    ingestEventsPerSecondPerKey: values.BATON_INGEST_EVENTS_PER_SECOND_PER_KEY,
    ingestEventsPerSecondPerIp: values.BATON_INGEST_EVENTS_PER_SECOND_PER_IP,
    formSubmissionsPerIpMinute: values.BATON_FORM_SUBMISSIONS_PER_IP_MINUTE,
    formFloodPerIpMinute: Math.max(values.BATON_FORM_FLOOD_PER_IP_MINUTE, values.BATON_FORM_SUBMISSIONS_PER_IP_MINUTE),
  };
}
