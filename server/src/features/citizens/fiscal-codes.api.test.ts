import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { omocodeVariants } from './fiscal-code';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (code: string) => t.app.inject({ url: `/api/v1/fiscal-codes/${encodeURIComponent(code)}` });

describe('GET /api/v1/fiscal-codes/:code', () => {
  it('decodes a valid code, in lower case too', async () => {
    for (const code of ['RSSMRA80A01F205X', 'rssmra80a01f205x']) {
      const res = await get(code);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ valid: true, code: 'RSSMRA80A01F205X', birthDate: '1980-01-01', sex: 'M', placeCode: 'F205' });
    }
  });

  it('accepts every omocode variant and decodes it to the same person', async () => {
    for (const variant of omocodeVariants('RSSMRA80A01F205X')) {
      const body = (await get(variant)).json();
      expect(body).toMatchObject({ valid: true, code: variant, birthDate: '1980-01-01', placeCode: 'F205', omocode: true });
    }
  });

  it('says why a code is invalid, with 200 and valid:false', async () => {
    const cases: [string, string][] = [
      ['RSSMRA80A01F205Y', 'check-character'],
      ['RSSMRA80A01F205', 'length'],
      ['RSSMRA80Z01F205X', 'month'],
      ['RSSMRA80A32F205X', 'day'],
      ['RSSMRA8!A01F205X', 'characters'],
    ];
    for (const [code, reason] of cases) {
      const res = await get(code);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ valid: false, reason });
    }
  });
});
