/**
 * Area C tickets: a day's entry for a plate, bought beforehand or by the pay-by deadline (24:00 of
 * the day after the entry), or later at the deferred charge within its window (milan-facts.md,
 * "Area C"). Each ticket is paid through a pagoPA notice issued in the same transaction; the
 * ticket is paid when its notice is (the payments feature marks it on `payment.received`).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { addDays, todayIn } from '../directory';
import { issueNotice, paymentNotices, type NoticeStatus } from '../payments';
import { computeQuote } from './get-quote';
import type { Quote, Vehicle } from './quote';
import type { Permit } from './rules-schema';
import { plateOf } from './plates';
import { areaCTickets, type TicketOrigin } from './tables';

export interface TicketView {
  id: string;
  plate: string;
  date: string;
  amount: { amount: number; currency: 'EUR' };
  origin: TicketOrigin;
  status: NoticeStatus;
  /** When the payment was received (null while unpaid). */
  paidAt: string | null;
  version: string;
  notice: { noticeNumber: string; paymentId: string; qrCode: string; dueDate: string | null };
}

export interface BuyTicketInput {
  plate: string;
  date: string;
  vehicle: Vehicle;
  permits?: Permit[] | undefined;
}

export const MAX_DAYS_AHEAD = 366;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const TICKET_SOURCE_KIND = 'area-c-ticket';

/**
 * Records a ticket's payment (the `payment.received` listener). Idempotent: events arrive at least
 * once, and only the first delivery sets the time and announces `mobility.ticket_paid`.
 */
export async function markTicketPaid(ctx: AppContext, ticketId: string, noticeId: string): Promise<boolean> {
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx
      .update(areaCTickets)
      .set({ paidAt: new Date() })
      .where(and(eq(areaCTickets.id, ticketId), eq(areaCTickets.noticeId, noticeId), isNull(areaCTickets.paidAt)))
      .returning({ id: areaCTickets.id });
    if (row) emit('mobility.ticket_paid', { ticketId, noticeId });
    return row !== undefined;
  });
}

/** The notice's "causale": what is paid for, in the city's language, never a name. */
const causale = (date: string) => `Area C - ingresso del ${date}`;

async function ticketRow(db: Db, plate: string, date: string) {
  const [row] = await db
    .select({ ticket: areaCTickets, notice: paymentNotices })
    .from(areaCTickets)
    .innerJoin(paymentNotices, eq(paymentNotices.id, areaCTickets.noticeId))
    .where(and(eq(areaCTickets.plate, plate), eq(areaCTickets.day, date)))
    .limit(1);
  return row ?? null;
}

function view(row: NonNullable<Awaited<ReturnType<typeof ticketRow>>>, city: AppContext['city']): TicketView {
  const { ticket: t, notice: n } = row;
  return {
    id: t.id,
    plate: t.plate,
    date: t.day,
    amount: { amount: t.amountCents, currency: 'EUR' },
    origin: t.origin,
    status: n.status,
    paidAt: (t.paidAt ?? n.paidAt)?.toISOString() ?? null,
    version: t.versionId,
    notice: {
      noticeNumber: n.noticeNumber,
      paymentId: `${n.creditorFiscalCode}${n.noticeNumber}`,
      qrCode: `PAGOPA|002|${n.noticeNumber}|${city.creditorFiscalCode}|${n.amountCents}`,
      dueDate: n.dueDate,
    },
  };
}

/** Issues a ticket and its notice inside the caller's transaction (buying, and entries nothing covers). */
export async function issueTicket(
  tx: Db,
  emit: Emit,
  ctx: AppContext,
  input: { plate: string; date: string; amountCents: number; dueDate: string; origin: TicketOrigin; versionId: string },
): Promise<TicketView> {
  if (await ticketRow(tx, input.plate, input.date)) throw new AppError('mobility.ticket_exists', `This plate already has a ticket for ${input.date}.`);
  // The notice names the ticket as its source, and the ticket its notice: the id comes first.
  const id = randomUUID();
  const notice = await issueNotice(tx, emit, ctx.city, {
    amountCents: input.amountCents,
    dueDate: input.dueDate,
    description: causale(input.date),
    source: { kind: TICKET_SOURCE_KIND, id },
  });
  await tx.insert(areaCTickets).values({ id, plate: input.plate, day: input.date, amountCents: input.amountCents, origin: input.origin, versionId: input.versionId, noticeId: notice.id });
  emit('mobility.ticket_issued', { ticketId: id, noticeId: notice.id });
  return view((await ticketRow(tx, input.plate, input.date))!, ctx.city);
}

/** What a ticket for this day costs now: the day's charge by the pay-by deadline, then the deferred one. */
export function ticketPrice(q: Quote, now: Date): { amountCents: number; dueDate: string; origin: TicketOrigin } {
  if (!q.inForce || q.exempt || q.charge.amount === 0 || !q.payBy) {
    throw new AppError('mobility.ticket_not_needed', `Nothing to pay in Area C for this vehicle on ${q.date} (${q.reasonCode}).`);
  }
  if (now.getTime() <= Date.parse(q.payBy)) return { amountCents: q.charge.amount, dueDate: q.payBy.slice(0, 10), origin: 'purchase' };
  if (q.deferred && now.getTime() <= Date.parse(q.deferred.payBy)) {
    return { amountCents: q.deferred.charge.amount, dueDate: q.deferred.payBy.slice(0, 10), origin: 'deferred' };
  }
  throw new AppError('mobility.ticket_too_late', `The time to pay for ${q.date} has passed.`);
}

/**
 * Buys (activates) a ticket for a plate and a day. The due date printed on the notice is the local
 * date whose midnight ends the payment window (payBy is "24:00 of the day after" = 00:00 two days on),
 * so it is the day after that midnight minus one: the last full day to pay.
 */
export async function buyTicket(ctx: AppContext, input: BuyTicketInput, now = new Date()): Promise<TicketView> {
  const plate = plateOf(input.plate);
  // Tickets are bought for the coming days, not for years ahead (each one issues a pagoPA notice).
  if (daysBetween(todayIn(ctx, now.getTime()), input.date) > MAX_DAYS_AHEAD) {
    throw new AppError('request.invalid_body', 'Too far ahead.', [{ field: 'body.date', message: `at most ${MAX_DAYS_AHEAD} days ahead` }]);
  }
  const q = await computeQuote(ctx, { scheme: 'area-c', date: input.date, vehicle: input.vehicle, permits: input.permits });
  const price = ticketPrice(q, now);
  return ctx.transact((tx, emit) =>
    issueTicket(tx, emit, ctx, { plate, date: input.date, amountCents: price.amountCents, dueDate: lastDayBefore(price.dueDate), origin: price.origin, versionId: q.version }),
  );
}

/** The local date before a "YYYY-MM-DD" (payBy's midnight belongs to the next day). */
const lastDayBefore = (date: string) => addDays(date, -1);

export interface TicketCheck {
  plate: string;
  date: string;
  /** A ticket exists for this plate and day and its notice is not cancelled. */
  valid: boolean;
  paid: boolean;
  ticket?: Omit<TicketView, 'notice' | 'plate' | 'date'>;
}

/** Does a plate have a ticket for a day? Shows no more than the caller already knows (plate, day). */
export async function checkTicket(ctx: AppContext, rawPlate: string, date: string): Promise<TicketCheck> {
  const plate = plateOf(rawPlate, 'query.plate');
  const row = await ticketRow(ctx.db, plate, date);
  if (!row) return { plate, date, valid: false, paid: false };
  const { notice: _n, plate: _p, date: _d, ...ticket } = view(row, ctx.city);
  return { plate, date, valid: ticket.status !== 'cancelled', paid: ticket.status === 'paid', ticket };
}

export async function findTicket(db: Db, ctx: AppContext, plate: string, date: string): Promise<TicketView | null> {
  const row = await ticketRow(db, plate, date);
  return row ? view(row, ctx.city) : null;
}
