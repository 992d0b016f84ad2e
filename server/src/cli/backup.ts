import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../platform/db/database';

const run = promisify(execFile);

/**
 * Backups: `pg_dump` custom format for a server; for the embedded engine a gzip tarball of its data
 * directory (PGlite's own dump). The embedded database is single-process: stop the server first.
 */
export async function backup(target: { databaseUrl?: string | undefined; dataDir: string }, file: string): Promise<void> {
  if (target.databaseUrl) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, target.databaseUrl]);
    return;
  }
  const pgdata = resolve(target.dataDir, 'pgdata');
  if (!existsSync(pgdata)) throw new Error(`no embedded database at ${pgdata}`);
  const database = await openDatabase({ dataDir: target.dataDir });
  try {
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
}

/** Restores into an EMPTY target (a new data directory or a new database): never over live data. */
export async function restore(target: { databaseUrl?: string | undefined; dataDir: string }, file: string): Promise<void> {
  if (target.databaseUrl) {
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.databaseUrl}`, file]);
    return;
  }
  const pgdata = resolve(target.dataDir, 'pgdata');
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) throw new Error(`${pgdata} is not empty; restore into a new SPORTELLO_DATA_DIR`);
  const database = await openDatabase({ dataDir: target.dataDir, loadDataDir: new Blob([readFileSync(file)]) });
  await database.close();
}
