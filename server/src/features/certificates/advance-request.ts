/**
 * The back office moves a request along the transition table (workflow.ts): one transaction locks
 * the request, checks the move, applies its effects (delivery estimate on approval, validity on
 * issue, the unpaid notice cancelled on rejection), writes the history row and the audit entry,
 * emits `certificate.status_changed` and queues the citizen's notification.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { holidayCalendar, todayIn } from '../directory';
import { recordAudit } from '../identity';
import { cancelNotice } from '../payments';
import { readCatalog, ruleInForce } from './catalog';
import { addMonths, addWorkingDays } from './delivery-date';
import { notifyCitizen } from './notify';
import { factsOf, noticeOf, typeName, type RequestRow } from './request-views';
import { certificateRequestHistory, certificateRequests } from './tables';
import { checkTransition, type CertificateStatus } from './workflow';

export interface AdvanceInput {
  to: CertificateStatus;
  note?: string | undefined;
}

const refusal = {
  'not-allowed': 'certificates.invalid_transition',
  'fee-unpaid': 'certificates.fee_unpaid',
  'note-required': 'certificates.note_required',
} as const;

export async function advanceCertificateRequest(ctx: AppContext, code: string, input: AdvanceInput, by: Principal, requestId?: string): Promise<{ code: string; from: CertificateStatus; status: CertificateStatus }> {
  const catalog = await readCatalog(ctx.db);
  const today = todayIn(ctx);
  const rule = ruleInForce(catalog, today);
  const calendar = await holidayCalendar(ctx);

  return ctx.transact(async (tx, emit) => {
    const [current] = await tx.select().from(certificateRequests).where(eq(certificateRequests.code, code)).for('update');
    if (!current) throw new AppError('certificates.request_not_found', `No certificate request "${code}".`);
    const note = input.note?.trim() || null;
    const check = checkTransition(current.status, input.to, { feeStatus: current.feeStatus, approvalRequiresPayment: rule.approvalRequiresPayment, note });
    if (!check.ok) throw new AppError(refusal[check.reason], `${current.status} → ${input.to}: ${check.reason}.`);

    const changes: Partial<RequestRow> = { status: input.to, updatedAt: new Date() };
    // The ~5 working days run from approval: before it the request may wait for the payment.
    if (input.to === 'approved') changes.expectedDelivery = addWorkingDays(today, rule.deliveryWorkingDays, (d) => calendar.isHoliday(d));
    if (input.to === 'issued') {
      changes.issuedOn = today;
      changes.validUntil = addMonths(today, rule.validityMonths); // DPR 445/2000 art. 41
    }
    if (input.to === 'rejected' && current.feeStatus === 'unpaid' && current.noticeId) {
      // Nobody should pay for a certificate that will not come. A paid fee stays paid: the refund
      // goes through the city's accounts, not through this request.
      await cancelNotice(tx, emit, current.noticeId);
      changes.feeStatus = 'cancelled';
    }
    const [updated] = (await tx.update(certificateRequests).set(changes).where(eq(certificateRequests.id, current.id)).returning()) as [RequestRow];
    await tx.insert(certificateRequestHistory).values({
      requestId: current.id,
      fromStatus: current.status,
      toStatus: input.to,
      actorKind: 'staff',
      actorId: by.userId,
      actorName: by.username,
      note,
    });
    await recordAudit(tx, { actorId: by.userId, actorName: by.username, requestId }, {
      action: 'update',
      subjectKind: 'certificate_request',
      subjectId: current.id,
      details: { from: current.status, to: input.to },
    });
    emit('certificate.status_changed', { requestId: current.id, from: current.status, to: input.to });
    const lang = updated.language as LanguageCode;
    const notice = await noticeOf(tx, updated);
    await notifyCitizen(
      ctx,
      tx,
      emit,
      { requestId: updated.id, language: lang, email: updated.email, phone: updated.phone },
      factsOf(updated, typeName(catalog, updated.certificateType, lang, ctx.city.defaultLanguage), notice, note),
    );
    return { code: updated.code, from: current.status, status: updated.status };
  });
}

/**
 * The stamp duty of a request was paid (payments' `payment.received`): the fee is marked paid once,
 * whatever the number of deliveries of the event. Returns false when the notice is not a request's
 * or was already settled.
 */
export async function markCertificateFeePaid(ctx: AppContext, noticeId: string): Promise<boolean> {
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx
      .update(certificateRequests)
      .set({ feeStatus: 'paid', updatedAt: new Date() })
      .where(and(eq(certificateRequests.noticeId, noticeId), eq(certificateRequests.feeStatus, 'unpaid')))
      .returning();
    if (!row) return false;
    emit('certificate.fee_paid', { requestId: row.id, noticeId });
    return true;
  });
}
