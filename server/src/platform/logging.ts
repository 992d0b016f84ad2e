import type { LoggerOptions } from 'pino';
import type { Config } from './config';

/**
 * Structured JSON logs. Requests are logged by route pattern (`/api/v1/fiscal-codes/:code`), never by
 * URL, so codes, names and tokens in paths or query strings stay out of the logs; these paths are
 * redacted in case a logged object carries them anyway.
 */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    base: { service: 'sportello' },
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'password', '*.password', 'token', '*.token', 'fiscalCode', '*.fiscalCode', 'email', '*.email', 'phone', '*.phone', 'url', 'req.url'],
      censor: '[redacted]',
    },
  };
}
