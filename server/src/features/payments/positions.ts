/**
 * Taxpayer positions: a ledger entry (TARI/IMU instalment or traffic fine) with its notice and the
 * amount due on a day. Read by the citizen lookup, the staff view, the public notice check, the
 * receipt webhook and self-service.
 */
import { eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { holidayCalendar, instantToLocal } from '../directory';
import { fineAmountDueOn, taxAmountDueOn, type FineDue, type HolidayLookup, type TaxDue } from './amount-due';
import { noticeView, type NoticeView } from './notices';
import { paymentNotices, taxInstalments, trafficFines, type NoticeStatus } from './tables';

export const LEDGER_KINDS = ['tari', 'imu', 'fine'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const isLedgerKind = (kind: string): kind is LedgerKind => (LEDGER_KINDS as readonly string[]).includes(kind);

type TaxRow = typeof taxInstalments.$inferSelect;
type FineRow = typeof trafficFines.$inferSelect;

export interface Position {
  kind: LedgerKind;
  notice: NoticeView;
  debtorFiscalCode: string;
  tax?: TaxRow;
  fine?: FineRow;
}

export interface PositionWithDue extends Position {
  on: string;
  /** Null once the notice is paid or cancelled: nothing is due. */
  due: FineDue | TaxDue | null;
}

/** Today's local date in the city. */
export const cityToday = (ctx: AppContext, now = Date.now()) => instantToLocal(now, ctx.city.timezone).date;

/** The amount due on `on` for a position whose notice is still unpaid. */
export function dueOn(position: Position, on: string, holidays: HolidayLookup): FineDue | TaxDue | null {
  if (position.notice.status !== 'unpaid') return null;
  if (position.fine) return fineAmountDueOn(position.fine, on, holidays);
  if (position.tax) return taxAmountDueOn({ amountCents: position.tax.amountCents, dueDate: position.notice.dueDate! }, on, holidays);
  return null;
}

async function withLedgers(db: Db, notices: (typeof paymentNotices.$inferSelect)[]): Promise<Position[]> {
  const ids = notices.filter((n) => isLedgerKind(n.sourceKind)).map((n) => n.id);
  if (!ids.length) return [];
  const [taxes, fines] = await Promise.all([
    db.select().from(taxInstalments).where(inArray(taxInstalments.noticeId, ids)),
    db.select().from(trafficFines).where(inArray(trafficFines.noticeId, ids)),
  ]);
  const taxBy = new Map(taxes.map((t) => [t.noticeId, t]));
  const fineBy = new Map(fines.map((f) => [f.noticeId, f]));
  const out: Position[] = [];
  for (const n of notices) {
    const tax = taxBy.get(n.id);
    const fine = fineBy.get(n.id);
    if (!tax && !fine) continue;
    out.push({ kind: n.sourceKind as LedgerKind, notice: noticeView(n), debtorFiscalCode: (tax ?? fine)!.debtorFiscalCode, ...(tax ? { tax } : {}), ...(fine ? { fine } : {}) });
  }
  return out;
}

/** The ledger position behind a notice number (18 digits, already validated), or null. */
export async function positionByNotice(db: Db, noticeNumber: string): Promise<Position | null> {
  const rows = await db.select().from(paymentNotices).where(eq(paymentNotices.noticeNumber, noticeNumber)).limit(1);
  return (await withLedgers(db, rows))[0] ?? null;
}

/** Every position of a taxpayer, unpaid first, then by due date. */
export async function positionsOf(ctx: AppContext, fiscalCode: string, on: string): Promise<PositionWithDue[]> {
  const rows = await ctx.db.select().from(paymentNotices).where(eq(paymentNotices.debtorFiscalCode, fiscalCode));
  const holidays = await holidayCalendar(ctx);
  const rank: Record<NoticeStatus, number> = { unpaid: 0, paid: 1, cancelled: 2 };
  return (await withLedgers(ctx.db, rows))
    .map((p) => ({ ...p, on, due: dueOn(p, on, holidays) }))
    .sort((a, b) => rank[a.notice.status] - rank[b.notice.status] || (a.notice.dueDate ?? '').localeCompare(b.notice.dueDate ?? ''));
}

export async function withDue(ctx: AppContext, position: Position, on: string): Promise<PositionWithDue> {
  return { ...position, on, due: dueOn(position, on, await holidayCalendar(ctx)) };
}
