import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(options: { logLevel: string; name?: string }): Logger {
  return pino({
    name: options.name ?? 'baton',
    level: options.logLevel,
    base: undefined,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], remove: true },
  });
}
