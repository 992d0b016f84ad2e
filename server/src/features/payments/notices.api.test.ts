import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { buildNoticeNumber } from './notice-number';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (n: string) => t.app.inject({ url: `/api/v1/payments/notices/${encodeURIComponent(n)}` });

describe('GET /api/v1/payments/notices/:noticeNumber', () => {
  it('accepts a current-form notice, printed with spaces too, and gives the payment id', async () => {
    const notice = buildNoticeNumber({ segregationCode: '01', iuvBase: '2345678901234' });
    for (const input of [notice, notice.replace(/(\d{4})/g, '$1 ').trim()]) {
      const res = await get(input);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        valid: true,
        noticeNumber: notice,
        auxDigit: 3,
        segregationCode: '01',
        creditorFiscalCode: '01199250158',
        paymentId: `01199250158${notice}`,
        known: false,
      });
    }
  });

  it('rejects wrong check digits, wrong length and letters with a reason', async () => {
    const notice = buildNoticeNumber({ segregationCode: '01', iuvBase: '2345678901234' });
    const wrongCheck = notice.slice(0, 16) + String((Number(notice.slice(16)) + 1) % 93).padStart(2, '0');
    expect((await get(wrongCheck)).json()).toEqual({ valid: false, reason: 'check-digits' });
    expect((await get('3012345')).json()).toEqual({ valid: false, reason: 'length' });
    expect((await get('30123456789012345A')).json()).toEqual({ valid: false, reason: 'characters' });
  });

  it('recognises a legacy aux-digit-1 notice (17-digit IUV, no check digits)', async () => {
    expect((await get('112345678901234567')).json()).toMatchObject({ valid: true, auxDigit: 1, iuv: '12345678901234567' });
  });
});
