import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/db/database';
import { migrate } from '../platform/db/migrate';
import { testEngine } from '../../test/test-app';
import { backup, restore } from './backup';

const dir = mkdtempSync(join(tmpdir(), 'sportello-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(testEngine() === 'pglite')('backup and restore of the embedded database', () => {
  // Opens three on-disk PGlite databases (migrations included): tens of seconds on a busy machine.
  it('restores exactly what was backed up, and refuses to restore over existing data', async () => {
    const source = join(dir, 'source');
    const db = await openDatabase({ dataDir: source });
    await migrate(db);
    await db.query(`insert into audit_log (actor_name, action, subject_kind, subject_id) values ('backup-test', 'read', 'citizen', 'c-1')`);
    await db.close();

    const file = join(dir, 'backup.tar.gz');
    await backup({ dataDir: source }, file);
    const target = join(dir, 'restored');
    await restore({ dataDir: target }, file);

    const restored = await openDatabase({ dataDir: target });
    const rows = await restored.query<{ actor_name: string }>('select actor_name from audit_log');
    await restored.close();
    expect(rows).toEqual([{ actor_name: 'backup-test' }]);
    await expect(restore({ dataDir: target }, file)).rejects.toThrow(/not empty/);
  }, 120_000);
});

describe.runIf(testEngine() === 'postgres')('backup and restore on a PostgreSQL server', () => {
  it('round-trips through pg_dump and pg_restore into a new database', async () => {
    const { default: pg } = await import('pg');
    const { withDatabase } = await import('../../test/templates');
    const server = process.env.TEST_DATABASE_URL!;
    const suffix = Math.random().toString(36).slice(2, 8);
    const names = [`sportello_bk_src_${suffix}`, `sportello_bk_dst_${suffix}`];
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    for (const n of names) await admin.query(`create database ${n}`);
    try {
      const source = await openDatabase({ databaseUrl: withDatabase(server, names[0]!), poolSize: 2 });
      await migrate(source);
      await source.query(`insert into audit_log (actor_name, action, subject_kind, subject_id) values ('backup-test', 'read', 'citizen', 'c-1')`);
      await source.close();
      const file = join(dir, 'server.dump');
      await backup({ databaseUrl: withDatabase(server, names[0]!), dataDir: dir }, file);
      await restore({ databaseUrl: withDatabase(server, names[1]!), dataDir: dir }, file);
      const restored = await openDatabase({ databaseUrl: withDatabase(server, names[1]!), poolSize: 2 });
      const rows = await restored.query<{ actor_name: string }>('select actor_name from audit_log');
      await restored.close();
      expect(rows).toEqual([{ actor_name: 'backup-test' }]);
    } finally {
      for (const n of names) await admin.query(`drop database if exists ${n} with (force)`);
      await admin.end();
    }
  });
});
