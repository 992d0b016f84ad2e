import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import type { LanguageCode } from '../../platform/i18n/languages';
import { isValidDate } from '../directory';
import { bookInTransaction, lockCitizen, type BookingResult } from './book-appointment';
import { codeMatches, hashCode, newBookingCode } from './booking-code';
import { readCitizen, type CitizenInput } from './citizen-input';
import { noticeOffer } from './notices';
import { officeLookup, type OfficeLookup } from './office-info';
import { getService, serviceName } from './services';
import { releaseSeat, slotById, slotView, type SlotView } from './slots';
import { slots, waitlist, type WaitStatus } from './tables';

/**
 * The waiting list: a citizen waits for a service, optionally at one office and between two dates.
 * Whenever seats free up (a cancellation, a move, new or reopened slots, a lapsed offer), the first
 * waiter in joining order whose wishes match gets an offer: the earliest matching free seat is held
 * for them (counted in the slot's `booked`) for APPOINTMENTS_OFFER_MINUTES and they are told. They
 * accept with their waiting-list code, or the offer lapses, the seat is freed and passes on.
 */
export interface JoinRequest {
  service: string;
  office?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  citizen: CitizenInput;
  language: LanguageCode;
}

export interface WaitlistView {
  id: string;
  status: WaitStatus;
  service: string;
  serviceName: string;
  office: string | null;
  from: string | null;
  to: string | null;
  offer: { slot: SlotView; expiresAt: string } | null;
  appointmentId: string | null;
}

type Entry = typeof waitlist.$inferSelect;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('appointments.waitlist_not_found', 'No waiting-list entry with this id and code.');
/** How many waiters one pass looks at: a freed seat goes to one of the first, never to all. */
const PASS = 50;

export async function joinWaitlist(ctx: AppContext, request: JoinRequest, now = new Date()): Promise<{ id: string; code: string; status: WaitStatus }> {
  const citizen = readCitizen(request.citizen);
  const service = await getService(ctx.db, request.service);
  const problems: { field: string; message: string }[] = [];
  if (request.from && !isValidDate(request.from)) problems.push({ field: 'body.from', message: 'a date YYYY-MM-DD' });
  if (request.to && !isValidDate(request.to)) problems.push({ field: 'body.to', message: 'a date YYYY-MM-DD' });
  if (!problems.length && request.from && request.to && request.to < request.from) problems.push({ field: 'body.to', message: 'must not be before from' });
  if (problems.length) throw new AppError('request.invalid_body', 'The dates are not valid.', problems);
  const offices = await officeLookup(ctx);
  const id = randomUUID();
  const code = newBookingCode();
  const status = await ctx.transact(async (tx, emit) => {
    await lockCitizen(tx, `waitlist:${service.code}`, citizen.fiscalCode);
    const [already] = await tx
      .select({ id: waitlist.id })
      .from(waitlist)
      .where(and(eq(waitlist.serviceCode, service.code), eq(waitlist.fiscalCode, citizen.fiscalCode), inArray(waitlist.status, ['waiting', 'offered'])));
    if (already) throw new AppError('appointments.already_waiting', 'This codice fiscale is already on the waiting list for this service.');
    await tx.insert(waitlist).values({
      id,
      serviceCode: service.code,
      officeSlug: request.office ?? null,
      fromDate: request.from ?? null,
      toDate: request.to ?? null,
      ...citizen,
      language: request.language,
      codeHash: hashCode(id, code),
      status: 'waiting',
      createdAt: now,
      updatedAt: now,
    });
    emit('waitlist.joined', { entryId: id, service: service.code });
    // Seats may be free right now (someone cancelled a minute ago): offer at once.
    await offerFreeSeats(ctx, tx, emit, service.code, now, offices);
    const [row] = await tx.select({ status: waitlist.status }).from(waitlist).where(eq(waitlist.id, id));
    return row!.status;
  });
  return { id, code, status };
}

/** Gives free seats of a service to the first matching waiters, one held seat each. */
export async function offerFreeSeats(ctx: AppContext, tx: Db, emit: Emit, service: string, now: Date, offices: OfficeLookup): Promise<number> {
  const holdMs = ctx.config.APPOINTMENTS_OFFER_MINUTES * 60_000;
  const waiters = await tx
    .select()
    .from(waitlist)
    .where(and(eq(waitlist.serviceCode, service), eq(waitlist.status, 'waiting')))
    .orderBy(asc(waitlist.createdAt), asc(waitlist.id))
    .limit(PASS)
    .for('update', { skipLocked: true });
  if (!waiters.length) return 0;
  const serviceRow = await getService(tx, service);
  let offered = 0;
  for (const w of waiters) {
    // The slot must start after the offer lapses, so that accepting it is still possible.
    const where: SQL[] = [eq(slots.serviceCode, service), eq(slots.status, 'open'), sql`${slots.booked} < ${slots.capacity}`, gt(slots.startsAt, new Date(now.getTime() + holdMs))];
    if (w.officeSlug) where.push(eq(slots.officeSlug, w.officeSlug));
    if (w.fromDate) where.push(gte(slots.localDate, w.fromDate));
    if (w.toDate) where.push(lte(slots.localDate, w.toDate));
    const [free] = await tx.select({ id: slots.id }).from(slots).where(and(...where)).orderBy(asc(slots.startsAt), asc(slots.officeSlug)).limit(1).for('update', { skipLocked: true });
    if (!free) continue;
    const [held] = await tx
      .update(slots)
      .set({ booked: sql`${slots.booked} + 1` })
      .where(and(eq(slots.id, free.id), sql`${slots.booked} < ${slots.capacity}`))
      .returning();
    if (!held) continue;
    const expiresAt = new Date(now.getTime() + holdMs);
    await tx.update(waitlist).set({ status: 'offered', offerSlotId: held.id, offerExpiresAt: expiresAt, updatedAt: now }).where(eq(waitlist.id, w.id));
    const lang = w.language as LanguageCode;
    await noticeOffer(ctx, tx, emit, { email: w.email, phone: w.phone, language: lang }, w.id, {
      serviceName: serviceName(ctx, serviceRow, lang),
      office: offices(held.officeSlug),
      start: held.startsAt,
      expiresAt,
    });
    emit('waitlist.offered', { entryId: w.id, slotId: held.id });
    offered++;
  }
  return offered;
}

/** Offers not accepted in time lapse: the seat is freed and offered to the next waiter. */
export async function expireOffers(ctx: AppContext, now = new Date()): Promise<number> {
  const offices = await officeLookup(ctx);
  return ctx.transact(async (tx, emit) => {
    const due = await tx
      .select()
      .from(waitlist)
      .where(and(eq(waitlist.status, 'offered'), lte(waitlist.offerExpiresAt, now)))
      .orderBy(asc(waitlist.offerExpiresAt))
      .limit(500)
      .for('update', { skipLocked: true });
    for (const w of due) {
      await tx.update(waitlist).set({ status: 'lapsed', updatedAt: now }).where(eq(waitlist.id, w.id));
      await releaseSeat(tx, w.offerSlotId!);
      emit('waitlist.offer_lapsed', { entryId: w.id, slotId: w.offerSlotId! });
    }
    for (const service of new Set(due.map((w) => w.serviceCode))) await offerFreeSeats(ctx, tx, emit, service, now, offices);
    return due.length;
  });
}

async function entryWithCode(db: Db, id: string, code: string): Promise<Entry> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await db.select().from(waitlist).where(eq(waitlist.id, id));
  if (!row || !codeMatches(row.id, code, row.codeHash)) throw notFound();
  return row;
}

export async function getWaitlistEntry(ctx: AppContext, id: string, code: string, lang: LanguageCode): Promise<WaitlistView> {
  const w = await entryWithCode(ctx.db, id, code);
  const service = await getService(ctx.db, w.serviceCode);
  const offer = w.status === 'offered' && w.offerSlotId ? { slot: slotView(ctx, await slotById(ctx.db, w.offerSlotId)), expiresAt: w.offerExpiresAt!.toISOString() } : null;
  return {
    id: w.id,
    status: w.status,
    service: w.serviceCode,
    serviceName: serviceName(ctx, service, lang),
    office: w.officeSlug,
    from: w.fromDate,
    to: w.toDate,
    offer,
    appointmentId: w.appointmentId,
  };
}

/** Accepting the held seat books it (no seat is taken twice: it is already counted). */
export async function acceptOffer(ctx: AppContext, id: string, code: string, now = new Date()): Promise<BookingResult> {
  const first = await entryWithCode(ctx.db, id, code);
  const service = await getService(ctx.db, first.serviceCode);
  const offices = await officeLookup(ctx);
  return ctx.transact(async (tx, emit) => {
    const [w] = await tx.select().from(waitlist).where(eq(waitlist.id, id)).for('update');
    if (!w || w.status !== 'offered' || !w.offerSlotId || w.offerExpiresAt!.getTime() <= now.getTime()) {
      throw new AppError('appointments.no_offer', 'There is no open offer on this waiting-list entry.');
    }
    const result = await bookInTransaction(ctx, tx, emit, {
      slotId: w.offerSlotId,
      citizen: { fiscalCode: w.fiscalCode, name: w.name, email: w.email, phone: w.phone },
      service,
      offices,
      language: w.language as LanguageCode,
      channel: 'waitlist',
      now,
      seatHeld: true,
    });
    await tx.update(waitlist).set({ status: 'booked', appointmentId: result.id, updatedAt: now }).where(eq(waitlist.id, id));
    return result;
  });
}

/** Leaving the list; a held seat is freed and passes on. */
export async function leaveWaitlist(ctx: AppContext, id: string, code: string, now = new Date()): Promise<void> {
  await entryWithCode(ctx.db, id, code);
  const offices = await officeLookup(ctx);
  await ctx.transact(async (tx, emit) => {
    const [w] = await tx.select().from(waitlist).where(eq(waitlist.id, id)).for('update');
    if (!w || (w.status !== 'waiting' && w.status !== 'offered')) return;
    await tx.update(waitlist).set({ status: 'withdrawn', updatedAt: now }).where(eq(waitlist.id, id));
    emit('waitlist.left', { entryId: id });
    if (w.status === 'offered' && w.offerSlotId) {
      await releaseSeat(tx, w.offerSlotId);
      await offerFreeSeats(ctx, tx, emit, w.serviceCode, now, offices);
    }
  });
}
