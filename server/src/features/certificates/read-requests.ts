/**
 * Reading requests: the citizen's tracking (code + fiscal code, no oracle), the self-service answer
 * for the IVR and the chat assistant, the back office's worklist (no personal data) and one
 * request's full record (personal data: every read is audited).
 */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { validateFiscalCode } from '../citizens';
import { recordAudit } from '../identity';
import { readCatalog } from './catalog';
import { factsOf, feeView, noticeOf, readHistory, typeName, type CitizenRequestView, type FeeView, type HistoryRow, type RequestRow } from './request-views';
import { certificateRequests, type PostalAddress } from './tables';
import { statusText } from './texts';
import { nextStatuses, type CertificateStatus } from './workflow';

/**
 * The request with this code whose fiscal code matches, or null. An unknown code and a wrong fiscal
 * code look the same to the caller (one query, one answer), so the lookup tells nothing about
 * which codes exist.
 */
async function findOwned(ctx: AppContext, code: string, fiscalCode: string): Promise<RequestRow | null> {
  const fiscal = validateFiscalCode(fiscalCode);
  const normalisedCode = code.trim().toUpperCase();
  const [row] = await ctx.db
    .select()
    .from(certificateRequests)
    .where(and(eq(certificateRequests.code, normalisedCode), eq(certificateRequests.fiscalCode, fiscal.valid ? fiscal.code : fiscalCode.trim().toUpperCase())))
    .limit(1);
  return row ?? null;
}

const lastNote = (history: HistoryRow[], status: CertificateStatus) => history.filter((h) => h.toStatus === status).at(-1)?.note ?? null;

export async function trackCertificateRequest(ctx: AppContext, code: string, fiscalCode: string, lang: LanguageCode): Promise<CitizenRequestView> {
  const row = await findOwned(ctx, code, fiscalCode);
  if (!row) throw new AppError('certificates.request_not_found');
  const [catalog, history, notice] = await Promise.all([readCatalog(ctx.db), readHistory(ctx.db, row.id), noticeOf(ctx.db, row)]);
  const name = typeName(catalog, row.certificateType, lang, ctx.city.defaultLanguage);
  return {
    code: row.code,
    certificateType: { code: row.certificateType, name },
    status: row.status,
    text: statusText(ctx.i18n, lang, factsOf(row, name, notice, lastNote(history, row.status))),
    fee: feeView(row, notice),
    expectedDelivery: row.expectedDelivery,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    createdAt: row.createdAt.toISOString(),
    history: history.map((h) => ({ status: h.toStatus, at: h.at.toISOString() })),
  };
}

/** Self-service (IVR, chat): the status and a sentence ready to say or send, never an error for a miss. */
export async function certificateRequestStatus(ctx: AppContext, input: { code: string; fiscalCode: string; lang: LanguageCode }): Promise<{ status: CertificateStatus | 'not-found'; text: string }> {
  try {
    const view = await trackCertificateRequest(ctx, input.code, input.fiscalCode, input.lang);
    return { status: view.status, text: view.text };
  } catch (error) {
    if (error instanceof AppError && error.code === 'certificates.request_not_found') {
      return { status: 'not-found', text: ctx.i18n.t(input.lang, 'certificates.status.not_found') };
    }
    throw error;
  }
}

export interface WorklistItem {
  code: string;
  certificateType: string;
  status: CertificateStatus;
  feeStatus: FeeView['status'];
  filedBy: 'citizen' | 'agent';
  expectedDelivery: string | null;
  createdAt: string;
  next: CertificateStatus[];
}

/** The back office's queue, oldest first within a status; no personal data, so no audit entry. */
export async function listCertificateRequests(ctx: AppContext, filter: { status?: CertificateStatus | undefined; limit: number }): Promise<WorklistItem[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(certificateRequests.status, filter.status));
  const rows = await ctx.db
    .select()
    .from(certificateRequests)
    .where(where.length ? and(...where) : undefined)
    .orderBy(filter.status ? certificateRequests.createdAt : desc(certificateRequests.createdAt))
    .limit(filter.limit);
  return rows.map((r) => ({
    code: r.code,
    certificateType: r.certificateType,
    status: r.status,
    feeStatus: r.feeStatus,
    filedBy: r.filedBy,
    expectedDelivery: r.expectedDelivery,
    createdAt: r.createdAt.toISOString(),
    next: nextStatuses(r.status),
  }));
}

export interface StaffRequestView {
  id: string;
  code: string;
  certificateType: string;
  status: CertificateStatus;
  next: CertificateStatus[];
  fiscalCode: string;
  name: string;
  address: PostalAddress;
  language: string;
  email: string | null;
  phone: string | null;
  fee: FeeView;
  filedBy: 'citizen' | 'agent';
  expectedDelivery: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  createdAt: string;
  history: { from: CertificateStatus | null; to: CertificateStatus; at: string; actorKind: string; actor: string; note: string | null }[];
}

export async function certificateRequestRecord(ctx: AppContext, code: string, by: Principal, requestId?: string): Promise<StaffRequestView> {
  const [row] = await ctx.db.select().from(certificateRequests).where(eq(certificateRequests.code, code.trim().toUpperCase())).limit(1);
  if (!row) throw new AppError('certificates.request_not_found', `No certificate request "${code}".`);
  await recordAudit(ctx.db, { actorId: by.userId, actorName: by.username, requestId }, {
    action: 'read',
    subjectKind: 'certificate_request',
    subjectId: row.id,
    details: { fields: ['fiscalCode', 'name', 'address', 'email', 'phone'] },
  });
  const [history, notice] = await Promise.all([readHistory(ctx.db, row.id), noticeOf(ctx.db, row)]);
  return {
    id: row.id,
    code: row.code,
    certificateType: row.certificateType,
    status: row.status,
    next: nextStatuses(row.status),
    fiscalCode: row.fiscalCode,
    name: row.recipientName,
    address: row.address,
    language: row.language,
    email: row.email,
    phone: row.phone,
    fee: feeView(row, notice),
    filedBy: row.filedBy,
    expectedDelivery: row.expectedDelivery,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    createdAt: row.createdAt.toISOString(),
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, at: h.at.toISOString(), actorKind: h.actorKind, actor: h.actorName, note: h.note })),
  };
}
