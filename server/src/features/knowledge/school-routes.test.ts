import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { eventRoutes } from './event-routes';
import { importEventsAndSchools } from './import-events';
import { schoolRoutes } from './school-routes';
import { enrollmentStatus } from './schools';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // Once the knowledge core registers these routes and its importer loads the windows (index.ts), the
  // demo template has both and these two steps do nothing.
  if (!t.app.routeTable.some((r) => r.url === '/api/v1/schools/enrollment')) {
    await t.app.register(eventRoutes(t.app.ctx));
    await t.app.register(schoolRoutes(t.app.ctx));
  }
  const [row] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from school_enrollment_windows');
  if (row!.n === 0) await t.app.ctx.transact((tx, emit) => importEventsAndSchools(tx, emit, fromRepoRoot('data/demo-milano')));
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const q = (value: string) => encodeURIComponent(value);

describe('enrollment status', () => {
  it('is open from the opening instant until (not at) the closing one', () => {
    const opens = new Date('2026-02-04T11:00:00Z');
    const closes = new Date('2026-02-25T11:00:00Z');
    expect(enrollmentStatus(opens, closes, new Date('2026-02-04T10:59:59Z'))).toBe('upcoming');
    expect(enrollmentStatus(opens, closes, opens)).toBe('open');
    expect(enrollmentStatus(opens, closes, new Date('2026-02-25T10:59:59Z'))).toBe('open');
    expect(enrollmentStatus(opens, closes, closes)).toBe('closed');
  });
});

describe('GET /api/v1/schools/enrollment', () => {
  it('lists every window earliest first, with its status at the given moment and local offsets', async () => {
    const res = await get(`/api/v1/schools/enrollment?lang=en&at=${q('2026-02-10T10:00:00+01:00')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.language).toBe('en');
    expect(body.at).toBe('2026-02-10T10:00:00+01:00');
    expect(body.windows.map((w: { type: string; schoolYear: string; status: string }) => `${w.type} ${w.schoolYear} ${w.status}`)).toEqual([
      'primaria 2026/27 closed',
      'nido 2026/27 open',
      'scuola-infanzia 2026/27 open',
      'primaria 2027/28 upcoming',
      'nido 2027/28 upcoming',
      'scuola-infanzia 2027/28 upcoming',
    ]);
    expect(body.windows[1]).toMatchObject({
      title: 'Nursery (nido) enrollment 2026/27',
      opensAt: '2026-02-04T12:00:00+01:00',
      closesAt: '2026-02-25T12:00:00+01:00',
      confirmed: true,
      ageRule: 'born 2024-01-01..2026-05-31',
      language: 'en',
    });
    expect(body.windows[1].documents).toContain('Tax code (codice fiscale) of the child and of the parents');
    expect(body.windows[1].howToApply).toContain('02.02.02');
    expect(body.windows[1].eligibility).toContain('3 months to 3 years');
  });

  it('filters by type and school year', async () => {
    const body = (await get(`/api/v1/schools/enrollment?year=${q('2027/28')}&type=nido`)).json();
    expect(body.windows.map((w: { type: string; schoolYear: string }) => `${w.type} ${w.schoolYear}`)).toEqual(['nido 2027/28']);
    expect(body.windows[0].confirmed).toBe(false);
  });

  it('computes the status against the clock without `at`', async () => {
    const body = (await get('/api/v1/schools/enrollment')).json();
    expect(body.windows).toHaveLength(6);
    for (const w of body.windows) {
      const now = Date.now();
      const expected = now < Date.parse(w.opensAt) ? 'upcoming' : now < Date.parse(w.closesAt) ? 'open' : 'closed';
      expect(w.status, `${w.type} ${w.schoolYear}`).toBe(expected);
    }
  });

  it('speaks the family’s language: lang, else Accept-Language; refuses a language not offered', async () => {
    const ru = (await get('/api/v1/schools/enrollment?type=nido&lang=ru')).json();
    expect(ru.windows[0].documents[0]).toBe('Налоговый код (codice fiscale) ребёнка и родителей');
    const ar = (await get('/api/v1/schools/enrollment?type=nido', { 'accept-language': 'ar' })).json();
    expect(ar.language).toBe('ar');
    expect(ar.windows[0].language).toBe('ar');
    const bad = await get('/api/v1/schools/enrollment?lang=tl');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.unsupported_language');
  });

  it('answers 400 for a malformed year, type or moment', async () => {
    for (const query of [`year=${q('2026-27')}`, 'type=Nido%20Comunale', 'at=yesterday']) {
      const res = await get(`/api/v1/schools/enrollment?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('request.invalid_parameters');
    }
  });
});

describe('GET /api/v1/schools/enrollment/:type', () => {
  it('gives the open window while it is open', async () => {
    const res = await get(`/api/v1/schools/enrollment/scuola-infanzia?lang=it&at=${q('2026-02-04T12:00:00+01:00')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ type: 'scuola-infanzia', schoolYear: '2026/27', status: 'open', title: "Iscrizione alla scuola dell'infanzia 2026/27" });
  });

  it('gives the next window once the last one closed', async () => {
    const res = await get(`/api/v1/schools/enrollment/nido?lang=zh&at=${q('2026-12-03T12:00:00+01:00')}`);
    expect(res.json()).toMatchObject({ schoolYear: '2027/28', status: 'upcoming', opensAt: '2027-02-03T12:00:00+01:00', closesAt: '2027-02-24T12:00:00+01:00', language: 'zh' });
  });

  it('gives the latest window, closed, when none is open or to come', async () => {
    const res = await get(`/api/v1/schools/enrollment/primaria?at=${q('2028-01-01T00:00:00+01:00')}`);
    expect(res.json()).toMatchObject({ schoolYear: '2027/28', status: 'closed', closesAt: '2027-02-02T20:00:00+01:00' });
  });

  it('answers 404 for a school type without windows and 400 for a malformed one', async () => {
    const unknown = await get('/api/v1/schools/enrollment/secondaria?lang=en');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'knowledge.enrollment_not_found', title: 'No enrollment window for this school type' });
    expect((await get('/api/v1/schools/enrollment/Scuola%20Media')).statusCode).toBe(400);
  });
});
