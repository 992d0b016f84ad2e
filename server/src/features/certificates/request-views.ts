import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { formatNoticeNumber, noticesFor, type NoticeView } from '../payments';
import { pick, type Catalog } from './catalog';
import { certificateRequestHistory, certificateRequests } from './tables';
import type { StatusFacts } from './texts';
import type { CertificateStatus, FeeState } from './workflow';

export type RequestRow = typeof certificateRequests.$inferSelect;
export type HistoryRow = typeof certificateRequestHistory.$inferSelect;

export interface FeeView {
  amount: { amount: number; currency: 'EUR' };
  status: FeeState;
  exemption: string | null;
  notice: { noticeNumber: string; formatted: string; paymentId: string; qrCode: string; status: string } | null;
}

/** What the citizen holding the code and fiscal code may see: no address, no contacts, no actors. */
export interface CitizenRequestView {
  code: string;
  certificateType: { code: string; name: string };
  status: CertificateStatus;
  text: string;
  fee: FeeView;
  expectedDelivery: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  createdAt: string;
  history: { status: CertificateStatus; at: string }[];
}

export const noticeSummary = (n: NoticeView | null | undefined) =>
  n ? { noticeNumber: n.noticeNumber, formatted: n.formatted ?? formatNoticeNumber(n.noticeNumber), paymentId: n.paymentId, qrCode: n.qrCode, status: n.status } : null;

export async function readHistory(db: Db, requestId: string): Promise<HistoryRow[]> {
  return db.select().from(certificateRequestHistory).where(eq(certificateRequestHistory.requestId, requestId)).orderBy(asc(certificateRequestHistory.id));
}

export async function noticeOf(db: Db, row: RequestRow): Promise<NoticeView | null> {
  if (!row.noticeId) return null;
  const notices = await noticesFor(db, { kind: 'certificate-request', id: row.id });
  return notices.find((n) => n.id === row.noticeId) ?? null;
}

export function typeName(catalog: Catalog, code: string, lang: LanguageCode, fallback: LanguageCode): string {
  const t = catalog.types.find((x) => x.code === code);
  return t ? pick(t.names, lang, fallback) : code;
}

export function factsOf(row: RequestRow, name: string, notice: NoticeView | null, note?: string | null): StatusFacts {
  return {
    code: row.code,
    typeName: name,
    status: row.status,
    feeStatus: row.feeStatus,
    amountCents: row.stampDutyCents,
    noticeNumber: notice ? notice.formatted : null,
    expectedDelivery: row.expectedDelivery,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    note,
  };
}

export function feeView(row: RequestRow, notice: NoticeView | null): FeeView {
  return { amount: { amount: row.stampDutyCents, currency: 'EUR' }, status: row.feeStatus, exemption: row.exemptionCode, notice: noticeSummary(notice) };
}
