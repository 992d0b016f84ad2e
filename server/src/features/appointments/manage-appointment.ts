import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { recordAudit, type AuditActor } from '../identity';
import { codeMatches } from './booking-code';
import { maskFiscalCode } from './citizen-input';
import { calendarFor, noticeBooked, noticeCancelled, type AppointmentFacts } from './notices';
import { officeLookup, type OfficeLookup } from './office-info';
import { getService, serviceDocuments, serviceName } from './services';
import { releaseSeat, slotById, slotView, takeSeat, type SlotView } from './slots';
import { appointments, slots, type AppointmentStatus } from './tables';
import { offerFreeSeats } from './waitlist';

export type AppointmentRow = typeof appointments.$inferSelect;

export interface AppointmentView {
  id: string;
  status: AppointmentStatus;
  service: string;
  serviceName: string;
  documents: string[];
  office: { slug: string; name: string; address: string };
  slot: SlotView;
  citizen: { name: string; fiscalCode: string };
  language: string;
  createdAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new AppError('appointments.not_found', 'No appointment with this id and code.');

/**
 * The appointment if the code is its own. An unknown id and a wrong code give the same 404, so the
 * answer tells a guesser nothing; the comparison takes constant time (booking-code.ts).
 */
export async function appointmentWithCode(db: Db, id: string, code: string): Promise<AppointmentRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  if (!row || !codeMatches(row.id, code, row.codeHash)) throw notFound();
  return row;
}

async function lockAppointment(tx: Db, id: string): Promise<AppointmentRow> {
  const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

async function factsOf(ctx: AppContext, db: Db, row: AppointmentRow, offices: OfficeLookup, lang: string): Promise<AppointmentFacts> {
  const [service, slot] = await Promise.all([getService(db, row.serviceCode), slotById(db, row.slotId)]);
  return {
    id: row.id,
    serviceName: serviceName(ctx, service, lang),
    documents: serviceDocuments(ctx, service, lang),
    office: offices(row.officeSlug),
    start: slot.startsAt,
    end: slot.endsAt,
    sequence: row.reschedules + (row.status === 'cancelled' ? 1 : 0),
  };
}

export async function viewOf(ctx: AppContext, db: Db, row: AppointmentRow, lang: LanguageCode): Promise<AppointmentView> {
  const offices = await officeLookup(ctx, row.officeSlug);
  const [facts, slot] = await Promise.all([factsOf(ctx, db, row, offices, lang), slotById(db, row.slotId)]);
  return {
    id: row.id,
    status: row.status,
    service: row.serviceCode,
    serviceName: facts.serviceName,
    documents: facts.documents,
    office: facts.office,
    slot: slotView(ctx, slot),
    citizen: { name: row.name, fiscalCode: maskFiscalCode(row.fiscalCode) },
    language: row.language,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getAppointment(ctx: AppContext, id: string, code: string, lang: LanguageCode): Promise<AppointmentView> {
  return viewOf(ctx, ctx.db, await appointmentWithCode(ctx.db, id, code), lang);
}

/** The appointment as an iCalendar file (RFC 5545), in the citizen's language. */
export async function appointmentCalendar(ctx: AppContext, id: string, code: string, now = new Date()): Promise<string> {
  const row = await appointmentWithCode(ctx.db, id, code);
  const offices = await officeLookup(ctx, row.officeSlug);
  const facts = await factsOf(ctx, ctx.db, row, offices, row.language);
  return calendarFor(ctx, facts, row.language, row.status === 'cancelled' ? 'CANCEL' : 'PUBLISH', now);
}

/**
 * Cancels a booked appointment before it starts: the seat is freed (and offered to the waiting
 * list), the reminders withdrawn, the citizen told. By the citizen with their code, or by staff.
 */
export async function cancelAppointment(ctx: AppContext, id: string, by: { code: string } | { staff: AuditActor }, now = new Date()): Promise<void> {
  const first = 'code' in by ? await appointmentWithCode(ctx.db, id, by.code) : await staffRead(ctx.db, id);
  const offices = await officeLookup(ctx, first.officeSlug);
  await ctx.transact(async (tx, emit) => {
    const row = await lockAppointment(tx, id);
    if (row.status !== 'booked') throw new AppError('appointments.not_active', `The appointment is ${row.status}.`);
    const slot = await slotById(tx, row.slotId);
    if (slot.startsAt.getTime() <= now.getTime()) throw new AppError('appointments.too_late', 'The appointment has already started.');
    await tx.update(appointments).set({ status: 'cancelled', cancelledAt: now, updatedAt: now }).where(eq(appointments.id, id));
    await releaseSeat(tx, row.slotId);
    const cancelled = { ...row, status: 'cancelled' as const };
    await noticeCancelled(ctx, tx, emit, { email: row.email, phone: row.phone, language: row.language as LanguageCode }, await factsOf(ctx, tx, cancelled, offices, row.language), now);
    if ('staff' in by) await recordAudit(tx, by.staff, { action: 'update', subjectKind: 'appointment', subjectId: id, reason: 'cancelled on the citizen’s behalf' });
    emit('appointment.cancelled', { appointmentId: id, slotId: row.slotId, byStaff: 'staff' in by });
    await offerFreeSeats(ctx, tx, emit, row.serviceCode, now, offices);
  });
}

/**
 * Moves a booked appointment to another slot of the same service, atomically: the new seat is taken
 * and the old one freed in one transaction (both slot rows locked in id order first, so two moves
 * in opposite directions cannot deadlock), or nothing changes.
 */
export async function rescheduleAppointment(ctx: AppContext, id: string, code: string, newSlotId: string, now = new Date()): Promise<AppointmentView> {
  await appointmentWithCode(ctx.db, id, code);
  if (!UUID.test(newSlotId)) throw new AppError('appointments.slot_not_found', 'No slot with this id.');
  const target = await slotById(ctx.db, newSlotId);
  const offices = await officeLookup(ctx, target.officeSlug);
  const moved = await ctx.transact(async (tx, emit) => {
    const row = await lockAppointment(tx, id);
    if (row.status !== 'booked') throw new AppError('appointments.not_active', `The appointment is ${row.status}.`);
    if (target.serviceCode !== row.serviceCode) throw new AppError('appointments.slot_mismatch', `The new slot is for "${target.serviceCode}", the appointment for "${row.serviceCode}".`);
    if (row.slotId === newSlotId) return row;
    await tx.select({ id: slots.id }).from(slots).where(inArray(slots.id, [row.slotId, newSlotId])).orderBy(asc(slots.id)).for('update');
    const old = await slotById(tx, row.slotId);
    if (old.startsAt.getTime() <= now.getTime()) throw new AppError('appointments.too_late', 'The appointment has already started.');
    const slot = await takeSeat(tx, newSlotId, now);
    await releaseSeat(tx, row.slotId);
    const [updated] = await tx
      .update(appointments)
      .set({ slotId: slot.id, officeSlug: slot.officeSlug, reschedules: sql`${appointments.reschedules} + 1`, updatedAt: now })
      .where(and(eq(appointments.id, id), eq(appointments.status, 'booked')))
      .returning();
    const facts = await factsOf(ctx, tx, updated!, offices, row.language);
    await noticeBooked(ctx, tx, emit, { email: row.email, phone: row.phone, language: row.language as LanguageCode }, facts, code, 'moved', now);
    emit('appointment.rescheduled', { appointmentId: id, fromSlotId: row.slotId, toSlotId: slot.id });
    await offerFreeSeats(ctx, tx, emit, row.serviceCode, now, offices);
    return updated!;
  });
  return viewOf(ctx, ctx.db, moved, moved.language as LanguageCode);
}

async function staffRead(db: Db, id: string): Promise<AppointmentRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  if (!row) throw notFound();
  return row;
}
