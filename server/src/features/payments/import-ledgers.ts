/**
 * Loads the city's ledgers: tax due dates, TARI and IMU instalments, traffic fines, each position
 * with its pagoPA notice in `payment_notices`. Every row is checked first (ledger-rows.ts), then
 * against the batch and the database for duplicates (position id, verbale, notice number); with
 * one rejected row nothing is written and the caller's transaction is aborted with the full list.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { loadCityProfile, type CityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { instantToLocal } from '../directory';
import { plusDays } from './amount-due';
import {
  checkDeadline,
  checkFineRow,
  checkTaxRow,
  DEADLINE_COLUMNS,
  FINE_COLUMNS,
  TAX_COLUMNS,
  type DeadlineRecord,
  type FineRecord,
  type TaxRecord,
} from './ledger-rows';
import { readCsv } from '../../platform/csv';
import { issueNotice, registerNotice } from './notices';
import { paymentNotices, taxDeadlines, taxInstalments, trafficFines, type TaxKind } from './tables';

/** CSV texts of one import; any may be missing. */
export interface LedgerFiles {
  taxDeadlines?: string | undefined;
  tari?: string | undefined;
  imu?: string | undefined;
  fines?: string | undefined;
}

export const LEDGER_FILES = { taxDeadlines: 'tax-deadlines.csv', tari: 'tari.csv', imu: 'imu.csv', fines: 'fines.csv' } as const;
const LEDGER_DIR = 'ledgers';

/** The ledger files of a city folder (`<city>/ledgers/*.csv`); a city may have none. */
export function readLedgerFiles(cityDir: string): LedgerFiles {
  const files: LedgerFiles = {};
  for (const [key, name] of Object.entries(LEDGER_FILES) as [keyof LedgerFiles, string][]) {
    const path = join(cityDir, LEDGER_DIR, name);
    if (existsSync(path)) files[key] = readFileSync(path, 'utf8');
  }
  return files;
}

interface Located<T> {
  file: string;
  line: number;
  record: T;
}

const INSTALMENT_NAMES = { advance: 'acconto', balance: 'saldo', single: 'rata unica' } as const;
const deadlineKey = (d: { tax: string; year: number; instalment: string }) => `${d.tax} ${d.year} ${d.instalment}`;

export async function importLedgers(tx: Db, emit: Emit, city: CityProfile, files: LedgerFiles, now = Date.now()): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const today = instantToLocal(now, city.timezone).date;
  const path = (name: string) => `${LEDGER_DIR}/${name}`;

  const rowsOf = <T>(text: string | undefined, name: string, columns: readonly string[], check: (v: Record<string, string>) => { ok: true; value: T } | { ok: false; reasons: string[] }) => {
    if (text === undefined) return [];
    const file = path(name);
    const read = readCsv(text, file, columns);
    rejected.push(...read.rejected);
    const out: Located<T>[] = [];
    for (const row of read.rows) {
      const checked = check(row.values);
      if (checked.ok) out.push({ file, line: row.line, record: checked.value });
      else rejected.push({ file, line: row.line, reason: checked.reasons.join('; ') });
    }
    return out;
  };
  const deadlines = rowsOf(files.taxDeadlines, LEDGER_FILES.taxDeadlines, DEADLINE_COLUMNS, checkDeadline);
  const taxes = [
    ...rowsOf(files.tari, LEDGER_FILES.tari, TAX_COLUMNS, (v) => checkTaxRow('tari', v)),
    ...rowsOf(files.imu, LEDGER_FILES.imu, TAX_COLUMNS, (v) => checkTaxRow('imu', v)),
  ];
  const fines = rowsOf(files.fines, LEDGER_FILES.fines, FINE_COLUMNS, (v) => checkFineRow(v, today));

  // Due dates: one per tax, year and instalment; a date already loaded may be repeated, not changed.
  const known = new Map((await tx.select().from(taxDeadlines)).map((d) => [deadlineKey(d), d.dueDate]));
  const newDeadlines: DeadlineRecord[] = [];
  const seenDeadlines = new Map<string, number>();
  for (const { file, line, record } of deadlines) {
    const key = deadlineKey(record);
    const reject = (reason: string) => rejected.push({ file, line, reason });
    if (seenDeadlines.has(key)) reject(`duplicate: ${key} is already given on line ${seenDeadlines.get(key)}`);
    else if (known.has(key) && known.get(key) !== record.dueDate) reject(`${key} is already loaded with due date ${known.get(key)}`);
    seenDeadlines.set(key, line);
    if (!known.has(key)) {
      known.set(key, record.dueDate);
      newDeadlines.push(record);
    }
  }

  // Duplicates within the batch: one rejection per repeated key, naming the first line.
  const firstSeen = new Map<string, string>();
  const duplicate = (key: string, where: string): string | null => {
    const first = firstSeen.get(key);
    if (first) return first;
    firstSeen.set(key, where);
    return null;
  };
  const checkUnique = (item: Located<{ noticeNumber: string | null }>, key: string, label: string) => {
    const where = `${item.file} line ${item.line}`;
    const reasons: string[] = [];
    const first = duplicate(`position ${key}`, where);
    if (first) reasons.push(`duplicate: ${label} is already given in ${first}`);
    if (item.record.noticeNumber) {
      const firstNotice = duplicate(`notice ${item.record.noticeNumber}`, where);
      if (firstNotice) reasons.push(`duplicate: notice_number ${item.record.noticeNumber} is already given in ${firstNotice}`);
    }
    return reasons;
  };
  const goodTaxes: Located<TaxRecord>[] = [];
  for (const item of taxes) {
    const reasons = checkUnique(item, `ref ${item.record.ref}`, `ref ${item.record.ref}`);
    if (!known.has(deadlineKey(item.record))) reasons.push(`no due date for ${deadlineKey(item.record)} (add it to ${LEDGER_FILES.taxDeadlines})`);
    if (reasons.length) rejected.push({ file: item.file, line: item.line, reason: reasons.join('; ') });
    else goodTaxes.push(item);
  }
  const goodFines: Located<FineRecord>[] = [];
  for (const item of fines) {
    const reasons = checkUnique(item, `verbale ${item.record.verbale}`, `verbale ${item.record.verbale}`);
    if (reasons.length) rejected.push({ file: item.file, line: item.line, reason: reasons.join('; ') });
    else goodFines.push(item);
  }

  // Duplicates of what is already loaded.
  const numbers = [...goodTaxes, ...goodFines].map((i) => i.record.noticeNumber).filter((n): n is string => n !== null);
  const taken = new Set(numbers.length ? (await tx.select({ n: paymentNotices.noticeNumber }).from(paymentNotices).where(inArray(paymentNotices.noticeNumber, numbers))).map((r) => r.n) : []);
  const refs = goodTaxes.map((i) => i.record.ref);
  const takenRefs = new Set(refs.length ? (await tx.select({ r: taxInstalments.ref }).from(taxInstalments).where(inArray(taxInstalments.ref, refs))).map((r) => r.r) : []);
  const verbali = goodFines.map((i) => i.record.verbale);
  const takenVerbali = new Set(verbali.length ? (await tx.select({ v: trafficFines.verbale }).from(trafficFines).where(inArray(trafficFines.verbale, verbali))).map((r) => r.v) : []);
  for (const item of [...goodTaxes, ...goodFines]) {
    const reasons: string[] = [];
    if (item.record.noticeNumber && taken.has(item.record.noticeNumber)) reasons.push(`duplicate: notice_number ${item.record.noticeNumber} is already registered`);
    if ('ref' in item.record && takenRefs.has(item.record.ref)) reasons.push(`duplicate: ref ${item.record.ref} is already loaded`);
    if ('verbale' in item.record && takenVerbali.has(item.record.verbale)) reasons.push(`duplicate: verbale ${item.record.verbale} is already loaded`);
    if (reasons.length) rejected.push({ file: item.file, line: item.line, reason: reasons.join('; ') });
  }

  const counts = { taxDeadlines: 0, taxInstalments: 0, trafficFines: 0 };
  if (rejected.length) {
    rejected.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    return { counts, rejected };
  }

  if (newDeadlines.length) await tx.insert(taxDeadlines).values(newDeadlines);
  counts.taxDeadlines = newDeadlines.length;
  const notice = (noticeNumber: string | null, input: Parameters<typeof issueNotice>[3]) =>
    noticeNumber ? registerNotice(tx, emit, city, noticeNumber, input) : issueNotice(tx, emit, city, input);

  for (const { record } of goodTaxes) {
    const id = randomUUID();
    const issued = await notice(record.noticeNumber, {
      amountCents: record.amountCents,
      dueDate: known.get(deadlineKey(record))!,
      description: `${taxLabel(record.tax)} ${record.year} - ${INSTALMENT_NAMES[record.instalment]}`,
      debtor: { fiscalCode: record.fiscalCode },
      source: { kind: record.tax, id },
    });
    await tx.insert(taxInstalments).values({ id, ref: record.ref, tax: record.tax, year: record.year, instalment: record.instalment, debtorFiscalCode: record.fiscalCode, amountCents: record.amountCents, noticeId: issued.id });
  }
  counts.taxInstalments = goodTaxes.length;

  for (const { record } of goodFines) {
    const id = randomUUID();
    const issued = await notice(record.noticeNumber, {
      // The printed amount is the minimum with costs, payable within 60 days; what is due on a
      // given day is computed (amount-due.ts) and checked again when the receipt arrives.
      amountCents: record.minCents + record.costsCents,
      dueDate: plusDays(record.notificationDate, 60),
      description: `Verbale ${record.verbale} - CdS art. ${record.article}`,
      debtor: { fiscalCode: record.fiscalCode },
      source: { kind: 'fine', id },
    });
    const { noticeNumber: _n, fiscalCode, ...facts } = record;
    await tx.insert(trafficFines).values({ id, ...facts, debtorFiscalCode: fiscalCode, noticeId: issued.id });
  }
  counts.trafficFines = goodFines.length;
  return { counts, rejected };
}

const taxLabel = (tax: TaxKind) => (tax === 'tari' ? 'TARI' : 'IMU');

/** The ledgers of a city folder, for the city loader (`city-data`) and `npm run cli -- import`. */
export async function importCityLedgers(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  return importLedgers(tx, emit, loadCityProfile(cityDir), readLedgerFiles(cityDir));
}
