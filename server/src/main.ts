import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, describeConfig, loadConfig } from './platform/config';
import { loggerOptions } from './platform/logging';

/** The only place that reads the environment and opens ports. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino(loggerOptions(config));
  log.info({ config: describeConfig(config) }, 'starting');
  const app = await buildApp(config, { logger: log });
  closeWithGrace({ delay: config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) log.error({ err }, 'shutting down after an error');
    else log.info({ signal }, 'shutting down');
    await app.close();
  });
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log.info({ address, database: app.ctx.database.kind }, 'ready');
}

main().catch((error: unknown) => {
  process.stderr.write(`failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
