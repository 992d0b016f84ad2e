import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, SqlSession } from './database';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Any constant works; it only has to be the same on every node so that one migrates at a time.
const MIGRATION_LOCK_KEY = 4_242_020_202;

export interface Migration {
  version: string;
  sql: string;
}

/**
 * Migrations are plain SQL files (`NNNN_name.sql`) applied in order, each in its own transaction,
 * recorded in `schema_migrations`. Plain SQL because the schema leans on PostgreSQL itself
 * (text-search configurations, trigram indexes, generated columns) more than an ORM's DDL expresses;
 * drizzle's table definitions beside each feature describe the same tables for typed queries.
 */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies the pending migrations; on a server, one node at a time (session advisory lock). */
export async function migrate(database: Database, migrations = readMigrations()): Promise<string[]> {
  return database.withSession(async (session) => {
    const locking = database.kind === 'postgres';
    if (locking) await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(session, migrations);
    } finally {
      if (locking) await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyPending(session: SqlSession, migrations: Migration[]): Promise<string[]> {
  await session.exec(
    'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())',
  );
  const rows = await session.query<{ version: string }>('select version from schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      await session.exec(`begin;\n${m.sql}\n;\ninsert into schema_migrations (version) values ('${m.version}');\ncommit;`);
    } catch (error) {
      await session.exec('rollback').catch(() => undefined);
      throw new Error(`migration ${m.version} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(m.version);
  }
  return applied;
}

/** True when every migration file is recorded as applied (used by /readyz). */
export async function migrationsApplied(database: SqlSession, migrations = readMigrations()): Promise<boolean> {
  const rows = await database.query<{ version: string }>(
    "select version from schema_migrations",
  );
  const done = new Set(rows.map((r) => r.version));
  return migrations.every((m) => done.has(m.version));
}
