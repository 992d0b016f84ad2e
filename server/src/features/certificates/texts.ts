import type { Translator } from '../../platform/i18n/i18n';
import type { LanguageCode } from '../../platform/i18n/languages';
import type { CertificateStatus, FeeState } from './workflow';

/**
 * The citizen-facing sentence for a request's state, in their language: used for the notification
 * of each step and for self-service answers (IVR, chat). Dates are local dates, spelled out by ICU
 * in the citizen's language; amounts in euro.
 */
export interface StatusFacts {
  code: string;
  typeName: string;
  status: CertificateStatus;
  feeStatus: FeeState;
  amountCents: number;
  noticeNumber: string | null;
  expectedDelivery: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  /** The reason given with a rejection. */
  note?: string | null | undefined;
}

export const formatDate = (lang: LanguageCode, date: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
export const formatEuro = (lang: LanguageCode, cents: number) => new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);

export function statusText(i18n: Translator, lang: LanguageCode, f: StatusFacts): string {
  const params = {
    code: f.code,
    type: f.typeName,
    date: f.expectedDelivery ? formatDate(lang, f.expectedDelivery) : '—',
    issued: f.issuedOn ? formatDate(lang, f.issuedOn) : '—',
    validUntil: f.validUntil ? formatDate(lang, f.validUntil) : '—',
    note: f.note?.trim() || '—',
  };
  let text = i18n.t(lang, `certificates.status.${f.status}`, params);
  if (f.status === 'requested' && f.feeStatus === 'unpaid' && f.noticeNumber) {
    text += ` ${i18n.t(lang, 'certificates.fee.unpaid', { amount: formatEuro(lang, f.amountCents), notice: f.noticeNumber })}`;
  } else if (f.status === 'requested' && f.feeStatus === 'paid') {
    text += ` ${i18n.t(lang, 'certificates.fee.paid')}`;
  }
  return text;
}

export function subjectText(i18n: Translator, lang: LanguageCode, code: string): string {
  return i18n.t(lang, 'certificates.notify.subject', { code });
}
