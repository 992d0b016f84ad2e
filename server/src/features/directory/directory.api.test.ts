import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const opening = async (slug: string, at: string, lang = 'it') => {
  const res = await get(`/api/v1/offices/${slug}/opening?at=${encodeURIComponent(at)}&lang=${lang}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('GET /api/v1/offices', () => {
  it("lists the demo city's offices in the contract's shape", async () => {
    const res = await get('/api/v1/offices');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list.length).toBe(26);
    const centrale = list.find((o) => o.slug === 'anagrafe-centrale')!;
    expect(centrale).toMatchObject({
      slug: 'anagrafe-centrale',
      name: 'Anagrafe Centrale',
      address: 'Via Larga 12',
      municipio: 1,
      phone: '02 884 56100',
      extension: '4101',
      services: ['cie', 'certificati', 'residenza', 'stato-civile'],
      zipcode: '20122',
      neighbourhood: 'Duomo',
      location: { lat: 45.46147, long: 9.19332 },
      department: { slug: 'anagrafe', name: 'Servizi Civici e Anagrafe' },
    });
    expect(centrale).not.toHaveProperty('open');
  });

  it('filters by service, Municipio and department', async () => {
    const cie = (await get('/api/v1/offices?service=cie')).json() as { slug: string }[];
    expect(cie.map((o) => o.slug)).toContain('anagrafe-padova');
    expect(cie.map((o) => o.slug)).not.toContain('tributi-centrale');
    const m4 = (await get('/api/v1/offices?municipio=4&department=anagrafe')).json() as { slug: string }[];
    expect(m4.map((o) => o.slug)).toEqual(['anagrafe-oglio']);
    expect((await get('/api/v1/offices?service=nothing-here')).json()).toEqual([]);
  });

  it('adds the opening status with openAt, and names the department in the asked language', async () => {
    const res = await get(`/api/v1/offices?department=anagrafe&openAt=${encodeURIComponent('2026-12-12T09:00:00+01:00')}&lang=en`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { slug: string; open: boolean; opening: { opensAt?: string }; department: { name: string } }[];
    const bySlug = new Map(list.map((o) => [o.slug, o]));
    expect(bySlug.get('anagrafe-padova')!.open).toBe(true); // Saturday morning
    expect(bySlug.get('anagrafe-centrale')!.open).toBe(true); // the extended Saturday (office-exceptions.csv)
    expect(bySlug.get('anagrafe-oglio')!).toMatchObject({ open: false, opening: { opensAt: '2026-12-14T08:30:00+01:00' } });
    expect(list[0]!.department.name).toBe('Civil Registry Services');
    const now = (await get('/api/v1/offices?openNow=true')).json() as { open: unknown }[];
    expect(now.every((o) => typeof o.open === 'boolean')).toBe(true);
  });

  it('answers 400 for a bad openAt, municipio or lang', async () => {
    for (const url of ['/api/v1/offices?openAt=yesterday', '/api/v1/offices?municipio=abc', '/api/v1/offices?lang=xx']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/v1/offices?lang=xx')).json().code).toBe('request.unsupported_language');
  });
});

describe('GET /api/v1/offices/:slug', () => {
  it('gives the whole office: hours per weekday, upcoming exceptions, the department in the language', async () => {
    const res = await get('/api/v1/offices/anagrafe-sansovino?lang=de');
    expect(res.statusCode).toBe(200);
    const office = res.json();
    expect(office.department).toEqual({ slug: 'anagrafe', name: 'Bürgerdienste und Melderegister' });
    expect(office.hoursText).toBe('lun-gio 08:30-12:30,13:30-15:30; ven 08:30-12:30');
    expect(office.hours).toHaveLength(7);
    expect(office.hours[0]).toEqual({ weekday: 1, day: 'lun', ranges: [{ opens: '08:30', closes: '12:30' }, { opens: '13:30', closes: '15:30' }] });
    expect(office.hours[6]).toEqual({ weekday: 7, day: 'dom', ranges: [] });
    expect(office.municipioName).toBe('Città Studi, Lambrate, Venezia');
    expect(typeof office.opening.open).toBe('boolean');
    // Today is in December 2026 on the demo machine or later: only exceptions within 60 days show.
    for (const e of office.exceptions) expect(e.reasonText).toBeTruthy();
  });

  it('uses Accept-Language when no lang is given', async () => {
    const office = (await get('/api/v1/offices/anagrafe-centrale', { 'accept-language': 'zh-CN,zh;q=0.9' })).json();
    expect(office.department.name).toBe('民事登记与户籍服务');
  });

  it('answers 404 problem for an unknown slug and 400 for an unsupported language', async () => {
    const res = await get('/api/v1/offices/via-inesistente');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('directory.office_not_found');
    expect((await get('/api/v1/offices/anagrafe-centrale?lang=ja')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/offices/:slug/opening', () => {
  it('answers exactly the contract for anagrafe-centrale', async () => {
    const open = await opening('anagrafe-centrale', '2026-12-09T10:00:00+01:00');
    expect(open).toEqual({ open: true, closesAt: '2026-12-09T15:30:00+01:00', at: '2026-12-09T10:00:00+01:00' });
    const closed = await opening('anagrafe-centrale', '2026-12-09T16:00:00+01:00', 'en');
    expect(closed).toEqual({
      open: false,
      opensAt: '2026-12-10T08:30:00+01:00',
      reason: 'Outside opening hours',
      reasonCode: 'outside_hours',
      at: '2026-12-09T16:00:00+01:00',
    });
  });

  it("crosses the long weekend of Sant'Ambrogio and the Immacolata, naming the holiday in the language", async () => {
    expect(await opening('anagrafe-padova', '2026-12-05T13:00:00+01:00')).toMatchObject({ open: false, opensAt: '2026-12-09T08:30:00+01:00' });
    expect(await opening('anagrafe-centrale', '2026-12-07T10:00:00+01:00', 'en')).toMatchObject({
      open: false,
      opensAt: '2026-12-09T08:30:00+01:00',
      reason: 'Saint Ambrose, patron saint of Milan',
      reasonCode: 'holiday',
    });
    expect((await opening('anagrafe-centrale', '2026-12-08T10:00:00+01:00', 'ar')).reason).toBe('عيد الحبل بلا دنس');
  });

  it('applies exceptions: reduced Christmas Eve, a closure with its note, an evening opening', async () => {
    expect(await opening('anagrafe-centrale', '2026-12-24T11:00:00+01:00', 'en')).toMatchObject({
      open: true,
      closesAt: '2026-12-24T12:00:00+01:00',
      reasonCode: 'reduced',
    });
    const eve = await opening('anagrafe-centrale', '2026-12-24T13:00:00+01:00', 'en');
    expect(eve).toMatchObject({ open: false, opensAt: '2026-12-28T08:30:00+01:00', reasonCode: 'reduced' });
    expect(eve.reason).toBe('Reduced opening hours: Orario ridotto per la vigilia di Natale');
    expect(await opening('anagrafe-padova', '2026-12-24T10:00:00+01:00', 'fr')).toMatchObject({
      open: false,
      reason: 'Fermeture exceptionnelle : Chiusura per la vigilia di Natale',
      reasonCode: 'closure',
    });
    expect(await opening('anagrafe-centrale', '2027-03-11T18:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-03-11T19:00:00+01:00' });
  });

  it('crosses the year boundary', async () => {
    expect(await opening('anagrafe-centrale', '2026-12-31T12:30:00+01:00')).toMatchObject({ open: false, opensAt: '2027-01-04T08:30:00+01:00' });
  });

  it('handles both clock changes with the right offsets', async () => {
    // Easter Sunday 2027 is the spring-forward day; the contact center opens by exception.
    expect(await opening('contact-center-020202', '2027-03-28T01:30:00+01:00')).toMatchObject({ open: false, opensAt: '2027-03-28T09:00:00+02:00' });
    expect(await opening('contact-center-020202', '2027-03-28T10:00:00+02:00')).toMatchObject({ open: true, closesAt: '2027-03-28T13:00:00+02:00' });
    expect(await opening('anagrafe-centrale', '2027-03-26T16:00:00+01:00')).toMatchObject({ open: false, opensAt: '2027-03-30T08:30:00+02:00' });
    // The culture infopoint opens on Sundays: 25 October 2026, the day the clocks go back.
    expect(await opening('cultura-infopoint', '2026-10-25T02:30:00+02:00')).toMatchObject({ open: false, opensAt: '2026-10-25T10:00:00+01:00' });
    expect(await opening('cultura-infopoint', '2026-10-25T02:30:00+01:00')).toMatchObject({ open: false, opensAt: '2026-10-25T10:00:00+01:00' });
    expect(await opening('cultura-infopoint', '2026-10-25T12:00:00+01:00')).toMatchObject({ open: true, closesAt: '2026-10-25T18:00:00+01:00' });
  });

  it('reads a time without offset as local time, and defaults to now', async () => {
    expect((await opening('anagrafe-centrale', '2026-12-09T15:00')).closesAt).toBe('2026-12-09T15:30:00+01:00');
    const now = await get('/api/v1/offices/anagrafe-centrale/opening');
    expect(now.statusCode).toBe(200);
    expect(typeof now.json().open).toBe('boolean');
  });

  it('answers 400 for a bad at or lang and 404 for an unknown office', async () => {
    const bad = await get('/api/v1/offices/anagrafe-centrale/opening?at=2026-13-45T10:00');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.at');
    expect((await get('/api/v1/offices/anagrafe-centrale/opening?lang=tlh')).json().code).toBe('request.unsupported_language');
    expect((await get('/api/v1/offices/nessuno/opening')).statusCode).toBe(404);
  });
});

describe('reference lists', () => {
  it('lists the nine Municipi', async () => {
    const list = (await get('/api/v1/municipi')).json() as { number: number; name: string }[];
    expect(list).toHaveLength(9);
    expect(list[0]).toEqual({ number: 1, name: 'Centro storico' });
  });

  it('lists departments named in the language', async () => {
    const list = (await get('/api/v1/departments?lang=ru')).json() as { slug: string; name: string }[];
    expect(list.find((d) => d.slug === 'tributi')!.name).toBe('Местные налоги');
    expect((await get('/api/v1/departments?lang=xx')).statusCode).toBe(400);
  });

  it("lists a year's holidays with localized names, 4 October from 2026 and Sant'Ambrogio", async () => {
    const y2027 = (await get('/api/v1/holidays?year=2027&lang=en')).json() as { date: string; key: string; name: string; scope: string }[];
    expect(y2027).toHaveLength(14);
    expect(y2027.find((h) => h.key === 'pasquetta')).toEqual({ date: '2027-03-29', key: 'pasquetta', name: 'Easter Monday', scope: 'national' });
    expect(y2027.find((h) => h.key === 'sant-ambrogio')!.scope).toBe('city');
    const y2025 = (await get('/api/v1/holidays?year=2025')).json() as { key: string; date: string }[];
    expect(y2025.map((h) => h.key)).not.toContain('san-francesco');
    expect(y2025.find((h) => h.key === 'pasqua')!.date).toBe('2025-04-20');
    expect((await get('/api/v1/holidays?year=20x5')).statusCode).toBe(400);
  });

  it('lists an office’s exceptions over a chosen period', async () => {
    const list = (await get('/api/v1/offices/anagrafe-centrale/exceptions?from=2026-12-01&to=2027-12-31')).json() as { date: string }[];
    expect(list.map((e) => e.date)).toEqual(['2026-12-12', '2026-12-24', '2026-12-31', '2027-03-11']);
  });
});

describe('hostile input', () => {
  const hostile = ['\u0000', "'; drop table offices; --", '💥'.repeat(300), 'a'.repeat(3000), '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-09T10:00:00+99:99', '1e309', ' '];
  const names = ['lang', 'at', 'from', 'to', 'service', 'municipio', 'department', 'openAt', 'openNow', 'year'];

  it('never answers 500 on the directory’s public reads', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET' && /offices|municipi|departments|holidays/.test(r.url));
    expect(routes.length).toBe(7);
    for (const route of routes) {
      for (const value of hostile) {
        const e = encodeURIComponent(value);
        for (const url of [route.url.replace(/:slug/, 'anagrafe-centrale'), route.url.replace(/:slug/, e)]) {
          const res = await get(`${url}?${names.map((n) => `${n}=${e}`).join('&')}`);
          expect(res.statusCode, `${url} ${JSON.stringify(value.slice(0, 20))}`).toBeLessThan(500);
          for (const n of names) expect((await get(`${url}?${n}=${e}`)).statusCode, `${url} ${n}`).toBeLessThan(500);
        }
      }
    }
  });

  it('describes every directory route in the OpenAPI document', async () => {
    const doc = (await get('/api/docs')).json() as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/offices', '/api/v1/offices/{slug}', '/api/v1/offices/{slug}/opening', '/api/v1/offices/{slug}/hours', '/api/v1/directory/import', '/api/v1/holidays']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
