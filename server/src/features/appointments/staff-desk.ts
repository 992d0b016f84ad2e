import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import { addDays, formatInstant, isValidDate, localToInstant } from '../directory';
import { recordAudit, type AuditActor } from '../identity';
import { slotById } from './slots';
import { appointments, slots, type AppointmentStatus, type BookingChannel } from './tables';

/** The front desk's side: the day's list at an office, and who came. */
export interface DayEntry {
  id: string;
  status: AppointmentStatus;
  service: string;
  start: string;
  end: string;
  channel: BookingChannel;
  citizen: { name: string; fiscalCode: string; email: string | null; phone: string | null };
  language: string;
}

/** A day's appointments at an office (cancelled ones too, marked), in slot order. Audited: it shows personal data. */
export async function officeDay(ctx: AppContext, office: string, date: string, actor: AuditActor, service?: string): Promise<DayEntry[]> {
  if (!isValidDate(date)) throw new AppError('request.invalid_parameters', 'Not a date.', [{ field: 'query.date', message: 'a date YYYY-MM-DD' }]);
  const where: SQL[] = [eq(slots.officeSlug, office), eq(slots.localDate, date)];
  if (service) where.push(eq(slots.serviceCode, service));
  const rows = await ctx.db
    .select({ a: appointments, startsAt: slots.startsAt, endsAt: slots.endsAt })
    .from(appointments)
    .innerJoin(slots, eq(slots.id, appointments.slotId))
    .where(and(...where))
    .orderBy(asc(slots.startsAt), asc(appointments.createdAt));
  await recordAudit(ctx.db, actor, {
    action: 'read',
    subjectKind: 'appointment_day',
    subjectId: `${office}/${date}`,
    reason: 'office day list',
    details: { appointments: rows.map((r) => r.a.id), fields: ['name', 'fiscalCode', 'email', 'phone'] },
  });
  const zone = ctx.city.timezone;
  return rows.map(({ a, startsAt, endsAt }) => ({
    id: a.id,
    status: a.status,
    service: a.serviceCode,
    start: formatInstant(startsAt.getTime(), zone),
    end: formatInstant(endsAt.getTime(), zone),
    channel: a.channel,
    citizen: { name: a.name, fiscalCode: a.fiscalCode, email: a.email, phone: a.phone },
    language: a.language,
  }));
}

/** Attended or no-show, once the appointment has started; a mistake can be corrected the same way. */
export async function recordOutcome(ctx: AppContext, id: string, outcome: 'attended' | 'no_show', actor: AuditActor, now = new Date()): Promise<{ id: string; status: AppointmentStatus }> {
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
    if (!row) throw new AppError('appointments.not_found', 'No appointment with this id.');
    if (row.status === 'cancelled') throw new AppError('appointments.not_active', 'The appointment was cancelled.');
    const slot = await slotById(tx, row.slotId);
    if (slot.startsAt.getTime() > now.getTime()) throw new AppError('appointments.too_early', 'The appointment has not started yet.');
    if (row.status !== outcome) {
      await tx.update(appointments).set({ status: outcome, outcomeAt: now, updatedAt: now }).where(eq(appointments.id, id));
      await recordAudit(tx, actor, { action: 'update', subjectKind: 'appointment', subjectId: id, reason: `marked ${outcome}` });
      if (outcome === 'attended') emit('appointment.attended', { appointmentId: id });
      else emit('appointment.missed', { appointmentId: id });
    }
    return { id, status: outcome };
  });
}

export interface StatisticsRow {
  service: string;
  office: string;
  booked: number;
  cancelled: number;
  attended: number;
  noShow: number;
  /** no-shows / (attended + no-shows); null before any outcome. */
  noShowRate: number | null;
  /** Days from booking to the appointment's start. */
  leadTimeDays: { average: number | null; median: number | null };
}

/** Per service and office, appointments whose slot falls on the local dates from..to (at most 366 days). */
export async function statistics(ctx: AppContext, q: { from: string; to: string; service?: string | undefined; office?: string | undefined }): Promise<StatisticsRow[]> {
  if (!isValidDate(q.from) || !isValidDate(q.to) || q.to < q.from || q.to > addDays(q.from, 365)) {
    throw new AppError('request.invalid_parameters', 'The period is not valid.', [{ field: 'query.to', message: 'dates YYYY-MM-DD, to not before from, at most 366 days' }]);
  }
  const zone = ctx.city.timezone;
  const start = new Date(localToInstant(q.from, 0, zone));
  const end = new Date(localToInstant(addDays(q.to, 1), 0, zone));
  const where: SQL[] = [gte(slots.startsAt, start), lt(slots.startsAt, end)];
  if (q.service) where.push(eq(appointments.serviceCode, q.service));
  if (q.office) where.push(eq(appointments.officeSlug, q.office));
  const lead = sql`extract(epoch from (${slots.startsAt} - ${appointments.createdAt})) / 86400.0`;
  const rows = await ctx.db
    .select({
      service: appointments.serviceCode,
      office: appointments.officeSlug,
      booked: sql<number>`count(*)::int`,
      cancelled: sql<number>`(count(*) filter (where ${appointments.status} = 'cancelled'))::int`,
      attended: sql<number>`(count(*) filter (where ${appointments.status} = 'attended'))::int`,
      noShow: sql<number>`(count(*) filter (where ${appointments.status} = 'no_show'))::int`,
      leadAverage: sql<string | null>`avg(${lead})::float8`,
      leadMedian: sql<string | null>`(percentile_cont(0.5) within group (order by ${lead}))::float8`,
    })
    .from(appointments)
    .innerJoin(slots, eq(slots.id, appointments.slotId))
    .where(and(...where))
    .groupBy(appointments.serviceCode, appointments.officeSlug)
    .orderBy(asc(appointments.serviceCode), asc(appointments.officeSlug));
  const round = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
  return rows.map((r) => ({
    service: r.service,
    office: r.office,
    booked: r.booked,
    cancelled: r.cancelled,
    attended: r.attended,
    noShow: r.noShow,
    noShowRate: r.attended + r.noShow ? round(r.noShow / (r.attended + r.noShow)) : null,
    leadTimeDays: { average: round(r.leadAverage), median: round(r.leadMedian) },
  }));
}
