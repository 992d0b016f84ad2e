import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import type { LanguageCode } from '../../platform/i18n/languages';
import { recordAudit, type AuditActor } from '../identity';
import { hashCode, newBookingCode } from './booking-code';
import { readCitizen, type Citizen, type CitizenInput } from './citizen-input';
import { claimKey, requestHash, storeResponse } from './idempotency';
import { noticeBooked } from './notices';
import { officeLookup, type OfficeLookup } from './office-info';
import { getService, serviceDocuments, serviceName, type ServiceRow } from './services';
import { slotById, slotView, takeSeat, type SlotRow, type SlotView } from './slots';
import { appointments, slots, type BookingChannel } from './tables';

export interface BookingRequest {
  slotId: string;
  citizen: CitizenInput;
  language: LanguageCode;
  channel: BookingChannel;
  /** An agent booking on the citizen's behalf (audited). */
  staff?: AuditActor | undefined;
}

export interface BookingResult {
  id: string;
  code: string;
  status: 'booked';
  service: string;
  serviceName: string;
  language: LanguageCode;
  slot: SlotView;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertSlotId(id: string): void {
  if (!UUID.test(id)) throw new AppError('appointments.slot_not_found', 'No slot with this id.');
}

/**
 * Books one seat of a slot (api-contract.md "Appointments"): codice fiscale checked (422), slot
 * started (422), full (409), one active booking per citizen and service where the service says so
 * (409), and with an Idempotency-Key a replay returns the first answer and books nothing.
 */
export async function bookAppointment(ctx: AppContext, request: BookingRequest, options: { now?: Date; idempotencyKey?: string | undefined } = {}): Promise<BookingResult> {
  const now = options.now ?? new Date();
  const citizen = readCitizen(request.citizen);
  assertSlotId(request.slotId);
  const slot = await slotById(ctx.db, request.slotId);
  const service = await getService(ctx.db, slot.serviceCode);
  const offices = await officeLookup(ctx, slot.officeSlug);
  const key = options.idempotencyKey;
  const fingerprint = key ? requestHash({ slotId: request.slotId, citizen, language: request.language, channel: request.channel }) : '';

  return ctx.transact(async (tx, emit) => {
    if (key) {
      const claim = await claimKey(tx, key, fingerprint);
      if (claim) return claim.replay as BookingResult;
    }
    const result = await bookInTransaction(ctx, tx, emit, { ...request, citizen, service, offices, now, slotId: slot.id });
    if (key) await storeResponse(tx, key, result);
    return result;
  });
}

interface TxBooking {
  slotId: string;
  citizen: Citizen;
  service: ServiceRow;
  offices: OfficeLookup;
  language: LanguageCode;
  channel: BookingChannel;
  staff?: AuditActor | undefined;
  now: Date;
  /** A seat already held for this citizen (a waiting-list offer being accepted). */
  seatHeld?: boolean;
}

/** Serialises the bookings of one citizen for one service, so that the one-active rule holds under concurrency. */
export async function lockCitizen(tx: Db, service: string, fiscalCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`appointments:${service}:${fiscalCode}`}, 0))`);
}

export async function activeAppointmentOf(tx: Db, service: string, fiscalCode: string, now: Date): Promise<string | null> {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .innerJoin(slots, eq(slots.id, appointments.slotId))
    .where(and(eq(appointments.serviceCode, service), eq(appointments.fiscalCode, fiscalCode), eq(appointments.status, 'booked'), gt(slots.endsAt, now)))
    .limit(1);
  return row?.id ?? null;
}

export async function bookInTransaction(ctx: AppContext, tx: Db, emit: Emit, b: TxBooking): Promise<BookingResult> {
  if (b.service.oneActive) {
    await lockCitizen(tx, b.service.code, b.citizen.fiscalCode);
    if (await activeAppointmentOf(tx, b.service.code, b.citizen.fiscalCode, b.now)) {
      throw new AppError('appointments.already_booked', 'This codice fiscale already has an appointment for this service: cancel or move it instead.');
    }
  }
  const slot: SlotRow = b.seatHeld ? await slotById(tx, b.slotId) : await takeSeat(tx, b.slotId, b.now);
  const id = randomUUID();
  const code = newBookingCode();
  await tx.insert(appointments).values({
    id,
    slotId: slot.id,
    serviceCode: slot.serviceCode,
    officeSlug: slot.officeSlug,
    fiscalCode: b.citizen.fiscalCode,
    name: b.citizen.name,
    email: b.citizen.email,
    phone: b.citizen.phone,
    language: b.language,
    codeHash: hashCode(id, code),
    status: 'booked',
    channel: b.channel,
    bookedBy: b.staff?.actorId ?? null,
    reschedules: 0,
  });
  const name = serviceName(ctx, b.service, b.language);
  await noticeBooked(
    ctx,
    tx,
    emit,
    { email: b.citizen.email, phone: b.citizen.phone, language: b.language },
    { id, serviceName: name, documents: serviceDocuments(ctx, b.service, b.language), office: b.offices(slot.officeSlug), start: slot.startsAt, end: slot.endsAt, sequence: 0 },
    code,
    'confirmed',
    b.now,
  );
  if (b.staff) {
    await recordAudit(tx, b.staff, { action: 'create', subjectKind: 'appointment', subjectId: id, reason: 'booked on the citizen’s behalf', details: { fields: ['fiscalCode', 'name', 'email', 'phone'] } });
  }
  emit('appointment.booked', { appointmentId: id, slotId: slot.id, service: slot.serviceCode, office: slot.officeSlug, channel: b.channel });
  return { id, code, status: 'booked', service: slot.serviceCode, serviceName: name, language: b.language, slot: slotView(ctx, slot) };
}

