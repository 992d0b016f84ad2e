import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/database';
import type { EventBus } from './event-bus';
import { eventCatalog, type EventName, type EventPayload } from './event-catalog';

export type Emit = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/**
 * Runs `work` in one transaction; the events it emits are written to the outbox in that same
 * transaction and delivered once it commits. If anything throws, nothing is written, events included.
 */
export async function transact<T>(
  database: Database,
  bus: EventBus,
  work: (tx: Db, emit: Emit) => Promise<T>,
): Promise<T> {
  const result = await database.db.transaction(async (tx) => {
    const pending: { name: EventName; payload: unknown }[] = [];
    const emit: Emit = (name, payload) => {
      pending.push({ name, payload: eventCatalog[name].parse(payload) });
    };
    const value = await work(tx as unknown as Db, emit);
    for (const event of pending) {
      await tx.execute(sql`insert into outbox_events (name, payload) values (${event.name}, ${JSON.stringify(event.payload)}::jsonb)`);
    }
    return { value, emitted: pending.length };
  });
  if (result.emitted > 0) void bus.kick();
  return result.value;
}
