import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import { addDays, officeOpeningIntervals, todayIn } from '../directory';
import { cutSlots, type CutSlot, type Opening, type TemplateRule } from './slot-cutting';
import { appointmentServices, slots, slotTemplates } from './tables';
import { officeLookup } from './office-info';
import { offerFreeSeats } from './waitlist';

export interface GenerationReport {
  from: string;
  to: string;
  created: number;
  withdrawn: number;
  reopened: number;
  /** Booked slots of the range outside the office's hours (withdrawn now or before): staff must call those citizens. */
  conflicts: string[];
  unknownOffices: string[];
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Makes the slots of every active service's templates exist for the local dates `from`..`to`,
 * cut inside the offices' real openings (holidays and exceptions applied by the directory).
 * Idempotent: existing slots are kept (one slot per service, office and start), a slot that no
 * longer fits (a closure added since) is withdrawn from sale, one that fits again is reopened.
 * Bookings are never touched: a withdrawn slot that is booked is reported as a conflict.
 */
export async function generateSlots(ctx: AppContext, range: { from: string; to: string }): Promise<GenerationReport> {
  const { from, to } = range;
  const zone = ctx.city.timezone;
  const rows = await ctx.db
    .select({ t: slotTemplates })
    .from(slotTemplates)
    .innerJoin(appointmentServices, eq(appointmentServices.code, slotTemplates.serviceCode))
    .where(and(eq(appointmentServices.active, true), lte(slotTemplates.validFrom, to), sql`(${slotTemplates.validTo} is null or ${slotTemplates.validTo} >= ${from})`));
  const rules: TemplateRule[] = rows.map(({ t }) => ({
    serviceCode: t.serviceCode,
    officeSlug: t.officeSlug,
    weekday: t.weekday,
    opens: minutesOf(t.opens),
    closes: minutesOf(t.closes),
    slotMinutes: t.slotMinutes,
    capacity: t.capacity,
    validFrom: t.validFrom,
    validTo: t.validTo,
  }));

  const wanted: CutSlot[] = [];
  const unknownOffices: string[] = [];
  for (const office of [...new Set(rules.map((r) => r.officeSlug))].sort()) {
    let openings: Opening[];
    try {
      openings = (await officeOpeningIntervals(ctx, office, from, to)).map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) }));
    } catch (error) {
      // An office removed from the directory after its templates were loaded: nothing to offer there.
      if (!(error instanceof AppError) || error.code !== 'directory.office_not_found') throw error;
      unknownOffices.push(office);
      continue;
    }
    for (let date = from; date <= to; date = addDays(date, 1)) {
      for (const rule of rules) if (rule.officeSlug === office) wanted.push(...cutSlots(rule, date, openings, zone));
    }
  }

  const services = [...new Set(rules.map((r) => r.serviceCode))];
  const offices = await officeLookup(ctx);
  const report: GenerationReport = { from, to, created: 0, withdrawn: 0, reopened: 0, conflicts: [], unknownOffices };
  await ctx.transact(async (tx, emit) => {
    const existing = services.length
      ? await tx
          .select({ id: slots.id, serviceCode: slots.serviceCode, officeSlug: slots.officeSlug, startsAt: slots.startsAt, status: slots.status, booked: slots.booked })
          .from(slots)
          .where(and(inArray(slots.serviceCode, services), gte(slots.localDate, from), lte(slots.localDate, to)))
      : [];
    const key = (s: { serviceCode: string; officeSlug: string; start: number }) => `${s.serviceCode}|${s.officeSlug}|${s.start}`;
    const have = new Map(existing.map((s) => [key({ ...s, start: s.startsAt.getTime() }), s]));
    const want = new Set(wanted.map(key));
    const fresh = wanted.filter((s) => !have.has(key(s)));
    for (let i = 0; i < fresh.length; i += 500) {
      const inserted = await tx
        .insert(slots)
        .values(
          fresh.slice(i, i + 500).map((s) => ({
            id: randomUUID(),
            serviceCode: s.serviceCode,
            officeSlug: s.officeSlug,
            localDate: s.localDate,
            startsAt: new Date(s.start),
            endsAt: new Date(s.end),
            capacity: s.capacity,
            booked: 0,
            status: 'open' as const,
          })),
        )
        // Another node generating at the same moment: its row stands.
        .onConflictDoNothing()
        .returning({ id: slots.id });
      report.created += inserted.length;
    }
    const reopen = existing.filter((s) => s.status === 'withdrawn' && want.has(key({ ...s, start: s.startsAt.getTime() }))).map((s) => s.id);
    const withdraw = existing.filter((s) => s.status === 'open' && !want.has(key({ ...s, start: s.startsAt.getTime() })));
    if (reopen.length) await tx.update(slots).set({ status: 'open' }).where(inArray(slots.id, reopen));
    if (withdraw.length) await tx.update(slots).set({ status: 'withdrawn' }).where(inArray(slots.id, withdraw.map((s) => s.id)));
    report.reopened = reopen.length;
    report.withdrawn = withdraw.length;
    report.conflicts = existing.filter((s) => s.booked > 0 && !want.has(key({ ...s, start: s.startsAt.getTime() }))).map((s) => s.id);
    if (report.created || report.withdrawn || report.reopened) emit('slots.generated', { from, to, created: report.created, withdrawn: report.withdrawn, reopened: report.reopened });
    // New seats may be what someone on the waiting list is waiting for.
    if (report.created || report.reopened) for (const service of services) await offerFreeSeats(ctx, tx, emit, service, new Date(), offices);
  });
  if (report.conflicts.length) ctx.log.warn({ conflicts: report.conflicts.length }, 'booked appointment slots no longer inside office hours');
  return report;
}

/** Today to today + APPOINTMENTS_HORIZON_DAYS: what the daily job and the city load call. */
export function extendSlots(ctx: AppContext, now = Date.now()): Promise<GenerationReport> {
  const today = todayIn(ctx, now);
  return generateSlots(ctx, { from: today, to: addDays(today, ctx.config.APPOINTMENTS_HORIZON_DAYS) });
}
