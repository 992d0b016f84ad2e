/**
 * Finding a position: citizens by notice number plus a second factor (their fiscal code, or the
 * plate for a fine), staff by fiscal code (audited), self-service channels with a ready sentence.
 */
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { recordAudit } from '../identity';
import type { Principal } from '../../platform/http/access';
import type { FineDue } from './amount-due';
import { normalisePlate, normaliseTaxpayerCode } from './ledger-rows';
import { validateNoticeNumber } from './notice-number';
import { cityToday, positionByNotice, positionsOf, withDue, type PositionWithDue } from './positions';

export interface SecondFactor {
  fiscalCode?: string | undefined;
  plate?: string | undefined;
}

/**
 * The position behind a notice number when the second factor matches; otherwise the same
 * `payments.position_not_found` whether the notice is unknown, not a ledger position, or the
 * factor is wrong, so the answer never tells which notice numbers exist (no oracle).
 */
export async function findPositionFor(ctx: AppContext, notice: string, factor: SecondFactor, on?: string): Promise<PositionWithDue> {
  const parsed = validateNoticeNumber(notice);
  const position = parsed.valid ? await positionByNotice(ctx.db, parsed.noticeNumber) : null;
  if (!position || !matches(position, factor)) throw new AppError('payments.position_not_found');
  return withDue(ctx, position, on ?? cityToday(ctx));
}

function matches(position: { debtorFiscalCode: string; fine?: { plate: string } }, factor: SecondFactor): boolean {
  if (factor.fiscalCode) return normaliseTaxpayerCode(factor.fiscalCode) === position.debtorFiscalCode;
  // A plate identifies a fine only: taxes are not tied to a vehicle.
  if (factor.plate) return position.fine !== undefined && normalisePlate(factor.plate) === position.fine.plate;
  return false;
}

/** Staff view of a taxpayer's positions; every read writes an audit entry (personal data). */
export async function staffPositions(
  ctx: AppContext,
  fiscalCode: string,
  by: Principal,
  requestId: string,
  date?: string,
): Promise<{ fiscalCode: string; on: string; positions: PositionWithDue[] }> {
  const code = normaliseTaxpayerCode(fiscalCode);
  if (!code) throw new AppError('request.invalid_parameters', 'fiscalCode is not a valid codice fiscale or numeric fiscal code.', [{ field: 'query.fiscalCode', message: 'invalid fiscal code' }]);
  const on = date ?? cityToday(ctx);
  const positions = await positionsOf(ctx, code, on);
  await recordAudit(ctx.db, { actorId: by.userId, actorName: by.username, requestId }, {
    action: 'read',
    subjectKind: 'taxpayer',
    subjectId: code,
    details: { fields: ['tax_instalments', 'traffic_fines', 'payment_notices'], positions: positions.length },
  });
  return { fiscalCode: code, on, positions };
}

// ---------------------------------------------------------------------------------------------
// Self-service (IVR, chat assistant): the amount due on a fine as one sentence.

export interface FineAmountAnswer {
  due: FineDue | null;
  text: string;
}

function euro(lang: LanguageCode, cents: number): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

function longDate(lang: LanguageCode, date: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export async function fineAmountDue(
  ctx: AppContext,
  input: { noticeNumber: string; plate?: string; fiscalCode?: string; lang: LanguageCode; on?: string },
): Promise<FineAmountAnswer> {
  const t = (key: string, params: Record<string, string> = {}) => ctx.i18n.t(input.lang, `payments.fine.${key}`, params);
  let position: PositionWithDue;
  try {
    position = await findPositionFor(ctx, input.noticeNumber, { plate: input.plate, fiscalCode: input.fiscalCode }, input.on);
  } catch (error) {
    if (error instanceof AppError && error.code === 'payments.position_not_found') return { due: null, text: t('not_found') };
    throw error;
  }
  if (!position.fine) return { due: null, text: t('not_found') };
  const verbale = position.fine.verbale;
  if (position.notice.status === 'paid') return { due: null, text: t('paid', { verbale }) };
  if (position.notice.status === 'cancelled' || !position.due || position.due.kind !== 'fine') return { due: null, text: t('cancelled', { verbale }) };
  const due = position.due;
  const later = due.schedule[due.schedule.findIndex((s) => s.phase === due.phase) + 1];
  const params = {
    verbale,
    amount: euro(input.lang, due.amountCents),
    deadline: due.nextDeadline ? longDate(input.lang, due.nextDeadline) : '',
    later: later ? euro(input.lang, later.amountCents) : '',
  };
  const key = due.phase === 'half-maximum' ? 'half_maximum' : due.phase;
  return { due, text: t(key, params) };
}
