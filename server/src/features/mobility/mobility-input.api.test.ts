import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';

// The public mobility endpoints, fed hostile and random input, answer 4xx problem documents or 200,
// never 500, and write nothing for a refused ticket.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const hostile = ["'; drop table area_c_tickets; --", '\u0000', 'a'.repeat(5000), '💥', '1e309', '-1', '9999-12-31', '0000-01-01', '2026-02-30', '25:61', ' '];
const expectClean = (res: { statusCode: number; headers: Record<string, unknown> }, what: string) => {
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) expect(String(res.headers['content-type']), what).toContain('application/problem+json');
};
const vehicle = { kind: 'car', fuel: 'diesel', euro: 6 };

describe('public mobility endpoints under hostile input', () => {
  it('never answer 500 to hostile field values', async () => {
    for (const value of hostile) {
      for (const payload of [
        { scheme: 'area-c', date: value, vehicle },
        { scheme: value, date: '2026-12-09', vehicle },
        { scheme: 'area-c', date: '2026-12-09', time: value, vehicle },
        { scheme: 'area-c', date: '2026-12-09', vehicle: { ...vehicle, kind: value } },
        { scheme: 'area-c', date: '2026-12-09', vehicle, lang: value },
      ]) {
        expectClean(await t.app.inject({ method: 'POST', url: '/api/v1/mobility/quote', payload }), `quote ${JSON.stringify(payload).slice(0, 80)}`);
      }
      expectClean(await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/tickets', payload: { plate: value, date: '2027-01-13', vehicle } }), `ticket plate ${value.slice(0, 20)}`);
      expectClean(await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/tickets', payload: { plate: 'AB123CD', date: value, vehicle } }), `ticket date ${value.slice(0, 20)}`);
      expectClean(await t.app.inject({ url: `/api/v1/mobility/area-c/tickets?plate=${encodeURIComponent(value)}&date=${encodeURIComponent(value)}` }), `check ${value.slice(0, 20)}`);
    }
  });

  it('never answer 500 to random JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        for (const url of ['/api/v1/mobility/quote', '/api/v1/mobility/area-c/tickets']) {
          const res = await t.app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
          expect(res.statusCode).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a ticket years ahead, and far dates in a quote, without a notice', async () => {
    const ahead = await t.app.inject({ method: 'POST', url: '/api/v1/mobility/area-c/tickets', payload: { plate: 'FA123AR', date: '2199-12-30', vehicle } });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json().errors[0].field).toBe('body.date');
    const far = await t.app.inject({ method: 'POST', url: '/api/v1/mobility/quote', payload: { scheme: 'area-c', date: '2199-12-30', vehicle } });
    expect(far.statusCode).toBe(200);
    expect(far.json().payBy).toBe('2200-01-01T00:00:00+01:00');
  });
});
