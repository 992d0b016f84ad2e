/**
 * The rows of the city's ledger exports (CSV), checked one by one: fiscal codes, notice numbers
 * (mod-93 check digits), real dates in order, non-negative amounts. Pure: duplicates against the
 * database are checked by the importer. Formats: docs/taxes-and-fines.md.
 */
import { validateFiscalCode } from '../citizens';
import type { RejectedRow } from '../../platform/import-report';
import { isRealDate, type AccessorySanction } from './amount-due';
import { validateNoticeNumber } from './notice-number';
import type { Instalment, TaxKind } from './tables';

/** "123.45" or "123,45" or "123" euro → cents, exactly (no floating point). Null when unreadable. */
export function parseEuro(text: string): number | null {
  const m = /^(-?)(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/**
 * A taxpayer's fiscal code: a person's 16-character codice fiscale (check character verified), or
 * the 11-digit numeric code of a company or body (partita IVA check digit, DPR 633/1972 art. 35:
 * a Luhn-style sum).
 */
export function normaliseTaxpayerCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  if (/^\d{11}$/.test(code)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      const d = Number(code[i]);
      sum += i % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
    }
    return (10 - (sum % 10)) % 10 === Number(code[10]) ? code : null;
  }
  const person = validateFiscalCode(code);
  return person.valid ? person.code : null;
}

/** Plates are compared without spaces or dashes, in upper case ("AB 123 CD" = "ab123cd"). */
export function normalisePlate(input: string): string {
  return input.replace(/[\s.-]/g, '').toUpperCase();
}

type Checked<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

class Problems {
  readonly reasons: string[] = [];
  add(column: string, reason: string) {
    this.reasons.push(`${column}: ${reason}`);
  }
  date(values: Record<string, string>, column: string): string | null {
    const v = values[column] ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) this.add(column, 'expected a date YYYY-MM-DD');
    else if (!isRealDate(v)) this.add(column, `${v} is not a real date`);
    else return v;
    return null;
  }
  money(values: Record<string, string>, column: string, { optional = false, positive = true } = {}): number | null {
    const v = values[column] ?? '';
    if (v === '' && optional) return 0;
    const cents = parseEuro(v);
    if (cents === null) this.add(column, 'expected an amount in euro, e.g. 123.45');
    else if (cents < 0) this.add(column, 'must not be negative');
    else if (positive && cents === 0) this.add(column, 'must be more than zero');
    else return cents;
    return null;
  }
  taxpayer(values: Record<string, string>): string | null {
    const code = normaliseTaxpayerCode(values.fiscal_code ?? '');
    if (!code) this.add('fiscal_code', 'not a valid codice fiscale (16 characters) or numeric fiscal code (11 digits)');
    return code;
  }
  /** Empty: the importer issues a new notice number. Otherwise it must pass the mod-93 check. */
  notice(values: Record<string, string>): string | null | undefined {
    const raw = values.notice_number ?? '';
    if (raw === '') return null;
    const parsed = validateNoticeNumber(raw);
    if (!parsed.valid) this.add('notice_number', `not a valid pagoPA notice number (${parsed.reason})`);
    else if (parsed.auxDigit === 1) this.add('notice_number', 'aux digit 1 carries no check digits; ledgers use the current form');
    else return parsed.noticeNumber;
    return undefined;
  }
  done<T>(value: () => T): Checked<T> {
    return this.reasons.length ? { ok: false, reasons: this.reasons } : { ok: true, value: value() };
  }
}

export const DEADLINE_COLUMNS = ['tax', 'year', 'instalment', 'due_date'] as const;
export const TAX_COLUMNS = ['ref', 'fiscal_code', 'year', 'instalment', 'amount', 'notice_number'] as const;
export const FINE_COLUMNS = ['verbale', 'notice_number', 'fiscal_code', 'plate', 'offence_date', 'notification_date', 'article', 'min_amount', 'max_amount', 'costs', 'accessory_sanction'] as const;

const INSTALMENTS: readonly Instalment[] = ['advance', 'balance', 'single'];
const SANCTIONS: readonly AccessorySanction[] = ['none', 'licence-suspension', 'confiscation'];

export interface DeadlineRecord {
  tax: TaxKind;
  year: number;
  instalment: Instalment;
  dueDate: string;
}

export function checkDeadline(values: Record<string, string>): Checked<DeadlineRecord> {
  const p = new Problems();
  const tax = values.tax?.toLowerCase();
  if (tax !== 'tari' && tax !== 'imu') p.add('tax', 'must be tari or imu');
  const year = checkYear(p, values.year);
  const instalment = values.instalment?.toLowerCase() as Instalment;
  if (!INSTALMENTS.includes(instalment)) p.add('instalment', `must be one of ${INSTALMENTS.join(', ')}`);
  const dueDate = p.date(values, 'due_date');
  // A due date far from its tax year is a typo (2062 for 2026), not a policy.
  if (dueDate && year !== null && Math.abs(Number(dueDate.slice(0, 4)) - year) > 1) p.add('due_date', `${dueDate} is not near the tax year ${year}`);
  return p.done(() => ({ tax: tax as TaxKind, year: year!, instalment, dueDate: dueDate! }));
}

export interface TaxRecord {
  ref: string;
  tax: TaxKind;
  fiscalCode: string;
  year: number;
  instalment: Instalment;
  amountCents: number;
  noticeNumber: string | null;
}

export function checkTaxRow(tax: TaxKind, values: Record<string, string>): Checked<TaxRecord> {
  const p = new Problems();
  const ref = values.ref ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,59}$/.test(ref)) p.add('ref', 'expected the position id (letters, digits, / _ . -; at most 60)');
  const fiscalCode = p.taxpayer(values);
  const year = checkYear(p, values.year);
  const instalment = values.instalment?.toLowerCase() as Instalment;
  if (!INSTALMENTS.includes(instalment)) p.add('instalment', `must be one of ${INSTALMENTS.join(', ')}`);
  const amountCents = p.money(values, 'amount');
  const noticeNumber = p.notice(values);
  return p.done(() => ({ ref, tax, fiscalCode: fiscalCode!, year: year!, instalment, amountCents: amountCents!, noticeNumber: noticeNumber! }));
}

export interface FineRecord {
  verbale: string;
  noticeNumber: string | null;
  fiscalCode: string;
  plate: string;
  offenceDate: string;
  notificationDate: string;
  article: string;
  minCents: number;
  maxCents: number;
  costsCents: number;
  accessorySanction: AccessorySanction;
}

export function checkFineRow(values: Record<string, string>, today: string): Checked<FineRecord> {
  const p = new Problems();
  const verbale = values.verbale ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,59}$/.test(verbale)) p.add('verbale', 'expected the verbale number (letters, digits, / _ . -; at most 60)');
  const noticeNumber = p.notice(values);
  const fiscalCode = p.taxpayer(values);
  const plate = normalisePlate(values.plate ?? '');
  if (!/^[A-Z0-9]{2,10}$/.test(plate)) p.add('plate', 'expected 2–10 letters and digits');
  const offenceDate = p.date(values, 'offence_date');
  const notificationDate = p.date(values, 'notification_date');
  if (offenceDate && notificationDate && notificationDate < offenceDate) p.add('notification_date', 'is before the offence');
  if (notificationDate && notificationDate > today) p.add('notification_date', 'is in the future');
  const article = values.article ?? '';
  if (article.length < 1 || article.length > 40) p.add('article', 'expected the Codice della Strada article, e.g. 142 c.8');
  const minCents = p.money(values, 'min_amount');
  const maxCents = p.money(values, 'max_amount');
  if (minCents !== null && maxCents !== null && maxCents < minCents) p.add('max_amount', 'is below the minimum');
  const costsCents = p.money(values, 'costs', { optional: true, positive: false });
  const accessorySanction = ((values.accessory_sanction ?? '') === '' ? 'none' : values.accessory_sanction!.toLowerCase()) as AccessorySanction;
  if (!SANCTIONS.includes(accessorySanction)) p.add('accessory_sanction', `must be one of ${SANCTIONS.join(', ')} (empty: none)`);
  return p.done(() => ({
    verbale,
    noticeNumber: noticeNumber!,
    fiscalCode: fiscalCode!,
    plate,
    offenceDate: offenceDate!,
    notificationDate: notificationDate!,
    article,
    minCents: minCents!,
    maxCents: maxCents!,
    costsCents: costsCents!,
    accessorySanction,
  }));
}

function checkYear(p: Problems, raw: string | undefined): number | null {
  if (!/^\d{4}$/.test(raw ?? '') || Number(raw) < 2000 || Number(raw) > 2100) {
    p.add('year', 'expected a year 2000–2100');
    return null;
  }
  return Number(raw);
}

