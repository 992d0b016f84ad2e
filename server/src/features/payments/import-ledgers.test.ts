import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { importLedgers } from './import-ledgers';
import { csv, fineRow, finesCsv, MARIO, taxRow, testNoticeNumber } from './ledgers.fixture';
import { DEADLINE_COLUMNS, TAX_COLUMNS } from './ledger-rows';
import { validateNoticeNumber } from './notice-number';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const count = async (table: string) => (await t.app.ctx.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const counts = async () => ({ notices: await count('payment_notices'), fines: await count('traffic_fines'), taxes: await count('tax_instalments'), deadlines: await count('tax_deadlines') });

describe('the demo ledgers', () => {
  it('are loaded with the demo city, each position with a notice that passes mod-93', async () => {
    const c = await counts();
    expect(c.fines).toBe(8);
    expect(c.taxes).toBe(22);
    expect(c.deadlines).toBe(10);
    const rows = await t.app.ctx.database.query<{ notice_number: string; source_kind: string; debtor_fiscal_code: string }>(
      `select notice_number, source_kind, debtor_fiscal_code from payment_notices where source_kind in ('tari', 'imu', 'fine')`,
    );
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      const parsed = validateNoticeNumber(r.notice_number);
      expect(parsed.valid, r.notice_number).toBe(true);
      if (parsed.valid) expect(parsed.auxDigit).toBe(3);
      expect(r.debtor_fiscal_code).toMatch(/^[A-Z0-9]{11,16}$/);
    }
  });
});

describe('importing ledgers', () => {
  it('rejects every bad row with its reason and loads nothing', async () => {
    const before = await counts();
    const existing = (await t.app.ctx.database.query<{ n: string }>(`select notice_number as n from payment_notices where source_kind = 'fine' limit 1`))[0]!.n;
    const good = fineRow();
    const badCheck = testNoticeNumber();
    const fines = finesCsv([
      good,
      { fiscal_code: 'RSSMRA80A01F205Y' }, // wrong check character
      { notice_number: badCheck.slice(0, 16) + String((Number(badCheck.slice(16)) + 1) % 93).padStart(2, '0') },
      { notification_date: '2026-02-30' },
      { offence_date: '2026-03-05', notification_date: '2026-03-02' },
      { min_amount: '-42.00' },
      { verbale: good.verbale }, // duplicate within the file
      { notice_number: existing }, // already registered
      { min_amount: '200.00', max_amount: '100.00' },
      { notification_date: '2099-01-01', offence_date: '2098-12-30' },
    ]);
    const tari = csv(TAX_COLUMNS, [taxRow({ year: '2031' }), taxRow({ amount: 'abc' }), taxRow({ fiscal_code: '01199250159' })]);
    const report = await t.app.ctx.transact((tx, emit) => importLedgers(tx, emit, t.app.ctx.city, { fines, tari }));
    const reasons = report.rejected.map((r) => `${r.file}:${r.line} ${r.reason}`);
    expect(reasons).toEqual([
      expect.stringMatching(/^ledgers\/fines.csv:3 fiscal_code: not a valid codice fiscale/),
      expect.stringMatching(/^ledgers\/fines.csv:4 notice_number: not a valid pagoPA notice number \(check-digits\)/),
      expect.stringMatching(/^ledgers\/fines.csv:5 notification_date: 2026-02-30 is not a real date/),
      expect.stringMatching(/^ledgers\/fines.csv:6 notification_date: is before the offence/),
      expect.stringMatching(/^ledgers\/fines.csv:7 min_amount: must not be negative/),
      expect.stringMatching(/^ledgers\/fines.csv:8 duplicate: verbale .* is already given in ledgers\/fines.csv line 2/),
      expect.stringMatching(/^ledgers\/fines.csv:9 duplicate: notice_number \d{18} is already registered/),
      expect.stringMatching(/^ledgers\/fines.csv:10 max_amount: is below the minimum/),
      expect.stringMatching(/^ledgers\/fines.csv:11 notification_date: is in the future/),
      expect.stringMatching(/^ledgers\/tari.csv:2 no due date for tari 2031 balance/),
      expect.stringMatching(/^ledgers\/tari.csv:3 amount: expected an amount in euro/),
      expect.stringMatching(/^ledgers\/tari.csv:4 fiscal_code: not a valid/),
    ]);
    expect(report.counts).toEqual({ taxDeadlines: 0, taxInstalments: 0, trafficFines: 0 });
    expect(await counts()).toEqual(before);
  });

  it('through the API: 422 with every rejected row and nothing written; then a clean file loads, issuing missing notice numbers', async () => {
    const admin = await signIn(t.app, 'admin');
    const before = await counts();
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/ledgers/import',
      headers: admin,
      payload: { taxDeadlines: csv(DEADLINE_COLUMNS, [{ tax: 'tari', year: '2027', instalment: 'advance', due_date: '2027-07-10' }]), fines: finesCsv([{}, { plate: '!' }]) },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'import.rows_rejected', rejected: [{ file: 'ledgers/fines.csv', line: 3, reason: expect.stringContaining('plate') }] });
    expect(await counts()).toEqual(before);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/payments/ledgers/import',
      headers: admin,
      payload: {
        taxDeadlines: csv(DEADLINE_COLUMNS, [{ tax: 'tari', year: '2027', instalment: 'advance', due_date: '2027-07-10' }]),
        tari: csv(TAX_COLUMNS, [taxRow({ year: '2027', instalment: 'advance', notice_number: '' })]),
        fines: finesCsv([{ notice_number: '' }, { fiscal_code: MARIO.toLowerCase(), plate: 'fg 123 ab' }]),
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().counts).toEqual({ taxDeadlines: 1, taxInstalments: 1, trafficFines: 2 });
    const issued = await t.app.ctx.database.query<{ notice_number: string }>(`select notice_number from payment_notices order by created_at desc limit 3`);
    for (const r of issued) expect(validateNoticeNumber(r.notice_number).valid).toBe(true);
    const stored = await t.app.ctx.database.query<{ plate: string; debtor_fiscal_code: string }>(`select plate, debtor_fiscal_code from traffic_fines where plate = 'FG123AB' and debtor_fiscal_code = $1`, [MARIO]);
    expect(stored.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a due date that contradicts one already loaded', async () => {
    const report = await t.app.ctx.transact((tx, emit) =>
      importLedgers(tx, emit, t.app.ctx.city, { taxDeadlines: csv(DEADLINE_COLUMNS, [{ tax: 'imu', year: '2026', instalment: 'balance', due_date: '2026-12-17' }]) }),
    );
    expect(report.rejected).toEqual([{ file: 'ledgers/tax-deadlines.csv', line: 2, reason: 'imu 2026 balance is already loaded with due date 2026-12-16' }]);
  });
});
