import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { finesCsv, fineRow, loadLedgers, TEST_SECRET } from './ledgers.fixture';
import { issueNotice } from './notices';
import { markNoticePaid } from './receipts';
import { SIGNATURE_HEADER, signReceipt, verifyReceiptSignature } from './webhook-signature';

let t: TestApp;
const fine = fineRow(); // min €173 + €13.10 costs, notified 2 March 2026: reduced (€134.20) until 7 March
beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { PAGOPA_WEBHOOK_SECRET: TEST_SECRET } });
  await loadLedgers(t, { fines: finesCsv([fine]) });
});
afterAll(() => t.close());

const receipt = (over: Record<string, unknown> = {}) => ({
  receiptId: `rt-${Math.random().toString(36).slice(2, 12)}`,
  noticeNumber: fine.notice_number,
  fiscalCode: '01199250158',
  outcome: 'OK',
  paymentAmount: 13_420,
  paymentDateTime: '2026-03-07T23:30:00+01:00',
  idPSP: 'BCITITMM',
  PSPCompanyName: 'Intesa Sanpaolo',
  ...over,
});

function send(body: unknown, options: { secret?: string; at?: number; signature?: string | null } = {}) {
  const raw = JSON.stringify(body);
  const at = options.at ?? Math.floor(Date.now() / 1000);
  const signature = options.signature === undefined ? signReceipt(options.secret ?? TEST_SECRET, raw, at) : options.signature;
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/payments/receipts',
    payload: raw,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { [SIGNATURE_HEADER]: signature }) },
  });
}

const noticeState = async (n: string) =>
  (await t.app.ctx.database.query<{ status: string; paid_amount_cents: number | null }>(`select status, paid_amount_cents from payment_notices where notice_number = $1`, [n]))[0]!;
const receivedEvents = async () => (await t.app.ctx.database.query<{ n: number }>(`select count(*)::int as n from outbox_events where name = 'payment.received'`))[0]!.n;

describe('the signature', () => {
  it('is verified in constant form: right secret and fresh timestamp only', () => {
    const now = 1_780_000_000_000;
    const header = signReceipt('s'.repeat(32), '{"a":1}', now / 1000);
    expect(verifyReceiptSignature('s'.repeat(32), '{"a":1}', header, now, 300)).toEqual({ ok: true });
    expect(verifyReceiptSignature('s'.repeat(32), '{"a":2}', header, now, 300)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyReceiptSignature('x'.repeat(32), '{"a":1}', header, now, 300)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyReceiptSignature('s'.repeat(32), '{"a":1}', header, now + 301_000, 300)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyReceiptSignature('s'.repeat(32), '{"a":1}', 't=1,v1=zz', now, 300)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyReceiptSignature('s'.repeat(32), '{"a":1}', undefined, now, 300)).toEqual({ ok: false, reason: 'missing' });
  });

  it('refuses unsigned, wrongly signed and old (replayed) deliveries with 401, changing nothing', async () => {
    const body = receipt();
    for (const [options, code] of [
      [{ signature: null }, 'payments.signature_invalid'],
      [{ secret: 'another-secret-of-at-least-32-chars!!' }, 'payments.signature_invalid'],
      [{ at: Math.floor(Date.now() / 1000) - 3600 }, 'payments.signature_expired'],
    ] as const) {
      const res = await send(body, options);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe(code);
    }
    expect((await noticeState(fine.notice_number)).status).toBe('unpaid');
    // Unsigned callers learn nothing about the body's shape either.
    expect((await send({ nonsense: true }, { signature: null })).statusCode).toBe(401);
  });
});

describe('POST /api/v1/payments/receipts', () => {
  it('refuses a wrong amount (the reduced amount has expired) and an unknown notice, changing nothing', async () => {
    const late = await send(receipt({ paymentDateTime: '2026-03-08T00:10:00+01:00' })); // day 6: the minimum is due
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({ code: 'payments.amount_mismatch', detail: expect.stringContaining('18610') });
    const unknown = await send(receipt({ noticeNumber: '301777777777777777' }));
    expect(unknown.statusCode).toBe(404);
    const otherCreditor = await send(receipt({ fiscalCode: '01234567897' }));
    expect(otherCreditor.statusCode).toBe(422);
    expect((await send(receipt({ paymentAmount: -5 }))).statusCode).toBe(422);
    expect(await noticeState(fine.notice_number)).toEqual({ status: 'unpaid', paid_amount_cents: null });
    expect((await t.app.ctx.database.query(`select 1 from payment_receipts`)).length).toBe(0);
  });

  it('books a good receipt once: the same receipt again gets the same answer, another receipt a 409', async () => {
    const eventsBefore = await receivedEvents();
    const body = receipt();
    const first = await send(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ receiptId: body.receiptId, noticeNumber: fine.notice_number, status: 'paid', amount: { amount: 13_420, currency: 'EUR' }, paidAt: '2026-03-07T22:30:00.000Z', sourceKind: 'fine' });
    expect(await noticeState(fine.notice_number)).toEqual({ status: 'paid', paid_amount_cents: 13_420 });
    expect(await receivedEvents()).toBe(eventsBefore + 1);

    const again = await send(body); // a retry, freshly signed
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await receivedEvents()).toBe(eventsBefore + 1);

    const reused = await send({ ...body, paymentAmount: 18_610 });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('payments.receipt_conflict');
    const second = await send(receipt());
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('payments.notice_not_payable');
    expect((await t.app.ctx.database.query(`select 1 from payment_receipts where notice_number = $1`, [fine.notice_number])).length).toBe(1);
  });

  it('books concurrent deliveries of one receipt once', async () => {
    const other = fineRow();
    await loadLedgers(t, { fines: finesCsv([other]) });
    const eventsBefore = await receivedEvents();
    const body = receipt({ noticeNumber: other.notice_number });
    const answers = await Promise.all([send(body), send(body), send(body)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await receivedEvents()).toBe(eventsBefore + 1);
  });

  it('records a failed payment (KO) without touching the notice', async () => {
    const other = fineRow();
    await loadLedgers(t, { fines: finesCsv([other]) });
    const res = await send(receipt({ noticeNumber: other.notice_number, outcome: 'KO', paymentAmount: 1 }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'not-paid', paidAt: null });
    expect((await noticeState(other.notice_number)).status).toBe('unpaid');
  });

  it('pays a notice issued by another feature at its own amount', async () => {
    const notice = await t.app.ctx.transact((tx, emit) =>
      issueNotice(tx, emit, t.app.ctx.city, { amountCents: 1_600, description: 'Imposta di bollo', source: { kind: 'certificate-request', id: 'req-42' } }),
    );
    const res = await send(receipt({ noticeNumber: notice.noticeNumber, paymentAmount: 1_600 }));
    expect(res.json()).toMatchObject({ status: 'paid', sourceKind: 'certificate-request' });
  });

  it('is refused when no secret is configured', async () => {
    const bare = await createTestApp();
    try {
      const raw = JSON.stringify(receipt());
      const res = await bare.app.inject({ method: 'POST', url: '/api/v1/payments/receipts', payload: raw, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signReceipt(TEST_SECRET, raw, Math.floor(Date.now() / 1000)) } });
      expect(res.statusCode).toBe(503);
    } finally {
      await bare.close();
    }
  });
});

describe('markNoticePaid', () => {
  it('marks an unpaid notice paid once and emits payment.received', async () => {
    const notice = await t.app.ctx.transact((tx, emit) =>
      issueNotice(tx, emit, t.app.ctx.city, { amountCents: 750, description: 'Area C', source: { kind: 'area-c-ticket', id: 't-1' } }),
    );
    const before = await receivedEvents();
    const paid = await t.app.ctx.transact((tx, emit) => markNoticePaid(tx, emit, { noticeId: notice.id }));
    expect(paid).toMatchObject({ status: 'paid', amountCents: 750 });
    expect(await receivedEvents()).toBe(before + 1);
    await expect(t.app.ctx.transact((tx, emit) => markNoticePaid(tx, emit, { noticeId: notice.id }))).rejects.toMatchObject({ code: 'payments.notice_not_payable' });
  });
});
