import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let editor: { authorization: string };
let agent: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  editor = await signIn(t.app, 'editor');
  agent = await signIn(t.app, 'agent');
});
afterAll(() => t.close());

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'GET';
const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = editor) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const openingAt = async (slug: string, at: string) => (await call('GET', `/api/v1/offices/${slug}/opening?at=${encodeURIComponent(at)}&lang=en`)).json();
const eventsNamed = async (name: string) =>
  (await t.app.ctx.database.query<{ payload: { slug: string } }>('select payload from outbox_events where name = $1 order by id', [name])).map((r) =>
    typeof r.payload === 'string' ? (JSON.parse(r.payload) as { slug: string }).slug : r.payload.slug,
  );

const newOffice = {
  slug: 'anagrafe-test',
  name: 'Anagrafe di prova',
  department: 'anagrafe',
  address: 'Via Prova 1',
  zipcode: '20100',
  municipio: 3,
  location: { lat: 45.478, long: 9.227 },
  phone: '02 884 00000',
  extension: '4199',
  services: ['certificati'],
  hours: { text: 'lun-ven 09:00-12:00' },
};

describe('who may edit', () => {
  const writes: [Method, string][] = [
    ['POST', '/api/v1/offices'],
    ['PATCH', '/api/v1/offices/anagrafe-centrale'],
    ['PUT', '/api/v1/offices/anagrafe-centrale/hours'],
    ['PUT', '/api/v1/offices/anagrafe-centrale/exceptions/2027-01-07'],
    ['DELETE', '/api/v1/offices/anagrafe-centrale/exceptions/2027-01-07'],
    ['POST', '/api/v1/directory/import'],
  ];

  it('answers 401 without a token and 403 to an agent on every write', async () => {
    for (const [method, url] of writes) {
      expect((await call(method, url, method === 'DELETE' ? undefined : {}, {})).statusCode, `${method} ${url}`).toBe(401);
      expect((await call(method, url, method === 'DELETE' ? undefined : {}, agent)).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('keeps the open-data import for imports.run (admin), not editors', async () => {
    expect((await call('POST', '/api/v1/directory/import', { offices: 'slug\n' })).statusCode).toBe(403);
  });
});

describe('offices', () => {
  it('creates an office with hours, which is listed and open at once', async () => {
    const res = await call('POST', '/api/v1/offices', newOffice);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'anagrafe-test', name: 'Anagrafe di prova', extension: '4199', hoursText: 'lun-ven 09:00-12:00' });
    expect(await openingAt('anagrafe-test', '2027-01-13T10:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-01-13T12:00:00+01:00' });
    expect(await eventsNamed('office.created')).toContain('anagrafe-test');
    const audit = await call('GET', '/api/v1/audit?subjectKind=office', undefined, await signIn(t.app, 'admin'));
    expect((audit.json() as { action: string; details: { slug?: string } }[]).some((a) => a.action === 'create' && a.details.slug === 'anagrafe-test')).toBe(true);
  });

  it('refuses a second office with the same slug (409) or extension (409)', async () => {
    expect((await call('POST', '/api/v1/offices', newOffice)).json().code).toBe('directory.office_exists');
    const res = await call('POST', '/api/v1/offices', { ...newOffice, slug: 'altro-ufficio', extension: '4101' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('directory.extension_taken');
  });

  it('refuses an unknown department or Municipio and swapped coordinates with 422 field errors', async () => {
    const res = await call('POST', '/api/v1/offices', { ...newOffice, slug: 'ufficio-x', extension: null, department: 'nessuno', municipio: 42, location: { lat: 9.227, long: 45.478 } });
    expect(res.statusCode).toBe(422);
    expect((res.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['body.department', 'body.location', 'body.municipio']);
    expect((await call('POST', '/api/v1/offices', { ...newOffice, slug: 'Bad Slug' })).statusCode).toBe(422);
  });

  it('patches fields and records who did it', async () => {
    const res = await call('PATCH', '/api/v1/offices/anagrafe-test', { phone: '02 884 11111', services: ['certificati', 'cie'], notes: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: '02 884 11111', services: ['certificati', 'cie'], notes: null, name: 'Anagrafe di prova' });
    expect(await eventsNamed('office.updated')).toContain('anagrafe-test');
    expect((await call('PATCH', '/api/v1/offices/anagrafe-test', {})).statusCode).toBe(422);
    expect((await call('PATCH', '/api/v1/offices/nessuno', { phone: '02 1234' })).statusCode).toBe(404);
  });
});

describe('weekly hours', () => {
  it('replaces the hours from the structured form; the opening status follows at once', async () => {
    const days = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ranges: [{ opens: '08:00', closes: '12:30' }, { opens: '12:30', closes: '14:00' }] }));
    const res = await call('PUT', '/api/v1/offices/anagrafe-test/hours', { days: [...days, { weekday: 6, ranges: [{ opens: '09:00', closes: '11:00' }] }] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().hoursText).toBe('lun-ven 08:00-12:30,12:30-14:00; sab 09:00-11:00');
    // Touching ranges are one opening.
    expect(await openingAt('anagrafe-test', '2027-01-13T10:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-01-13T14:00:00+01:00' });
    expect(await openingAt('anagrafe-test', '2027-01-16T10:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-01-16T11:00:00+01:00' });
    expect(await eventsNamed('office.hours_changed')).toContain('anagrafe-test');
  });

  it('accepts the open-data grammar as text', async () => {
    const res = await call('PUT', '/api/v1/offices/anagrafe-test/hours', { text: 'lun,mer 09:00-12:00' });
    expect(res.json().hoursText).toBe('lun,mer 09:00-12:00');
  });

  it('answers 422 directory.invalid_hours naming every bad field', async () => {
    const res = await call('PUT', '/api/v1/offices/anagrafe-test/hours', {
      days: [
        { weekday: 1, ranges: [{ opens: '8:30', closes: '12:30' }] },
        { weekday: 2, ranges: [{ opens: '14:00', closes: '12:00' }] },
        { weekday: 3, ranges: [{ opens: '08:30', closes: '12:30' }, { opens: '12:00', closes: '15:00' }] },
        { weekday: 8, ranges: [] },
        { weekday: 3, ranges: [] },
        { weekday: 4, ranges: [{ opens: '08:30', closes: '25:00' }] },
      ],
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('directory.invalid_hours');
    expect((body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'body.days.0.ranges.0.opens',
      'body.days.1.ranges.0',
      'body.days.2.ranges.1',
      'body.days.3.weekday',
      'body.days.4.weekday',
      'body.days.5.ranges.0.closes',
    ]);
    const text = await call('PUT', '/api/v1/offices/anagrafe-test/hours', { text: 'lun-ven 08:30-12:30,12:00-13:00' });
    expect(text.statusCode).toBe(422);
    expect(text.json().errors[0].field).toBe('body.text');
    // The hours were left as they were.
    expect((await call('GET', '/api/v1/offices/anagrafe-test')).json().hoursText).toBe('lun,mer 09:00-12:00');
  });

  it('answers 404 for an unknown office and 422 for a body of the wrong shape', async () => {
    expect((await call('PUT', '/api/v1/offices/nessuno/hours', { text: 'lun 09:00-10:00' })).statusCode).toBe(404);
    expect((await call('PUT', '/api/v1/offices/anagrafe-test/hours', { hours: 'x' })).json().code).toBe('request.invalid_body');
  });
});

describe('exceptions', () => {
  const url = '/api/v1/offices/anagrafe-centrale/exceptions/2027-01-07';

  it('adds (201), replaces (200) and deletes (204) the exception of a date, the status following each', async () => {
    const added = await call('PUT', url, { closed: true, reason: 'strike', note: 'Sciopero generale' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ date: '2027-01-07', closed: true, ranges: [], reason: 'strike' });
    expect(await openingAt('anagrafe-centrale', '2027-01-07T10:00:00+01:00')).toMatchObject({ open: false, reasonCode: 'strike', reason: 'Strike: Sciopero generale' });

    const replaced = await call('PUT', url, { closed: false, ranges: [{ opens: '08:30', closes: '11:00' }], reason: 'strike' });
    expect(replaced.statusCode).toBe(200);
    expect(await openingAt('anagrafe-centrale', '2027-01-07T10:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-01-07T11:00:00+01:00' });

    expect((await call('DELETE', url)).statusCode).toBe(204);
    expect(await openingAt('anagrafe-centrale', '2027-01-07T14:00:00+01:00')).toMatchObject({ open: true, closesAt: '2027-01-07T15:30:00+01:00' });
    const again = await call('DELETE', url);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('directory.exception_not_found');
  });

  it('refuses inconsistent or bad hours with 422 and a bad date with 400', async () => {
    const closure = await call('PUT', url, { closed: false, ranges: [{ opens: '09:00', closes: '10:00' }], reason: 'closure' });
    expect(closure.statusCode).toBe(422);
    expect(closure.json().code).toBe('directory.invalid_hours');
    const overlap = await call('PUT', url, { closed: false, ranges: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }], reason: 'extended' });
    expect(overlap.json().errors[0].field).toBe('body.ranges.1');
    expect((await call('PUT', url, { closed: false, reason: 'extended' })).statusCode).toBe(422);
    expect((await call('PUT', url, { closed: true, reason: 'holiday' })).json().code).toBe('request.invalid_body');
    expect((await call('PUT', '/api/v1/offices/anagrafe-centrale/exceptions/2027-02-30', { closed: true, reason: 'closure' })).statusCode).toBe(400);
    expect((await call('PUT', '/api/v1/offices/nessuno/exceptions/2027-01-07', { closed: true, reason: 'closure' })).statusCode).toBe(404);
  });
});

describe('hostile bodies', () => {
  it('refuse NUL characters and oversized text with 4xx, never 500', async () => {
    const cases: [Method, string, object][] = [
      ['POST', '/api/v1/offices', { ...newOffice, slug: 'nul-office', extension: null, name: 'a\u0000b' }],
      ['PATCH', '/api/v1/offices/anagrafe-test', { notes: '\u0000' }],
      ['PATCH', '/api/v1/offices/anagrafe-test', { address: 'x'.repeat(10_000) }],
      ['PUT', '/api/v1/offices/anagrafe-test/exceptions/2027-01-20', { closed: true, reason: 'closure', note: 'x\u0000' }],
      ['PUT', '/api/v1/offices/anagrafe-test/hours', { text: '\u0000' }],
      ['PUT', '/api/v1/offices/anagrafe-test/hours', { days: [{ weekday: 1e309, ranges: [] }] }],
    ];
    for (const [method, url, payload] of cases) {
      const res = await call(method, url, payload);
      expect(res.statusCode, `${method} ${url} ${res.body.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const admin = await signIn(t.app, 'admin');
    const res = await call('POST', '/api/v1/directory/import', { offices: 'slug,title,department,address,zipcode,municipio,neighbourhood,lat,long,phone,extension,services,hours,notes\nx-y,A\u0000,anagrafe,V,,,,,,,,,,\n' }, admin);
    expect(res.statusCode).toBe(422);
    expect(res.json().rejected[0]).toMatchObject({ line: 2, reason: 'contains a NUL character' });
  });
});
