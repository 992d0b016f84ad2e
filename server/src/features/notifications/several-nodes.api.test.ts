import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-app';
import { testConfig } from '../../../test/test-config';
import { buildApp, type SportelloApp } from '../../app';
import { openDatabase, type Database } from '../../platform/db/database';
import { listNotifications, queueNotification } from './index';
import { runDeliveryWorker, startSmtpServer } from './notifications.fixture';

// Two application instances on one database, as two nodes behind a load balancer: on a server each
// has its own connection pool, so their claims really race (FOR UPDATE SKIP LOCKED); PGlite is one
// session and runs them one after the other.
let db: TestDatabase;
let second: Database;
let nodes: SportelloApp[];
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'relay', pass: 'relay-pass' });
  db = await createTestDatabase();
  second = db.url ? await openDatabase({ databaseUrl: db.url, poolSize: 4 }) : db.database;
  const config = testConfig({ ...(db.url ? { DATABASE_URL: db.url } : {}), SMTP_URL: smtp.url });
  const logger = pino({ level: 'silent' });
  nodes = [
    await buildApp(config, { database: db.database, logger, background: false }),
    await buildApp(config, { database: second, logger, background: false }),
  ];
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  if (second !== db.database) await second.close();
  await db.drop();
  await smtp.close();
});

describe('delivery from several nodes', () => {
  it('sends each message exactly once when two workers run at the same time', async () => {
    const reference = { kind: 'campaign', id: randomUUID() };
    await nodes[0]!.ctx.transact(async (tx, emit) => {
      for (let i = 0; i < 40; i++) {
        await queueNotification(tx, emit, { channel: 'email', to: `citizen${i}@example.it`, language: 'it', subject: `Avviso ${i}`, text: `Messaggio ${i}`, reference });
      }
    });
    await Promise.all(nodes.map((node) => runDeliveryWorker(node.ctx)));

    const recipients = smtp.received.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(Array.from({ length: 40 }, (_, i) => `citizen${i}@example.it`).sort());
    const stored = await listNotifications(nodes[1]!.ctx.db, reference);
    expect(stored.every((n) => n.status === 'sent' && n.attempts === 1)).toBe(true);
  });
});
