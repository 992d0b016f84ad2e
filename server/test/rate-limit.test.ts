import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(() => t.close());

describe('rate limits on public endpoints', () => {
  it('answer 429 problem+json with Retry-After once a client passes the limit', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.app.inject({ url: '/api/v1/languages', remoteAddress: '203.0.113.7' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers['content-type']).toContain('application/problem+json');
    expect(last!.json().code).toBe('request.rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('count each client address separately', async () => {
    expect((await t.app.inject({ url: '/api/v1/languages', remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
  });

  it('never limit health checks', async () => {
    for (let i = 0; i < 10; i++) expect((await t.app.inject({ url: '/healthz', remoteAddress: '203.0.113.9' })).statusCode).toBe(200);
  });

  it('limit code checks more tightly than the general public limit allows enumeration', async () => {
    const other = await createTestApp();
    try {
      let status = 0;
      for (let i = 0; i < 61; i++) {
        status = (await other.app.inject({ url: `/api/v1/fiscal-codes/RSSMRA80A01F205X`, remoteAddress: '203.0.113.10' })).statusCode;
      }
      expect(status).toBe(429);
    } finally {
      await other.close();
    }
  });
});
