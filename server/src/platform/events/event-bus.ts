import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { eventCatalog, type DomainEvent, type EventName } from './event-catalog';

export type Listener<N extends EventName> = (event: DomainEvent<N>) => void | Promise<void>;

interface OutboxRow {
  id: string;
  name: string;
  payload: unknown;
  occurred_at: Date | string;
}

const LEASE_SECONDS = 30;
const BATCH = 200;

/**
 * Delivers outbox rows to in-process listeners. `kick()` runs right after a commit; a timer picks up
 * anything left (another node's lease that expired, a crash before delivery). Delivery is
 * at-least-once: listeners must be idempotent. Across several nodes, NATS carries events to every
 * node's listeners (the contact-center issue builds on this relay).
 */
export class EventBus {
  private readonly listeners = new Map<EventName, Listener<EventName>[]>();
  private readonly anyListeners: Listener<EventName>[] = [];
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  on<N extends EventName>(name: N, listener: Listener<N>): void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as unknown as Listener<EventName>);
    this.listeners.set(name, list);
  }

  onAny(listener: Listener<EventName>): void {
    this.anyListeners.push(listener);
  }

  start(intervalMs = 1000): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the delivery in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.draining;
  }

  /** Starts delivering pending events now; resolves when the outbox is empty (or delivery failed). */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.log.error({ err: error }, 'event delivery failed'))
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      for (;;) {
        const rows = await this.database.query<OutboxRow>(
          `update outbox_events set claimed_until = now() + interval '${LEASE_SECONDS} seconds'
            where id in (select id from outbox_events
                          where delivered_at is null and (claimed_until is null or claimed_until < now())
                          order by id limit ${BATCH} for update skip locked)
            returning id, name, payload, occurred_at`,
        );
        if (rows.length === 0) break;
        rows.sort((a, b) => Number(a.id) - Number(b.id));
        for (const row of rows) await this.dispatch(row);
        await this.database.query('update outbox_events set delivered_at = now() where id = any($1::bigint[])', [
          rows.map((r) => r.id),
        ]);
        if (this.stopped) return;
      }
    } while (this.again && !this.stopped);
  }

  private async dispatch(row: OutboxRow): Promise<void> {
    const name = row.name as EventName;
    if (!Object.hasOwn(eventCatalog, name)) {
      this.log.warn({ event: row.name }, 'outbox row with an unknown event name skipped');
      return;
    }
    const event = {
      id: String(row.id),
      name,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      occurredAt: new Date(row.occurred_at),
    } as DomainEvent;
    for (const listener of [...(this.listeners.get(name) ?? []), ...this.anyListeners]) {
      try {
        await listener(event);
      } catch (error) {
        // One broken listener must not starve the others nor block the outbox.
        this.log.error({ err: error, event: name }, 'event listener failed');
      }
    }
  }
}
