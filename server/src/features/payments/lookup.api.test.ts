import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { csv, fineRow, finesCsv, GIULIA, loadLedgers, MARIO, taxRow } from './ledgers.fixture';
import { TAX_COLUMNS } from './ledger-rows';
import { fineAmountDue } from './lookup';

let t: TestApp;
const fine = fineRow(); // notified Monday 2 March 2026: reduced until Sat 7 March, minimum until Sat 2 May
const suspended = fineRow({ accessory_sanction: 'licence-suspension', min_amount: '543.00', max_amount: '2170.00', plate: 'GB654IL' });
const imu = taxRow({ year: '2026', instalment: 'balance', amount: '480.00' });
const beforeAmbrogio = fineRow({ notification_date: '2026-12-02', offence_date: '2026-11-30' }); // day 5 = 7 December
const imu2024 = taxRow({ year: '2024', instalment: 'advance', amount: '100.00' }); // 16 June 2024, a Sunday
beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { PAYMENT_LOOKUP_RATE_LIMIT_PER_MINUTE: '1000' } });
  await loadLedgers(t, { fines: finesCsv([fine, suspended, beforeAmbrogio]), imu: csv(TAX_COLUMNS, [imu, imu2024]) });
});
afterAll(() => t.close());

const lookup = (query: Record<string, string>) => t.app.inject({ url: `/api/v1/payments/lookup?${new URLSearchParams(query)}` });

describe('GET /api/v1/payments/lookup', () => {
  it('finds a fine by notice number and plate, with the amount due on the date and the next deadline', async () => {
    const res = await lookup({ notice: fine.notice_number, plate: 'fg-123 ab', date: '2026-03-04' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'fine',
      status: 'unpaid',
      on: '2026-03-04',
      due: { amount: { amount: 12_110 + 1_310, currency: 'EUR' }, phase: 'reduced', nextDeadline: '2026-03-07', breakdown: { sanction: { amount: 12_110 }, costs: { amount: 1_310 }, reduction: { amount: 5_190 } } },
      fine: { verbale: fine.verbale, article: '142 c.8', reductionApplies: true },
    });
    // The citizen typed the plate: it is not echoed, nor the debtor's fiscal code.
    expect(res.body).not.toContain('FG123AB');
    expect(res.body).not.toContain(MARIO);
    const later = await lookup({ notice: fine.notice_number, fiscalCode: MARIO.toLowerCase(), date: '2026-05-04' });
    expect(later.json().due).toMatchObject({ phase: 'half-maximum', amount: { amount: 34_700 + 1_310 }, nextDeadline: null });
  });

  it('never reduces a fine that carries licence suspension', async () => {
    const res = await lookup({ notice: suspended.notice_number, plate: suspended.plate, date: '2026-03-03' });
    expect(res.json()).toMatchObject({ due: { phase: 'minimum', amount: { amount: 54_300 + 1_310 } }, fine: { reductionApplies: false, accessorySanction: 'licence-suspension' } });
  });

  it('finds a tax instalment by fiscal code, with the late penalty after the due date', async () => {
    const onTime = await lookup({ notice: imu.notice_number, fiscalCode: GIULIA, date: '2026-12-16' });
    expect(onTime.json()).toMatchObject({ kind: 'imu', due: { phase: 'on-time', amount: { amount: 48_000 }, dueDate: '2026-12-16' }, tax: { year: 2026, instalment: 'balance' } });
    const late = await lookup({ notice: imu.notice_number, fiscalCode: GIULIA, date: '2027-01-15' });
    expect(late.json().due).toMatchObject({ phase: 'late-reduced-penalty', amount: { amount: 54_000 }, breakdown: { penalty: { amount: 6_000 }, penaltyRatePercent: 12.5 }, daysLate: 30 });
  });

  it('moves deadlines with the city’s own holiday calendar (7–8 December, a Sunday)', async () => {
    const fineDue = await lookup({ notice: beforeAmbrogio.notice_number, plate: beforeAmbrogio.plate, date: '2026-12-09' });
    expect(fineDue.json().due).toMatchObject({ phase: 'reduced', nextDeadline: '2026-12-09' });
    expect((await lookup({ notice: beforeAmbrogio.notice_number, plate: beforeAmbrogio.plate, date: '2026-12-10' })).json().due.phase).toBe('minimum');
    const taxDue = await lookup({ notice: imu2024.notice_number, fiscalCode: GIULIA, date: '2024-06-17' });
    expect(taxDue.json().due).toMatchObject({ phase: 'on-time', dueDate: '2024-06-17' });
  });

  it('answers a wrong second factor exactly like an unknown notice (no oracle)', async () => {
    const strip = (body: string) => JSON.parse(body, (k, v) => (k === 'instance' ? undefined : v));
    const answers = await Promise.all([
      lookup({ notice: fine.notice_number, plate: 'ZZ999ZZ' }),
      lookup({ notice: fine.notice_number, fiscalCode: GIULIA }),
      lookup({ notice: imu.notice_number, plate: 'FG123AB' }), // a plate never opens a tax
      lookup({ notice: '301777777777777777', fiscalCode: MARIO }),
      lookup({ notice: '123', fiscalCode: MARIO }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(strip(res.body)).toEqual(strip(answers[0]!.body));
    }
    expect(answers[0]!.json().code).toBe('payments.position_not_found');
  });

  it('asks for exactly one second factor', async () => {
    expect((await lookup({ notice: fine.notice_number })).statusCode).toBe(400);
    expect((await lookup({ notice: fine.notice_number, plate: 'FG123AB', fiscalCode: MARIO })).statusCode).toBe(400);
    expect((await lookup({ notice: fine.notice_number, plate: 'FG123AB', date: '2026-02-30' })).statusCode).toBe(400);
  });

  it('has a strict rate limit of its own', async () => {
    const strict = await createTestApp({ env: { PAYMENT_LOOKUP_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await strict.app.inject({ url: `/api/v1/payments/lookup?notice=301777777777777777&plate=AB123CD` })).statusCode);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('GET /api/v1/payments/notices/:n for a fine', () => {
  it('shows the amount due today, and no personal data', async () => {
    const res = await t.app.inject({ url: `/api/v1/payments/notices/${fine.notice_number}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ known: true, amount: { amount: 17_300 + 1_310 }, amountDue: { phase: expect.any(String), amount: { currency: 'EUR' } } });
    expect([12_110, 17_300, 34_700].map((c) => c + 1_310)).toContain(body.amountDue.amount.amount);
    expect(res.body).not.toContain(MARIO);
    expect(res.body).not.toContain('FG123AB');
  });
});

describe('GET /api/v1/payments/positions (staff)', () => {
  it('lists a taxpayer’s positions with the debtor data and writes an audit entry', async () => {
    const agent = await signIn(t.app, 'agent');
    const res = await t.app.inject({ url: `/api/v1/payments/positions?fiscalCode=${MARIO.toLowerCase()}&date=2026-03-03`, headers: agent });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.fiscalCode).toBe(MARIO);
    const kinds = body.positions.map((p: { kind: string }) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['fine', 'tari', 'imu']));
    expect(body.positions.find((p: { noticeNumber: string }) => p.noticeNumber === fine.notice_number)).toMatchObject({ debtorFiscalCode: MARIO, fine: { plate: 'FG123AB' }, qrCode: expect.stringMatching(/^PAGOPA\|002\|/) });
    const audit = await t.app.ctx.database.query<{ actor_name: string; subject_kind: string; subject_id: string }>(`select actor_name, subject_kind, subject_id from audit_log where subject_kind = 'taxpayer'`);
    expect(audit).toEqual([{ actor_name: 'agent', subject_kind: 'taxpayer', subject_id: MARIO }]);
  });

  it('refuses an invalid fiscal code with 400', async () => {
    const agent = await signIn(t.app, 'agent');
    expect((await t.app.inject({ url: '/api/v1/payments/positions?fiscalCode=RSSMRA80A01F205Y', headers: agent })).statusCode).toBe(400);
  });
});

describe('fineAmountDue (self-service)', () => {
  it('answers in every language with the amount and the deadline', async () => {
    for (const lang of t.app.ctx.city.languages) {
      const answer = await fineAmountDue(t.app.ctx, { noticeNumber: fine.notice_number, plate: 'FG123AB', lang, on: '2026-03-04' });
      expect(answer.due?.amountCents, lang).toBe(13_420);
      expect(answer.text, lang).toContain(fine.verbale);
      expect(answer.text, lang).not.toMatch(/\{\w+\}/);
    }
    const it = await fineAmountDue(t.app.ctx, { noticeNumber: fine.notice_number, fiscalCode: MARIO, lang: 'it', on: '2026-03-04' });
    expect(it.text.replace(/\u00a0/g, ' ')).toBe(`Verbale ${fine.verbale}: 134,20 € se paghi entro il 7 marzo 2026 (riduzione del 30% sul minimo). Dopo, 186,10 €.`);
  });

  it('says nothing about a notice when the plate is wrong', async () => {
    const answer = await fineAmountDue(t.app.ctx, { noticeNumber: fine.notice_number, plate: 'XX000XX', lang: 'en' });
    expect(answer).toEqual({ due: null, text: expect.stringContaining('We found no fine') });
  });
});
