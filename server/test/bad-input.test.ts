import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';

// Every public endpoint, fed malformed, oversized, wrongly typed and hostile input, answers a 4xx
// problem document (or a normal 200 where the input is merely odd) and never a 500.
let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => t.close());

const hostile = [
  "'; drop table offices; --",
  "1' or '1'='1",
  '<script>alert(1)</script>',
  '!&|():*<->',
  '%00',
  '\u0000',
  '💥'.repeat(500),
  'a'.repeat(5000),
  '../../etc/passwd',
  '{"$gt":""}',
  '-1',
  '1e309',
  'NaN',
  '2026-02-30T25:61:00Z',
  'zz',
  ' ',
];

const queryNames = ['q', 'lang', 'limit', 'at', 'from', 'to', 'service', 'municipio', 'department', 'openAt', 'openNow', 'year', 'type', 'category', 'free', 'topic'];

function publicGetRoutes() {
  return t.app.routeTable.filter((r) => 'public' in r.access && r.method === 'GET' && r.url.startsWith('/api/v1'));
}

function expectClean(status: number, contentType: string | undefined, what: string) {
  expect(status, what).toBeLessThan(500);
  if (status >= 400) expect(contentType, what).toContain('application/problem+json');
}

describe('public endpoints under hostile input', () => {
  it('cover the public API', () => {
    expect(publicGetRoutes().length).toBeGreaterThanOrEqual(8);
  });

  it('never answer 500 to hostile path parameters or query values', async () => {
    for (const route of publicGetRoutes()) {
      for (const value of hostile) {
        const encoded = encodeURIComponent(value);
        const url = route.url.replace(/:[A-Za-z]+/g, encoded);
        const query = queryNames.map((n) => `${n}=${encoded}`).join('&');
        const res = await t.app.inject({ method: 'GET', url: `${url}?${query}` });
        expectClean(res.statusCode, res.headers['content-type'] as string, `${route.url} with ${JSON.stringify(value.slice(0, 30))}`);
      }
    }
  });

  it('never answer 500 to random strings anywhere (property-based)', async () => {
    const routes = publicGetRoutes();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom(...queryNames),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        async (route, param, name, value) => {
          const url = route.url.replace(/:[A-Za-z]+/g, encodeURIComponent(param) || 'x');
          const res = await t.app.inject({ method: 'GET', url: `${url}?${name}=${encodeURIComponent(value)}` });
          expectClean(res.statusCode, res.headers['content-type'] as string, `${route.url} ${name}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reject invalid percent-encoding and invalid UTF-8 with 400', async () => {
    for (const path of ['/api/v1/knowledge/search?q=%C3%28', '/api/v1/knowledge/search?q=%E0%A4%A', '/api/v1/fiscal-codes/%FF%FE', '/api/v1/offices/%', '/api/v1/knowledge/search?q=%ED%A0%80']) {
      const res = await fetch(`${base}${path}`);
      expectClean(res.status, res.headers.get('content-type') ?? undefined, path);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('answer a 1 MB query string with a problem document, not a dropped connection', async () => {
    const { status, contentType, body } = await new Promise<{ status: number; contentType?: string; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/api/v1/knowledge/search?q=${'a'.repeat(1024 * 1024)}`, (res) => {
        let data = '';
        res.on('data', (c: Buffer) => (data += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'], body: data }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
    expect(contentType).toContain('application/problem+json');
    expect(JSON.parse(body).code).toBe('request.headers_too_large');
  });

  it('answer malformed, oversized, wrongly typed and hostile JSON bodies with 4xx and change nothing', async () => {
    const before = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from staff_sessions');
    const cases: { payload: string; contentType: string; status: number }[] = [
      { payload: '{"username": "admin", ', contentType: 'application/json', status: 400 },
      { payload: '[]', contentType: 'application/json', status: 422 },
      { payload: '{"username": 42, "password": ["x"]}', contentType: 'application/json', status: 422 },
      { payload: JSON.stringify({ username: 'a'.repeat(300 * 1024), password: 'x' }), contentType: 'application/json', status: 413 },
      { payload: 'username=admin&password=x', contentType: 'application/x-www-form-urlencoded', status: 415 },
      { payload: '{"username":"admin\'--","password":"\' or 1=1 --"}', contentType: 'application/json', status: 401 },
      { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/json', status: 422 },
      // Prototype poisoning is refused by the JSON parser itself.
      { payload: '{"__proto__": {"admin": true}, "username": "admin", "password": "x"}', contentType: 'application/json', status: 400 },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: c.payload, headers: { 'content-type': c.contentType } });
      expect(res.statusCode, c.payload.slice(0, 40)).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const after = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from staff_sessions');
    expect(after).toEqual(before);
  });
});
