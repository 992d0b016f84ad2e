/**
 * pagoPA receipts. The pagoPA node (through the city's intermediary) sends a receipt when a PSP
 * has taken a payment (paSendRT); we check its signature, that the notice is ours and unpaid and
 * that the amount is the amount due on the payment's local date, then mark the notice paid and
 * emit `payment.received`, all in one transaction. The receipt id makes deliveries idempotent: the
 * same receipt again gets the stored answer and books nothing twice.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { holidayCalendar, instantToLocal } from '../directory';
import type { HolidayLookup } from './amount-due';
import { validateNoticeNumber } from './notice-number';
import { noticeView, type NoticeView } from './notices';
import { dueOn, positionByNotice } from './positions';
import { paymentNotices, paymentReceipts } from './tables';
import { verifyReceiptSignature } from './webhook-signature';

/** The receipt, with the field names of pagoPA's paSendRT receipt; the amount in euro cents. */
export const receiptBody = z.object({
  receiptId: z.string().min(1).max(64).regex(/^[\w.-]+$/, 'letters, digits, _ . -'),
  noticeNumber: z.string().regex(/^\d{18}$/, '18 digits'),
  fiscalCode: z.string().regex(/^\d{11}$/, "the creditor's 11-digit fiscal code"),
  outcome: z.enum(['OK', 'KO']),
  paymentAmount: z.number().int().positive().max(100_000_000).describe('euro cents'),
  paymentDateTime: z.iso.datetime({ offset: true }),
  idPSP: z.string().min(1).max(35),
  PSPCompanyName: z.string().max(140).optional(),
});
export type ReceiptBody = z.infer<typeof receiptBody>;

export const receiptResult = z.object({
  receiptId: z.string(),
  noticeNumber: z.string(),
  status: z.enum(['paid', 'not-paid']),
  amount: z.object({ amount: z.number().int(), currency: z.literal('EUR') }),
  paidAt: z.string().nullable(),
  sourceKind: z.string(),
});
export type ReceiptResult = z.infer<typeof receiptResult>;

export interface MarkPaidInput {
  noticeId: string;
  /** Default: the notice's amount. */
  amountCents?: number;
  /** Default: now. */
  paidAt?: Date;
}

/**
 * Marks an unpaid notice paid inside the caller's transaction and emits `payment.received`, which
 * the features that issued the notice (certificates, Area C tickets) listen to. Exported so that
 * their tests can pay a notice without signing a receipt.
 */
export async function markNoticePaid(tx: Db, emit: Emit, input: MarkPaidInput): Promise<NoticeView> {
  const [row] = await tx
    .update(paymentNotices)
    .set({
      status: 'paid',
      paidAt: input.paidAt ?? new Date(),
      paidAmountCents: input.amountCents ?? sql`${paymentNotices.amountCents}`,
      updatedAt: new Date(),
    })
    .where(sql`${paymentNotices.id} = ${input.noticeId} and ${paymentNotices.status} = 'unpaid'`)
    .returning();
  if (!row) {
    const [existing] = await tx.select({ status: paymentNotices.status }).from(paymentNotices).where(eq(paymentNotices.id, input.noticeId)).limit(1);
    if (!existing) throw new AppError('payments.notice_not_found');
    throw new AppError('payments.notice_not_payable', `the notice is ${existing.status}`);
  }
  emit('payment.received', { noticeId: row.id, sourceKind: row.sourceKind, sourceId: row.sourceId });
  return noticeView(row);
}

/** The same receipt delivered again: the same facts (a retry), or a different payment under a used id. */
function sameReceipt(stored: typeof paymentReceipts.$inferSelect, body: ReceiptBody): boolean {
  return (
    stored.noticeNumber === body.noticeNumber &&
    stored.amountCents === body.paymentAmount &&
    stored.outcome === body.outcome &&
    stored.paidAt.getTime() === Date.parse(body.paymentDateTime)
  );
}

/**
 * Refuses a delivery whose signature is missing, wrong or outside the time tolerance (a replay of
 * an old delivery), before its body is even validated.
 */
export function authenticateReceipt(ctx: AppContext, rawBody: string, signature: string | undefined, now = Date.now()): void {
  const secret = ctx.config.PAGOPA_WEBHOOK_SECRET;
  if (!secret) throw new AppError('payments.webhook_not_configured');
  const check = verifyReceiptSignature(secret, rawBody, signature, now, ctx.config.PAGOPA_WEBHOOK_TOLERANCE_SECONDS);
  if (!check.ok) throw new AppError(check.reason === 'expired' ? 'payments.signature_expired' : 'payments.signature_invalid');
}

/** Books an authenticated receipt: all checks and the notice update in one transaction, or nothing. */
export async function bookReceipt(ctx: AppContext, body: ReceiptBody): Promise<ReceiptResult> {
  if (!validateNoticeNumber(body.noticeNumber).valid) throw new AppError('payments.notice_not_found', 'The notice number does not pass its check digits.');
  if (body.fiscalCode !== ctx.city.creditorFiscalCode) throw new AppError('payments.wrong_creditor');
  // Read before the transaction: the calendar cache loads through its own connection, which on the
  // single-session embedded engine would wait for ours forever.
  const holidays = await holidayCalendar(ctx);

  return ctx.transact(async (tx, emit) => {
    const [found] = await tx.select({ id: paymentNotices.id }).from(paymentNotices).where(eq(paymentNotices.noticeNumber, body.noticeNumber)).limit(1);
    if (!found) throw new AppError('payments.notice_not_found');
    // Claim the receipt id first: a concurrent delivery of the same receipt waits here for ours to
    // commit, then finds it and answers with the stored result.
    const paidAt = new Date(body.paymentDateTime);
    const claimed = await tx
      .insert(paymentReceipts)
      .values({ receiptId: body.receiptId, noticeId: found.id, noticeNumber: body.noticeNumber, creditorFiscalCode: body.fiscalCode, amountCents: body.paymentAmount, paidAt, psp: body.idPSP, outcome: body.outcome, result: {} })
      .onConflictDoNothing()
      .returning({ receiptId: paymentReceipts.receiptId });
    if (claimed.length === 0) {
      const [stored] = await tx.select().from(paymentReceipts).where(eq(paymentReceipts.receiptId, body.receiptId)).limit(1);
      if (!stored || !sameReceipt(stored, body)) throw new AppError('payments.receipt_conflict');
      return stored.result as ReceiptResult;
    }

    const [notice] = await tx.select().from(paymentNotices).where(eq(paymentNotices.id, found.id)).for('update').limit(1);
    if (!notice) throw new AppError('payments.notice_not_found');
    let result: ReceiptResult;
    if (body.outcome === 'KO') {
      // A failed payment is recorded for reconciliation and changes nothing else.
      result = { receiptId: body.receiptId, noticeNumber: notice.noticeNumber, status: 'not-paid', amount: { amount: body.paymentAmount, currency: 'EUR' }, paidAt: null, sourceKind: notice.sourceKind };
    } else {
      if (notice.status !== 'unpaid') throw new AppError('payments.notice_not_payable', `the notice is ${notice.status}`);
      const expected = await expectedAmount(ctx, tx, notice, paidAt, holidays);
      if (body.paymentAmount !== expected) throw new AppError('payments.amount_mismatch', `paid ${body.paymentAmount} cents; due on that day: ${expected} cents`);
      const paid = await markNoticePaid(tx, emit, { noticeId: notice.id, amountCents: body.paymentAmount, paidAt });
      result = { receiptId: body.receiptId, noticeNumber: paid.noticeNumber, status: 'paid', amount: { amount: body.paymentAmount, currency: 'EUR' }, paidAt: paidAt.toISOString(), sourceKind: paid.source.kind };
    }
    await tx.update(paymentReceipts).set({ result }).where(eq(paymentReceipts.receiptId, body.receiptId));
    return result;
  });
}

/**
 * What the notice asks on the payment's local date: the ledger's amount due for fines and taxes
 * (the same figure the creditor quotes when the PSP activates the payment), else the notice's amount.
 */
async function expectedAmount(ctx: AppContext, tx: Db, notice: typeof paymentNotices.$inferSelect, paidAt: Date, holidays: HolidayLookup): Promise<number> {
  const position = await positionByNotice(tx, notice.noticeNumber);
  if (!position) return notice.amountCents;
  const on = instantToLocal(paidAt.getTime(), ctx.city.timezone).date;
  return dueOn(position, on, holidays)?.amountCents ?? notice.amountCents;
}
