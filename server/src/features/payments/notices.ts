import { eq, sql } from 'drizzle-orm';
import type { CityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { buildNoticeNumber, formatNoticeNumber, paymentQrCode, validateNoticeNumber } from './notice-number';
import { paymentNotices, type NoticeStatus } from './tables';

export interface IssueNoticeInput {
  amountCents: number;
  /** Local date (YYYY-MM-DD) by which the notice should be paid, if any. */
  dueDate?: string;
  /** The "causale" printed on the notice: what is paid for, never a person's name (max 140). */
  description: string;
  debtor?: { fiscalCode?: string; name?: string };
  /** What the notice pays for, e.g. `{ kind: 'certificate-request', id }`. */
  source: { kind: string; id: string };
}

/** What the owning feature and staff see of a notice. */
export interface NoticeView {
  id: string;
  noticeNumber: string;
  formatted: string;
  creditorFiscalCode: string;
  /** pagoPA payment id: creditor fiscal code followed by the notice number. */
  paymentId: string;
  amountCents: number;
  dueDate: string | null;
  description: string;
  status: NoticeStatus;
  paidAt: Date | null;
  source: { kind: string; id: string };
  /** The notice's QR-code content (PAGOPA|002|…). */
  qrCode: string;
}

type NoticeRow = typeof paymentNotices.$inferSelect;

export function noticeView(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    noticeNumber: row.noticeNumber,
    formatted: formatNoticeNumber(row.noticeNumber),
    creditorFiscalCode: row.creditorFiscalCode,
    paymentId: `${row.creditorFiscalCode}${row.noticeNumber}`,
    amountCents: row.amountCents,
    dueDate: row.dueDate,
    description: row.description,
    status: row.status,
    paidAt: row.paidAt,
    source: { kind: row.sourceKind, id: row.sourceId },
    qrCode: paymentQrCode({ noticeNumber: row.noticeNumber, creditorFiscalCode: row.creditorFiscalCode, amountCents: row.amountCents }),
  };
}

/**
 * Issues a new aux-3 notice for the city (segregation code from city.yaml, IUV base from a
 * database sequence) inside the caller's transaction, so a fee and its notice exist together or
 * not at all. The caller validates its own input; a non-positive amount is a programming error.
 */
export async function issueNotice(tx: Db, emit: Emit, city: CityProfile, input: IssueNoticeInput): Promise<NoticeView> {
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new RangeError('amountCents must be a positive integer');
  const result = (await tx.execute(sql`select nextval('payment_iuv_seq')::text as next`)) as unknown as { rows: { next: string }[] };
  const next = result.rows[0]!.next;
  const noticeNumber = buildNoticeNumber({ segregationCode: city.pagoPaSegregationCode, iuvBase: next.padStart(13, '0') });
  return insertNotice(tx, emit, city, noticeNumber, input);
}

/**
 * Registers a notice whose number was issued elsewhere (the city's tax and fines systems print
 * their own), inside the caller's transaction. The caller has checked the number (mod-93) and that
 * it is not registered yet; the unique index is the last guard.
 */
export async function registerNotice(tx: Db, emit: Emit, city: CityProfile, noticeNumber: string, input: IssueNoticeInput): Promise<NoticeView> {
  const parsed = validateNoticeNumber(noticeNumber);
  if (!parsed.valid || parsed.auxDigit === 1) throw new RangeError('a registered notice number must carry valid check digits');
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new RangeError('amountCents must be a positive integer');
  return insertNotice(tx, emit, city, parsed.noticeNumber, input);
}

async function insertNotice(tx: Db, emit: Emit, city: CityProfile, noticeNumber: string, input: IssueNoticeInput): Promise<NoticeView> {
  const [inserted] = await tx
    .insert(paymentNotices)
    .values({
      noticeNumber,
      creditorFiscalCode: city.creditorFiscalCode,
      amountCents: input.amountCents,
      dueDate: input.dueDate ?? null,
      description: input.description.slice(0, 140),
      debtorFiscalCode: input.debtor?.fiscalCode ?? null,
      debtorName: input.debtor?.name ?? null,
      sourceKind: input.source.kind,
      sourceId: input.source.id,
      status: 'unpaid',
    })
    .returning();
  const row = inserted!;
  emit('payment.notice_issued', { noticeId: row.id, sourceKind: row.sourceKind, sourceId: row.sourceId });
  return noticeView(row);
}

/** A notice by its number in any printed form; null when the number is valid but not ours. */
export async function findNotice(db: Db, noticeNumber: string): Promise<NoticeView | null> {
  const parsed = validateNoticeNumber(noticeNumber);
  if (!parsed.valid) return null;
  const [row] = await db.select().from(paymentNotices).where(eq(paymentNotices.noticeNumber, parsed.noticeNumber)).limit(1);
  return row ? noticeView(row) : null;
}

/** The notices issued for one thing (a certificate request, a ticket), oldest first. */
export async function noticesFor(db: Db, source: { kind: string; id: string }): Promise<NoticeView[]> {
  const rows = await db
    .select()
    .from(paymentNotices)
    .where(sql`${paymentNotices.sourceKind} = ${source.kind} and ${paymentNotices.sourceId} = ${source.id}`)
    .orderBy(paymentNotices.createdAt);
  return rows.map(noticeView);
}

/**
 * Cancels an unpaid notice (the request it paid for was rejected or withdrawn). A paid notice
 * cannot be cancelled: the money has to be refunded through the city's accounts instead.
 */
export async function cancelNotice(tx: Db, emit: Emit, noticeId: string): Promise<NoticeView> {
  const [row] = await tx
    .update(paymentNotices)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(sql`${paymentNotices.id} = ${noticeId} and ${paymentNotices.status} = 'unpaid'`)
    .returning();
  if (!row) {
    const [existing] = await tx.select().from(paymentNotices).where(eq(paymentNotices.id, noticeId)).limit(1);
    if (!existing) throw new AppError('payments.notice_not_found');
    throw new AppError('payments.notice_not_payable', `the notice is ${existing.status}`);
  }
  emit('payment.notice_cancelled', { noticeId: row.id, sourceKind: row.sourceKind, sourceId: row.sourceId });
  return noticeView(row);
}
