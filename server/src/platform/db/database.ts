import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** Drizzle's query builder, the same type on both engines; a transaction has this shape too. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface SqlSession {
  /** Raw parameterised SQL, for migrations, health checks and pg-boss. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement SQL script (a migration) in one round trip. */
  exec(script: string): Promise<void>;
}

export interface Database extends SqlSession {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /** One connection for the whole callback (session-level locks, multi-step scripts). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /** The embedded engine, for dumps (backups, test templates). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** Start the embedded engine from a data-dir dump (tests load a pre-migrated template). */
  loadDataDir?: Blob;
  /** Embedded engine in memory only (tests). */
  inMemory?: boolean;
}

// PGlite starts in the UTC zone with the English locale; the server is told the same per connection,
// so that both engines compute dates and text the same way. Local (Europe/Rome) logic lives in code.
const SESSION_SETTINGS = "SET TIME ZONE 'UTC'";

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl, options.poolSize ?? 10) : openEmbedded(options);
}

async function openEmbedded(options: OpenDatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (!options.inMemory) {
    dataDir = resolve(options.dataDir ?? './var', 'pgdata');
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: { pg_trgm, unaccent },
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await client.exec(SESSION_SETTINGS);
  const session: SqlSession = {
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query<T>(text, params)).rows;
    },
    async exec(script: string) {
      await client.exec(script);
    },
  };
  return {
    kind: 'pglite',
    db: drizzlePglite(client) as unknown as Db,
    pglite: client,
    ...session,
    // PGlite is a single session already.
    withSession: (work) => work(session),
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function openServer(url: string, poolSize: number): Promise<Database> {
  // The zone is set in the startup packet, so no connection ever runs a query before it applies.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'sportello', options: '-c TimeZone=UTC' });
  // An idle client that loses its connection emits here; without a listener the process would crash.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  let closed = false;
  return {
    kind: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    async query<T>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as T[];
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params = []) => (await client.query(text, params)).rows,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
