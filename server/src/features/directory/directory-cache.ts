import type { AppContext } from '../../platform/context';
import { HolidayCalendar, type HolidayScope } from './holiday-calendar';
import type { ExceptionDay, ExceptionReason } from './opening-status';
import { fromStoredRanges, minutesOf } from './office-store';
import { holidayRules, officeExceptions, officeHours, offices } from './tables';
import { emptySchedule, type WeeklySchedule } from './time-ranges';

/**
 * The schedules of every office and the holiday calendar, in memory: "open now" is asked on every
 * IVR call, chat and portal page, and the directory is small (hundreds of offices, a few exceptions
 * each). Dropped on office.* and holidays.changed events (listeners.ts), right after this node's
 * own writes, and after TTL_MS in any case (another node's write seen without NATS).
 */
export interface OfficeSchedule {
  id: string;
  slug: string;
  weekly: WeeklySchedule;
  exceptions: ReadonlyMap<string, ExceptionDay>;
}

export interface DirectorySnapshot {
  offices: ReadonlyMap<string, OfficeSchedule>;
  calendar: HolidayCalendar;
  loadedAt: number;
}

const TTL_MS = 60_000;

interface Entry {
  snapshot?: DirectorySnapshot;
  loading?: Promise<DirectorySnapshot>;
  generation: number;
}

// Keyed by context, not global: tests build several apps in one process.
const entries = new WeakMap<AppContext, Entry>();

function entryOf(ctx: AppContext): Entry {
  let entry = entries.get(ctx);
  if (!entry) {
    entry = { generation: 0 };
    entries.set(ctx, entry);
  }
  return entry;
}

async function load(ctx: AppContext): Promise<DirectorySnapshot> {
  const [officeRows, hourRows, exceptionRows, ruleRows] = await Promise.all([
    ctx.db.select({ id: offices.id, slug: offices.slug }).from(offices),
    ctx.db.select().from(officeHours),
    ctx.db.select().from(officeExceptions),
    ctx.db.select().from(holidayRules),
  ]);
  const byId = new Map<string, { id: string; slug: string; weekly: ReturnType<typeof emptySchedule>; exceptions: Map<string, ExceptionDay> }>();
  for (const o of officeRows) byId.set(o.id, { ...o, weekly: emptySchedule(), exceptions: new Map() });
  for (const h of hourRows) byId.get(h.officeId)?.weekly[h.weekday - 1]?.push({ opens: minutesOf(h.opens), closes: minutesOf(h.closes) });
  for (const e of exceptionRows) {
    byId.get(e.officeId)?.exceptions.set(e.date, {
      date: e.date,
      closed: e.closed,
      ranges: fromStoredRanges(e.ranges),
      reason: e.reason as ExceptionReason,
      note: e.note,
    });
  }
  const calendar = new HolidayCalendar(
    ruleRows.map((r) => ({
      key: r.key,
      month: r.month,
      day: r.day,
      easterOffset: r.easterOffset,
      validFrom: r.validFrom,
      validTo: r.validTo,
      scope: r.scope as HolidayScope,
      names: r.names,
    })),
  );
  for (const o of byId.values()) for (const day of o.weekly) day.sort((a, b) => a.opens - b.opens);
  return { offices: new Map([...byId.values()].map((o) => [o.slug, o])), calendar, loadedAt: Date.now() };
}

/** The current snapshot, loading it once for concurrent callers. */
export function directorySnapshot(ctx: AppContext): Promise<DirectorySnapshot> {
  const entry = entryOf(ctx);
  if (entry.snapshot && Date.now() - entry.snapshot.loadedAt < TTL_MS) return Promise.resolve(entry.snapshot);
  if (entry.loading) return entry.loading;
  const generation = entry.generation;
  const loading = load(ctx)
    .then((snapshot) => {
      // A change committed while loading must not be hidden by this (possibly older) read.
      if (entry.generation === generation) entry.snapshot = snapshot;
      return snapshot;
    })
    .finally(() => {
      if (entry.loading === loading) delete entry.loading;
    });
  entry.loading = loading;
  return loading;
}

export function invalidateDirectory(ctx: AppContext): void {
  const entry = entryOf(ctx);
  entry.generation++;
  delete entry.snapshot;
  delete entry.loading;
}
