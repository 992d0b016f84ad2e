import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';

export interface BenchArgs {
  engines: Engine[];
  seconds: number;
  connections: number;
  rest: Record<string, string>;
}

/** `--engine pglite|postgres` (default both), `--seconds N` (default 15), `--connections N` (default 10). */
export function parseArgs(args: string[]): BenchArgs {
  const named: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) named[a.slice(2)] = args[i + 1] && !args[i + 1]!.startsWith('--') ? args[++i]! : 'true';
  }
  const engines = (named.engine ? [named.engine] : ['pglite', 'postgres']) as Engine[];
  return { engines, seconds: Number(named.seconds ?? 15), connections: Number(named.connections ?? 10), rest: named };
}

/** A fresh, empty database for one benchmark run, and how to remove it afterwards. */
export async function freshDatabase(engine: Engine): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-bench-'));
    return { env: { SPORTELLO_DATA_DIR: dir, DATABASE_URL: '' }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `sportello_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
