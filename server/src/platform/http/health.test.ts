import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

describe('health, readiness, metrics and the API document', () => {
  it('says the process is up', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every migration is applied, and not ready otherwise', async () => {
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
    const [last] = await t.app.ctx.database.query<{ version: string }>('select version from schema_migrations order by version desc limit 1');
    await t.app.ctx.database.query('delete from schema_migrations where version = $1', [last!.version]);
    const res = await t.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await t.app.ctx.database.query('insert into schema_migrations (version) values ($1)', [last!.version]);
    expect((await t.app.inject('/readyz')).statusCode).toBe(200);
  });

  it('exposes Prometheus metrics with route patterns, never raw paths', async () => {
    await t.app.inject('/api/v1/fiscal-codes/RSSMRA80A01F205X');
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('sportello_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/v1/fiscal-codes/:code"');
    expect(res.body).not.toContain('RSSMRA80A01F205X');
  });

  it('serves the OpenAPI document of /api/v1 with each staff route marked as needing a bearer token', async () => {
    const res = await t.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/languages', '/api/v1/fiscal-codes/{code}']));
    expect(paths.every((p) => p.startsWith('/api/v1'))).toBe(true);
    expect(doc.paths['/api/v1/users'].get.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
  });

  it('lists the nine languages in order with their direction', async () => {
    const res = await t.app.inject('/api/v1/languages');
    expect(res.json()).toEqual([
      { code: 'it', name: 'Italiano', direction: 'ltr' },
      { code: 'en', name: 'English', direction: 'ltr' },
      { code: 'fr', name: 'Français', direction: 'ltr' },
      { code: 'es', name: 'Español', direction: 'ltr' },
      { code: 'de', name: 'Deutsch', direction: 'ltr' },
      { code: 'ar', name: 'العربية', direction: 'rtl' },
      { code: 'zh', name: '中文', direction: 'ltr' },
      { code: 'ru', name: 'Русский', direction: 'ltr' },
      { code: 'pt', name: 'Português', direction: 'ltr' },
    ]);
  });

  it('answers unknown paths with a 404 problem in the asked language', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body.code).toBe('request.not_found');
    expect(body.title).not.toBe('No such resource');
    expect(res.headers['x-request-id']).toBeTruthy();
  });
});
