import pino from 'pino';
import { buildApp } from '../app';
import { loadCity } from '../city-data';
import { ConfigError, loadConfig } from '../platform/config';
import { loggerOptions } from '../platform/logging';
import { fromRepoRoot } from '../platform/paths';
import { backup, restore } from './backup';

const usage = `usage: npm run cli -- <command>
  import <city-dir>   load a city's data (offices, hours, holidays, articles, events, schools, tax and fine ledgers) into an
                      empty database, all or nothing; rejected rows are listed with file, line, reason
  backup <file>       write a backup (pg_dump custom format, or the embedded data directory as .tar.gz)
  restore <file>      restore a backup into an empty database / a new SPORTELLO_DATA_DIR
  migrate             apply pending migrations and exit`;

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  const config = loadConfig({ ...process.env, SPORTELLO_DEMO: 'false', JOBS_ENABLED: 'false' });
  const target = { databaseUrl: config.DATABASE_URL, dataDir: fromRepoRoot(config.SPORTELLO_DATA_DIR) };
  const log = pino(loggerOptions(config));
  switch (command) {
    case 'backup':
      if (!arg) break;
      await backup(target, arg);
      log.info({ file: arg }, 'backup written');
      return 0;
    case 'restore':
      if (!arg) break;
      await restore(target, arg);
      log.info({ file: arg }, 'backup restored');
      return 0;
    case 'migrate':
    case 'import': {
      if (command === 'import' && !arg) break;
      const app = await buildApp(config, { logger: log, background: false });
      try {
        if (command === 'import') {
          const report = await loadCity(app.ctx, fromRepoRoot(arg!));
          log.info({ counts: report.counts }, 'city imported');
        }
      } catch (error) {
        const rejected = (error as { extra?: { rejected?: unknown[] } }).extra?.rejected;
        if (rejected) process.stderr.write(`${JSON.stringify(rejected, null, 2)}\n`);
        throw error;
      } finally {
        await app.close();
      }
      return 0;
    }
  }
  process.stderr.write(`${usage}\n`);
  return 64; // EX_USAGE
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    process.exit(1);
  },
);
