import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '../../../test/test-app';
import { EventBus } from './event-bus';
import type { DomainEvent } from './event-catalog';
import { transact } from './unit-of-work';

let t: TestDatabase;
let bus: EventBus;
const log = pino({ level: 'silent' });
beforeAll(async () => {
  t = await createTestDatabase();
  bus = new EventBus(t.database, log);
});
afterAll(async () => {
  await bus.stop();
  await t.drop();
});

const pending = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from outbox_events where delivered_at is null'))[0]!.n;

describe('domain events (transactional outbox)', () => {
  it('are delivered once the transaction commits, in order', async () => {
    const seen: string[] = [];
    bus.on('office.created', (e) => {
      seen.push(e.payload.slug);
    });
    await transact(t.database, bus, async (_tx, emit) => {
      emit('office.created', { officeId: 'a', slug: 'first' });
      emit('office.created', { officeId: 'b', slug: 'second' });
    });
    await bus.kick();
    expect(seen).toEqual(['first', 'second']);
    expect(await pending()).toBe(0);
  });

  it('vanish with a transaction that fails, together with its writes', async () => {
    await t.database.exec('create table if not exists event_probe (v text)');
    const seen: DomainEvent[] = [];
    bus.on('article.archived', (e) => {
      seen.push(e);
    });
    await expect(
      transact(t.database, bus, async (tx, emit) => {
        await tx.execute(sql`insert into event_probe values ('written')`);
        emit('article.archived', { articleId: 'x', slug: 'x' });
        throw new Error('use-case failed');
      }),
    ).rejects.toThrow('use-case failed');
    await bus.kick();
    expect(seen).toEqual([]);
    expect(await t.database.query('select * from event_probe')).toEqual([]);
  });

  it('reject a payload that does not match the catalog, before anything is written', async () => {
    await expect(
      transact(t.database, bus, async (_tx, emit) => {
        emit('office.updated', { officeId: 42 } as never);
      }),
    ).rejects.toThrow();
    expect(await pending()).toBe(0);
  });

  it('keep flowing when one listener throws', async () => {
    const seen: string[] = [];
    bus.on('event.published', () => {
      throw new Error('broken listener');
    });
    bus.on('event.published', (e) => {
      seen.push(e.payload.eventId);
    });
    await transact(t.database, bus, async (_tx, emit) => emit('event.published', { eventId: 'e1' }));
    await bus.kick();
    expect(seen).toEqual(['e1']);
  });

  it('are delivered again when a node claimed them and died (lease expiry: at-least-once)', async () => {
    await t.database.query(
      `insert into outbox_events (name, payload, claimed_until) values ('holidays.changed', '{"count":3}', now() - interval '1 second')`,
    );
    const seen: number[] = [];
    bus.on('holidays.changed', (e) => {
      seen.push(e.payload.count);
    });
    await bus.kick();
    expect(seen).toEqual([3]);
  });

  it('leave a live lease alone (another node is delivering it)', async () => {
    await t.database.query(
      `insert into outbox_events (name, payload, claimed_until) values ('holidays.changed', '{"count":4}', now() + interval '1 minute')`,
    );
    const seen: number[] = [];
    bus.on('holidays.changed', (e) => {
      seen.push(e.payload.count);
    });
    await bus.kick();
    expect(seen).toEqual([]);
    expect(await pending()).toBe(1);
  });
});
