import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp, type SportelloApp } from '../src/app';
import { openDatabase, type Database } from '../src/platform/db/database';
import { pgliteTemplatePath, serverTemplateName, withDatabase, type TemplateKind } from './templates';
import { testConfig } from './test-config';

export type TestEngine = 'pglite' | 'postgres';
export const testEngine = (): TestEngine => (process.env.SPORTELLO_TEST_DB === 'postgres' ? 'postgres' : 'pglite');

export interface TestDatabase {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database copied from a template: an in-memory PGlite, or a new server database. */
export async function createTestDatabase(kind: TemplateKind = 'empty'): Promise<TestDatabase> {
  process.env.SPORTELLO_TEST_RUN = inject('testRun');
  if (testEngine() === 'pglite') {
    const blob = new Blob([readFileSync(pgliteTemplatePath(kind))]);
    const database = await openDatabase({ inMemory: true, loadDataDir: blob });
    return { database, drop: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `sportello_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${serverTemplateName(kind)}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 8 });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestApp {
  app: SportelloApp;
  close(): Promise<void>;
}

/**
 * The whole application on its own database copy, driven with `app.inject()`.
 * `demo: true` starts from the demo city (offices, articles, events, staff accounts).
 */
export async function createTestApp(options: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.demo ? 'demo' : 'empty');
  const config = testConfig({ ...(db.url ? { DATABASE_URL: db.url } : {}), ...options.env });
  const app = await buildApp(config, { database: db.database, logger: pino({ level: 'silent' }), background: false });
  return {
    app,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const DEMO_PASSWORD = 'sportello-demo';

/** Signs in a demo (or factory-made) staff account and returns its bearer header. */
export async function signIn(app: SportelloApp, username: string, password = DEMO_PASSWORD): Promise<{ authorization: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}
