import { and, asc, eq, gt, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import { addDays, formatInstant, isValidDate, todayIn } from '../directory';
import { getService } from './services';
import { slots } from './tables';

/** A slot as the API shows it (api-contract.md "Appointments"): times with the city's offset. */
export interface SlotView {
  id: string;
  office: string;
  service: string;
  start: string;
  end: string;
  available: number;
}

export type SlotRow = typeof slots.$inferSelect;

export const DEFAULT_DAYS = 14;
export const MAX_DAYS = 92;

export function slotView(ctx: AppContext, s: Pick<SlotRow, 'id' | 'officeSlug' | 'serviceCode' | 'startsAt' | 'endsAt' | 'capacity' | 'booked' | 'status'>): SlotView {
  const zone = ctx.city.timezone;
  return {
    id: s.id,
    office: s.officeSlug,
    service: s.serviceCode,
    start: formatInstant(s.startsAt.getTime(), zone),
    end: formatInstant(s.endsAt.getTime(), zone),
    available: s.status === 'open' ? Math.max(0, s.capacity - s.booked) : 0,
  };
}

export interface SlotQuery {
  service: string;
  office?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Only slots with a free seat. */
  available?: boolean | undefined;
  limit?: number | undefined;
}

/** Open slots of a service that have not started, between two local dates (default the next two weeks). */
export async function listSlots(ctx: AppContext, q: SlotQuery, now = new Date()): Promise<SlotView[]> {
  await getService(ctx.db, q.service);
  const today = todayIn(ctx, now.getTime());
  const from = q.from ?? today;
  const to = q.to ?? addDays(from, DEFAULT_DAYS - 1);
  const problems: { field: string; message: string }[] = [];
  if (!isValidDate(from)) problems.push({ field: 'query.from', message: 'a date YYYY-MM-DD' });
  if (!isValidDate(to)) problems.push({ field: 'query.to', message: 'a date YYYY-MM-DD' });
  else if (!problems.length && to < from) problems.push({ field: 'query.to', message: 'must not be before from' });
  else if (!problems.length && to > addDays(from, MAX_DAYS - 1)) problems.push({ field: 'query.to', message: `at most ${MAX_DAYS} days after from` });
  if (problems.length) throw new AppError('request.invalid_parameters', 'The date range is not valid.', problems);
  const where: SQL[] = [eq(slots.serviceCode, q.service), eq(slots.status, 'open'), gte(slots.localDate, from), lte(slots.localDate, to), gt(slots.startsAt, now)];
  if (q.office) where.push(eq(slots.officeSlug, q.office));
  if (q.available) where.push(sql`${slots.booked} < ${slots.capacity}`);
  const rows = await ctx.db
    .select()
    .from(slots)
    .where(and(...where))
    .orderBy(asc(slots.startsAt), asc(slots.officeSlug))
    .limit(q.limit ?? 5000);
  return rows.map((s) => slotView(ctx, s));
}

/** The earliest slot with a free seat (self-service: "when is the first free appointment?"). */
export async function firstFreeSlot(db: Db, service: string, office: string | undefined, after: Date): Promise<SlotRow | null> {
  const where: SQL[] = [eq(slots.serviceCode, service), eq(slots.status, 'open'), gt(slots.startsAt, after), sql`${slots.booked} < ${slots.capacity}`];
  if (office) where.push(eq(slots.officeSlug, office));
  const [row] = await db.select().from(slots).where(and(...where)).orderBy(asc(slots.startsAt), asc(slots.officeSlug)).limit(1);
  return row ?? null;
}

export async function slotById(db: Db, id: string): Promise<SlotRow> {
  const [row] = await db.select().from(slots).where(eq(slots.id, id));
  if (!row) throw new AppError('appointments.slot_not_found', 'No slot with this id.');
  return row;
}

/**
 * Takes one seat, or none: a single conditional UPDATE, so that under any concurrency a slot is
 * never booked beyond its capacity (concurrent updates of the row queue on its lock and each
 * re-checks `booked < capacity` on the committed value). Explains a refusal afterwards.
 */
export async function takeSeat(tx: Db, slotId: string, now: Date): Promise<SlotRow> {
  const [row] = await tx
    .update(slots)
    .set({ booked: sql`${slots.booked} + 1` })
    .where(and(eq(slots.id, slotId), eq(slots.status, 'open'), gt(slots.startsAt, now), sql`${slots.booked} < ${slots.capacity}`))
    .returning();
  if (row) return row;
  const slot = await slotById(tx, slotId);
  if (slot.startsAt.getTime() <= now.getTime()) throw new AppError('appointments.slot_in_past', 'This slot has already started.');
  if (slot.status !== 'open') throw new AppError('appointments.slot_unavailable', 'This slot is no longer offered.');
  throw new AppError('appointments.slot_full', 'Every seat of this slot is taken.');
}

export async function releaseSeat(tx: Db, slotId: string): Promise<void> {
  await tx
    .update(slots)
    .set({ booked: sql`greatest(${slots.booked} - 1, 0)` })
    .where(eq(slots.id, slotId));
}
