/** Test factories: small ledgers with fixed dates, imported through the real importer. */
import type { TestApp } from '../../../test/test-app';
import { assertNothingRejected } from '../../platform/import-report';
import { FINE_COLUMNS, TAX_COLUMNS } from './ledger-rows';
import { importLedgers, type LedgerFiles } from './import-ledgers';
import { buildNoticeNumber } from './notice-number';

let counter = 0;
/** A fresh, valid aux-3 notice number in a range the demo data and the sequence never use. */
export function testNoticeNumber(): string {
  counter += 1;
  const base = `77${String(process.pid % 100000).padStart(5, '0')}${String(counter).padStart(6, '0')}`;
  return buildNoticeNumber({ segregationCode: '01', iuvBase: base });
}

export const TEST_SECRET = 'test-webhook-secret-0123456789abcdef';
export const MARIO = 'RSSMRA80A01F205X';
export const GIULIA = 'BNCGLI75H63F205H';

export interface FineRow {
  verbale: string;
  notice_number: string;
  fiscal_code: string;
  plate: string;
  offence_date: string;
  notification_date: string;
  article: string;
  min_amount: string;
  max_amount: string;
  costs: string;
  accessory_sanction: string;
}

export function fineRow(over: Partial<FineRow> = {}): FineRow {
  return {
    verbale: `T/${Math.random().toString(36).slice(2, 10)}`,
    notice_number: testNoticeNumber(),
    fiscal_code: MARIO,
    plate: 'FG123AB',
    offence_date: '2026-02-27',
    notification_date: '2026-03-02',
    article: '142 c.8',
    min_amount: '173.00',
    max_amount: '694.00',
    costs: '13.10',
    accessory_sanction: 'none',
    ...over,
  };
}

export function taxRow(over: Partial<Record<(typeof TAX_COLUMNS)[number], string>> = {}) {
  return { ref: `T-${Math.random().toString(36).slice(2, 10)}`, fiscal_code: GIULIA, year: '2026', instalment: 'balance', amount: '480.00', notice_number: testNoticeNumber(), ...over };
}

export function csv(columns: readonly string[], rows: Record<string, string>[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => r[c] ?? '').join(','))].join('\n') + '\n';
}

export const finesCsv = (rows: Partial<FineRow>[]) => csv(FINE_COLUMNS, rows.map((r) => fineRow(r) as unknown as Record<string, string>));

/** Imports ledger files through the importer, failing the test on any rejection. */
export async function loadLedgers(t: TestApp, files: LedgerFiles) {
  const ctx = t.app.ctx;
  return ctx.transact(async (tx, emit) => {
    const report = await importLedgers(tx, emit, ctx.city, files);
    assertNothingRejected(report);
    return report;
  });
}
