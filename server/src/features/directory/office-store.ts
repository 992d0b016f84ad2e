import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ExceptionRecord, OfficeRecord } from './office-rows';
import { formatTime, type TimeRange, type WeeklySchedule } from './time-ranges';
import { departments, municipi, officeExceptions, officeHours, offices, type StoredRange } from './tables';

/** Reads and writes of office rows shared by the importers and the editor's use-cases. */

/** "08:30:00" (PostgreSQL time) or "08:30" → minutes; "24:00:00" → 1440. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const toStoredRanges = (ranges: readonly TimeRange[]): StoredRange[] =>
  ranges.map((r) => ({ opens: formatTime(r.opens), closes: formatTime(r.closes) }));

export const fromStoredRanges = (ranges: readonly StoredRange[]): TimeRange[] =>
  ranges.map((r) => ({ opens: minutesOf(r.opens), closes: minutesOf(r.closes) }));

export function hoursRows(officeId: string, schedule: WeeklySchedule) {
  return schedule.flatMap((ranges, i) =>
    ranges.map((r) => ({ officeId, weekday: i + 1, opens: formatTime(r.opens), closes: formatTime(r.closes) })),
  );
}

const toNumeric = (n: number | null) => (n === null ? null : n.toFixed(6));

function officeColumns(r: OfficeRecord) {
  return {
    title: r.title,
    department: r.department,
    address: r.address,
    zipcode: r.zipcode,
    municipio: r.municipio,
    neighbourhood: r.neighbourhood,
    lat: toNumeric(r.lat),
    long: toNumeric(r.long),
    phone: r.phone,
    extension: r.extension,
    services: r.services,
    notes: r.notes,
  };
}

/** What validation needs from the database: known departments and Municipi, stored offices. */
export async function loadReferences(db: Db) {
  // One after another: `db` may be a transaction, whose single connection takes one query at a time.
  const deps = await db.select({ slug: departments.slug }).from(departments);
  const muns = await db.select({ number: municipi.number }).from(municipi);
  const stored = await db.select({ slug: offices.slug, extension: offices.extension, lat: offices.lat, long: offices.long }).from(offices);
  return {
    departments: new Set(deps.map((d) => d.slug)),
    municipi: new Set(muns.map((m) => m.number)),
    others: stored.map((o) => ({ slug: o.slug, extension: o.extension, lat: o.lat === null ? null : Number(o.lat), long: o.long === null ? null : Number(o.long) })),
  };
}

export interface SaveCounts {
  officesCreated: number;
  officesUpdated: number;
  exceptions: number;
  /** Every office written, for the audit log. */
  written: { id: string; slug: string; created: boolean }[];
}

/**
 * Upserts offices by slug (their weekly hours replaced) and exceptions by office and date, in the
 * caller's transaction; emits office.created, or office.updated and office.hours_changed.
 */
export async function saveOffices(tx: Db, emit: Emit, records: readonly OfficeRecord[], exceptions: readonly ExceptionRecord[]): Promise<SaveCounts> {
  const slugs = [...new Set([...records.map((r) => r.slug), ...exceptions.map((e) => e.office)])];
  const existing = slugs.length ? await tx.select({ id: offices.id, slug: offices.slug }).from(offices).where(inArray(offices.slug, slugs)) : [];
  const ids = new Map(existing.map((o) => [o.slug, o.id]));
  const created = records.filter((r) => !ids.has(r.slug)).map((r) => ({ ...r, id: randomUUID() }));
  const updated = records.filter((r) => ids.has(r.slug));

  if (updated.length) {
    // Two offices may swap extensions in one import: free them first so the unique index holds.
    await tx.update(offices).set({ extension: null }).where(inArray(offices.slug, updated.map((r) => r.slug)));
    for (const r of updated) {
      await tx.update(offices).set({ ...officeColumns(r), updatedAt: new Date() }).where(eq(offices.slug, r.slug));
    }
    await tx.delete(officeHours).where(inArray(officeHours.officeId, updated.map((r) => ids.get(r.slug)!)));
  }
  if (created.length) {
    await tx.insert(offices).values(created.map((r) => ({ id: r.id, slug: r.slug, ...officeColumns(r) })));
    for (const r of created) ids.set(r.slug, r.id);
  }
  const hours = records.flatMap((r) => hoursRows(ids.get(r.slug)!, r.hours));
  if (hours.length) await tx.insert(officeHours).values(hours);

  if (exceptions.length) {
    await tx
      .insert(officeExceptions)
      .values(
        exceptions.map((e) => ({
          officeId: ids.get(e.office)!,
          date: e.date,
          closed: e.closed,
          ranges: toStoredRanges(e.ranges),
          reason: e.reason,
          note: e.note,
        })),
      )
      .onConflictDoUpdate({
        target: [officeExceptions.officeId, officeExceptions.date],
        set: { closed: sql`excluded.closed`, ranges: sql`excluded.ranges`, reason: sql`excluded.reason`, note: sql`excluded.note`, updatedAt: sql`now()` },
      });
  }

  for (const r of created) emit('office.created', { officeId: r.id, slug: r.slug });
  const hoursChanged = new Set([...updated.map((r) => r.slug), ...exceptions.map((e) => e.office)]);
  for (const r of updated) emit('office.updated', { officeId: ids.get(r.slug)!, slug: r.slug });
  for (const s of hoursChanged) if (!created.some((c) => c.slug === s)) emit('office.hours_changed', { officeId: ids.get(s)!, slug: s });
  return {
    officesCreated: created.length,
    officesUpdated: updated.length,
    exceptions: exceptions.length,
    written: [...created.map((r) => ({ id: r.id, slug: r.slug, created: true })), ...updated.map((r) => ({ id: ids.get(r.slug)!, slug: r.slug, created: false }))],
  };
}
