import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/error-codes';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { validateNoticeNumber } from './notice-number';
import { cancelNotice, findNotice, issueNotice, noticesFor } from './notices';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const issue = (amountCents = 1600, id = 'req-1') =>
  t.app.ctx.transact((tx, emit) =>
    issueNotice(tx, emit, t.app.ctx.city, {
      amountCents,
      dueDate: '2026-12-31',
      description: 'Imposta di bollo certificato',
      debtor: { fiscalCode: 'RSSMRA85T10A562S', name: 'Mario Rossi' },
      source: { kind: 'certificate-request', id },
    }),
  );

describe('issuing pagoPA notices', () => {
  it('issues distinct aux-3 notices whose check digits pass and whose QR code pays the city', async () => {
    const notices = [];
    for (let i = 0; i < 20; i++) notices.push(await issue(1600 + i, `req-${i}`));
    expect(new Set(notices.map((n) => n.noticeNumber)).size).toBe(20);
    for (const n of notices) {
      const parsed = validateNoticeNumber(n.noticeNumber);
      expect(parsed).toMatchObject({ valid: true, auxDigit: 3, segregationCode: '01' });
      expect(n.qrCode).toBe(`PAGOPA|002|${n.noticeNumber}|01199250158|${n.amountCents}`);
      expect(n.paymentId).toBe(`01199250158${n.noticeNumber}`);
    }
  });

  it('writes the notice with its event in the caller transaction, and nothing when it rolls back', async () => {
    await expect(
      t.app.ctx.transact(async (tx, emit) => {
        await issueNotice(tx, emit, t.app.ctx.city, { amountCents: 500, description: 'x', source: { kind: 'area-c-ticket', id: 'rolled-back' } });
        throw new Error('the fee could not be recorded');
      }),
    ).rejects.toThrow();
    expect(await noticesFor(t.app.ctx.db, { kind: 'area-c-ticket', id: 'rolled-back' })).toEqual([]);
  });

  it('refuses a non-positive amount', async () => {
    await expect(issue(0)).rejects.toThrow(RangeError);
  });

  it('cancels an unpaid notice once; a second cancel is a 409 code', async () => {
    const n = await issue(1600, 'to-cancel');
    const cancelled = await t.app.ctx.transact((tx, emit) => cancelNotice(tx, emit, n.id));
    expect(cancelled.status).toBe('cancelled');
    const again = t.app.ctx.transact((tx, emit) => cancelNotice(tx, emit, n.id));
    await expect(again).rejects.toBeInstanceOf(AppError);
    await expect(again).rejects.toMatchObject({ code: 'payments.notice_not_payable' });
  });

  it('shows a known notice publicly with amount, due date and status but never the debtor', async () => {
    const n = await issue(1600, 'public-view');
    expect((await findNotice(t.app.ctx.db, n.formatted))?.id).toBe(n.id);
    const res = await t.app.inject({ url: `/api/v1/payments/notices/${n.noticeNumber}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      known: true,
      amount: { amount: 1600, currency: 'EUR' },
      dueDate: '2026-12-31',
      status: 'unpaid',
      description: 'Imposta di bollo certificato',
    });
    expect(res.body).not.toContain('Rossi');
    expect(res.body).not.toContain('RSSMRA85T10A562S');
  });
});
