import { z } from 'zod';

/**
 * The one configuration schema. Every variable has a description, a default where one is safe,
 * and a `secret` flag so that it is never logged. Parsed once at boot by `loadConfig`; a missing or
 * bad value stops the start with the variable's name. ARCHITECTURE.md's table is checked against
 * this list by config.test.ts.
 */
type VariableSpec = { description: string; secret?: boolean; schema: z.ZodType };

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

export const configVariables = {
  NODE_ENV: {
    description: 'Runtime mode: development, test or production. Production refuses the demo city.',
    schema: z.enum(['development', 'test', 'production']).default('development'),
  },
  HOST: { description: 'Address the HTTP server binds to.', schema: z.string().min(1).default('0.0.0.0') },
  PORT: { description: 'HTTP port.', schema: port.default(3000) },
  SPORTELLO_DATA_DIR: {
    description: 'Folder for the embedded database (pgdata/), recordings and other files.',
    schema: z.string().min(1).default('./var'),
  },
  DATABASE_URL: {
    description: 'PostgreSQL server URL. Unset: the embedded PGlite database under SPORTELLO_DATA_DIR.',
    secret: true,
    schema: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  },
  DATABASE_POOL_SIZE: { description: 'Connections in the PostgreSQL pool.', schema: positiveInt.max(200).default(10) },
  SPORTELLO_CITY_DIR: {
    description: 'Folder of the city data loaded into an empty database (offices, hours, articles, events).',
    schema: z.string().min(1).default('data/demo-milano'),
  },
  SPORTELLO_DEMO: {
    description: 'Load the demo city and its demo staff accounts into an empty database. Never in production.',
    schema: bool.optional(),
  },
  SPORTELLO_DEMO_PASSWORD: {
    description: 'Password of every demo staff account.',
    secret: true,
    schema: z.string().min(8).default('sportello-demo'),
  },
  SPORTELLO_LANGUAGES: {
    description: "Comma-separated language codes in display order; default: the city's list (city.yaml).",
    schema: z
      .string()
      .regex(/^[a-z]{2,3}(,[a-z]{2,3})*$/, 'must be comma-separated language codes such as it,en,fr')
      .optional(),
  },
  LOG_LEVEL: {
    description: 'pino log level.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
  TOKEN_TTL_MINUTES: { description: 'Lifetime of a staff bearer token.', schema: positiveInt.default(720) },
  LOGIN_MAX_FAILURES: {
    description: 'Failed logins in a row that lock an account.',
    schema: positiveInt.max(100).default(5),
  },
  LOGIN_LOCKOUT_MINUTES: { description: 'How long a locked account stays locked.', schema: positiveInt.default(15) },
  LOGIN_FAILURE_DELAY_MS: {
    description: 'Delay added to every failed login, to slow password guessing.',
    schema: z.coerce.number().int().min(0).max(10000).default(400),
  },
  PUBLIC_RATE_LIMIT_PER_MINUTE: {
    description: 'Requests per minute per client address on rate-limited public endpoints.',
    schema: positiveInt.default(120),
  },
  JOBS_ENABLED: { description: 'Run the job queue workers in this process.', schema: bool.default(true) },
  SHUTDOWN_TIMEOUT_MS: {
    description: 'Time allowed for in-flight requests and jobs to finish on SIGTERM.',
    schema: positiveInt.default(10000),
  },
  PAGOPA_WEBHOOK_SECRET: {
    description: 'Shared secret of the pagoPA receipt webhook (HMAC-SHA256, at least 32 characters). Unset: receipts are refused.',
    secret: true,
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
  },
  PAGOPA_WEBHOOK_TOLERANCE_SECONDS: {
    description: 'How far a receipt signature timestamp may be from the server clock before it is refused as a replay.',
    schema: positiveInt.max(3600).default(300),
  },
  PAYMENT_LOOKUP_RATE_LIMIT_PER_MINUTE: {
    description: 'Requests per minute per client address on the citizen payment lookup (notice number + second factor).',
    schema: positiveInt.default(10),
  },
  TRUST_PROXY: {
    description: 'Trust X-Forwarded-For from a reverse proxy (for client addresses in rate limits).',
    schema: bool.default(false),
  },
  SMTP_URL: {
    description: 'Outgoing mail server, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start). Unset: emails are written as .eml files under SPORTELLO_DATA_DIR/outbox/.',
    secret: true,
    schema: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  },
  MAIL_FROM: {
    description: 'Sender of outgoing emails; its domain also names the Message-IDs.',
    schema: z.string().min(3).default('"Comune di Milano 02.02.02" <noreply@sportello.local>'),
  },
  SMS_GATEWAY_URL: {
    description: 'SMS gateway webhook: POST {"to","text","reference","id"}, signed in X-Sportello-Signature. Unset: text messages fail with sms.no_gateway.',
    schema: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  },
  SMS_GATEWAY_SECRET: {
    description: 'Key of the HMAC-SHA256 signature of each SMS webhook body; required with SMS_GATEWAY_URL.',
    secret: true,
    schema: z.string().min(16).optional(),
  },
  NOTIFICATIONS_MAX_ATTEMPTS: {
    description: 'Attempts to send an email or SMS before it is marked failed.',
    schema: positiveInt.max(20).default(5),
  },
  NOTIFICATIONS_RETRY_SECONDS: {
    description: 'Wait before the first retry of a failed send; it doubles at each attempt (at most 6 hours).',
    schema: z.coerce.number().int().min(0).max(3600).default(60),
  },
} satisfies Record<string, VariableSpec>;

type Vars = typeof configVariables;
type Parsed = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

export type Config = Parsed & { demo: boolean };

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(configVariables) as [string, VariableSpec][]) {
    const raw = env[name] === '' ? undefined : env[name];
    const result = spec.schema.safeParse(raw);
    if (result.success) out[name] = result.data;
    else problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const parsed = out as Parsed;
  const demo = parsed.SPORTELLO_DEMO ?? parsed.NODE_ENV !== 'production';
  if (demo && parsed.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  SPORTELLO_DEMO: the demo city is never loaded in production');
  }
  if (parsed.SMS_GATEWAY_URL && !parsed.SMS_GATEWAY_SECRET) {
    throw new ConfigError('Invalid configuration:\n  SMS_GATEWAY_SECRET: required when SMS_GATEWAY_URL is set (the gateway checks the signature)');
  }
  return { ...parsed, demo };
}

/** The configuration with secrets masked, safe to log. */
export function describeConfig(config: Config): Record<string, unknown> {
  const safe: Record<string, unknown> = { demo: config.demo };
  for (const [name, spec] of Object.entries(configVariables) as [string, VariableSpec][]) {
    const value = (config as Record<string, unknown>)[name];
    safe[name] = spec.secret && value !== undefined ? '***' : value;
  }
  return safe;
}
