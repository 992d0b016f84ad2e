import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../src/app';
import { openDatabase } from '../src/platform/db/database';
import { pgliteTemplatePath, serverTemplateName, withDatabase, type TemplateKind } from './templates';
import { testConfig } from './test-config';

const kinds: TemplateKind[] = ['empty', 'demo'];

/**
 * Builds each template once per run: migrated (with pg-boss's schema) and, for `demo`, with the
 * demo city loaded through the real importer. Test files start from a copy, which costs ~1 s
 * instead of migrating and importing again.
 */
export default async function setup(project: TestProject) {
  process.env.SPORTELLO_TEST_RUN ??= `${process.pid}${randomBytes(3).toString('hex')}`;
  const run = process.env.SPORTELLO_TEST_RUN;
  project.provide('testRun', run);
  const serverUrl = process.env.TEST_DATABASE_URL;
  const log = pino({ level: 'silent' });

  for (const kind of kinds) {
    const database = await openDatabase({ inMemory: true });
    const app = await buildApp(testConfig({ SPORTELLO_DEMO: kind === 'demo' ? 'true' : 'false' }), { database, logger: log, background: false });
    await app.ctx.jobs.start({ work: false });
    await app.ctx.jobs.stop();
    await app.close();
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(pgliteTemplatePath(kind), Buffer.from(await dump.arrayBuffer()));
    await database.close();
  }

  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const kind of kinds) {
      const name = serverTemplateName(kind);
      await admin.query(`drop database if exists ${name}`);
      await admin.query(`create database ${name}`);
      const database = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 2 });
      const config = testConfig({ SPORTELLO_DEMO: kind === 'demo' ? 'true' : 'false', DATABASE_URL: withDatabase(serverUrl, name) });
      const app = await buildApp(config, { database, logger: log, background: false });
      await app.ctx.jobs.start({ work: false });
      await app.ctx.jobs.stop();
      await app.close();
      await database.close();
    }
    await admin.end();
  }

  return async () => {
    for (const kind of kinds) rmSync(pgliteTemplatePath(kind), { force: true });
    if (serverUrl) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      for (const kind of kinds) await admin.query(`drop database if exists ${serverTemplateName(kind)} with (force)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: string;
  }
}
