import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { geoReportValidator } from './geo-report-schemas.fixture';

let t: TestApp;
const validate = geoReportValidator();
const KEY = 'demo-open311-key';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
// Lists are arrays even with one element, as in the JSON form.
const listElements = new Set(['service', 'attribute', 'value', 'request', 'endpoint', 'format', 'note', 'error']);
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => listElements.has(name) });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return t.app.inject({ method: 'POST', url, headers: FORM, payload: body.toString() });
};

function json(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(res.body);
}
function xml(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(XMLValidator.validate(res.body)).toBe(true);
  return parser.parse(res.body);
}

const pothole = (extra: Record<string, string | string[]> = {}) => ({
  api_key: KEY,
  service_code: 'buca-stradale',
  lat: '45.464211',
  long: '9.191383',
  'attribute[dimensione]': 'grande',
  description: 'Buca profonda davanti al civico 12',
  email: 'mario.rossi@example.org',
  first_name: 'Mario',
  last_name: 'Rossi',
  phone: '+39 333 1234567',
  ...extra,
});

describe('Open311 discovery and services', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const d = json(await get('/open311/v2/discovery.json'));
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: ['text/xml', 'application/json'] });
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2$/);
    expect(d.changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(d.contact).toBeTruthy();
    expect(d.key_service).toBeTruthy();
    const x = xml(await get('/open311/v2/discovery.xml')).discovery;
    expect(x.changeset).toBe(d.changeset);
    expect(x.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the services, valid against the published schema, in the asked language', async () => {
    const services = json(await get('/open311/v2/services.json'));
    expect(validate('services.json', services)).toEqual([]);
    const codes = services.map((s: { service_code: string }) => s.service_code);
    for (const code of ['buca-stradale', 'illuminazione', 'rifiuti-abbandonati', 'certificato-domicilio']) expect(codes).toContain(code);
    const pot = services.find((s: { service_code: string }) => s.service_code === 'buca-stradale');
    expect(pot).toMatchObject({ service_name: 'Buca stradale', metadata: true, type: 'realtime', group: 'Strade e illuminazione' });
    expect(pot.keywords).toContain('buca,asfalto');
    const en = json(await get('/open311/v2/services.json?lang=en'));
    expect(en.find((s: { service_code: string }) => s.service_code === 'buca-stradale').service_name).toBe('Pothole');
    const zh = json(await get('/open311/v2/services.json', { 'accept-language': 'zh-CN,zh;q=0.9' }));
    expect(zh.find((s: { service_code: string }) => s.service_code === 'illuminazione').service_name).toBe('路灯不亮或故障');
    expect(services.find((s: { service_code: string }) => s.service_code === 'graffiti').metadata).toBe(false);

    const x = xml(await get('/open311/v2/services.xml')).services.service;
    expect(x).toHaveLength(services.length);
    expect(x[0]).toEqual(Object.fromEntries(Object.entries(services[0]).map(([k, v]) => [k, String(v)])));
  });

  it('gives a service definition with attributes and values', async () => {
    const def = json(await get('/open311/v2/services/certificato-domicilio.json?lang=en'));
    expect(validate('service-definition.json', def)).toEqual([]);
    expect(def.service_code).toBe('certificato-domicilio');
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['avviso-bollo', 'tipo-certificato', 'copie', 'consegna-dal']);
    const [info, kind] = def.attributes;
    expect(info).toMatchObject({ variable: false, datatype: 'text', required: false, order: 1 });
    expect(kind).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true, description: 'Which certificate?' });
    expect(kind.values).toContainEqual({ key: 'residenza', name: 'Residence' });

    const x = xml(await get('/open311/v2/services/certificato-domicilio.xml')).service_definition;
    expect(x.service_code).toBe('certificato-domicilio');
    expect(x.attributes.attribute).toHaveLength(4);
    expect(x.attributes.attribute[1]).toMatchObject({ variable: 'true', code: 'tipo-certificato', datatype: 'singlevaluelist', required: 'true', order: '2' });
    expect(x.attributes.attribute[1].values.value[0]).toEqual({ key: 'residenza', name: 'Residenza' });
    expect(x.attributes.attribute[0].datatype_description).toBe('');
  });

  it('answers unknown services and paths with the spec’s error list and 404', async () => {
    const errors = json(await get('/open311/v2/services/non-esiste.json'), 404);
    expect(errors).toEqual([{ code: 404, description: expect.stringContaining('non-esiste') }]);
    const x = xml(await get('/open311/v2/services/non-esiste.xml'), 404);
    expect(x.errors.error[0].code).toBe('404');
    xml(await get('/open311/v2/nothing-here.xml'), 404);
    expect(json(await get('/open311/v2/nothing-here.json'), 404)[0].code).toBe(404);
    xml(await get('/open311/v2/services/buca-stradale.csv'), 404);
  });

  it('checks jurisdiction_id against the city’s', async () => {
    json(await get('/open311/v2/services.json?jurisdiction_id=comune.milano.it'));
    const errors = json(await get('/open311/v2/services.json?jurisdiction_id=city.of.elsewhere'), 400);
    expect(errors[0]).toMatchObject({ code: 400, description: expect.stringContaining('jurisdiction_id') });
    xml(await get('/open311/v2/requests.xml?jurisdiction_id=x'), 400);
  });
});

describe('Open311 POST requests', () => {
  it('creates a realtime request and reads it back, without any personal data', async () => {
    const answer = json(await post('/open311/v2/requests.json', pothole({ account_id: 'acct-7' })));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toEqual({ service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.stringContaining('5 giorni'), account_id: 'acct-7' });
    const id = answer[0].service_request_id;

    const one = json(await get(`/open311/v2/requests/${id}.json`));
    expect(validate('requests.json', one)).toEqual([]);
    expect(one[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'buca-stradale',
      service_name: 'Buca stradale',
      description: 'Buca profonda davanti al civico 12',
      agency_responsible: 'Mobilità e Trasporti',
      lat: 45.464211,
      long: 9.191383,
    });
    expect(Date.parse(one[0].expected_datetime)).toBeGreaterThan(Date.parse(one[0].requested_datetime));
    const text = JSON.stringify(one);
    for (const secret of ['mario', 'Rossi', '333', 'acct-7']) expect(text.toLowerCase()).not.toContain(secret.toLowerCase());

    const x = xml(await get(`/open311/v2/requests/${id}.xml`)).service_requests.request[0];
    expect(x).toMatchObject({ service_request_id: id, status: 'open', service_code: 'buca-stradale', lat: '45.464211', media_url: '' });
    expect(x.requested_datetime).toBe(one[0].requested_datetime);
    expect(Object.keys(x).sort()).toEqual(Object.keys(one[0]).sort());
  });

  it('answers POST in XML too, and takes multivalue attributes as attribute[code][]', async () => {
    const x = xml(
      await post('/open311/v2/requests.xml', {
        api_key: KEY,
        service_code: 'rifiuti-abbandonati',
        address_string: 'Via Padova 100, Milano',
        'attribute[tipo-rifiuto][]': ['ingombranti', 'elettronici'],
        'attribute[pezzi]': '3',
      }),
    );
    const request = x.service_requests.request[0];
    expect(request.service_request_id).toMatch(/^\d+$/);
    expect(request.account_id).toBe('');
    const [stored] = await t.app.ctx.database.query<{ attributes: unknown; channel: string; address: string }>('select attributes, channel, address from cases where number = $1', [Number(request.service_request_id)]);
    expect(stored).toEqual({ attributes: { 'tipo-rifiuto': ['ingombranti', 'elettronici'], pezzi: 3 }, channel: 'open311', address: 'Via Padova 100, Milano' });
  });

  it('answers a batch service with a token that leads to the request id', async () => {
    const answer = json(
      await post('/open311/v2/requests.json', {
        api_key: KEY,
        service_code: 'certificato-domicilio',
        address_string: 'Corso Buenos Aires 1, Milano',
        'attribute[tipo-certificato]': 'residenza',
        'attribute[copie]': '2',
        'attribute[consegna-dal]': '2026-12-20T09:00:00+01:00',
      }),
    );
    expect(answer[0].service_request_id).toBeUndefined();
    expect(answer[0].token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const token = json(await get(`/open311/v2/tokens/${answer[0].token}.json`));
    expect(token).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), token: answer[0].token }]);
    const x = xml(await get(`/open311/v2/tokens/${answer[0].token}.xml`)).service_requests.request[0];
    expect(x).toEqual({ service_request_id: token[0].service_request_id, token: answer[0].token });
    json(await get('/open311/v2/tokens/unknown-token.json'), 404);
  });

  it('answers a blackbox service with neither id nor token, and never lists it', async () => {
    const answer = json(await post('/open311/v2/requests.json', { api_key: KEY, service_code: 'suggerimento', address_id: 'MI-0001', description: 'Più panchine' }));
    expect(answer).toEqual([{ service_notice: expect.any(String), account_id: null }]);
    const all = json(await get('/open311/v2/requests.json?service_code=suggerimento'));
    expect(all).toEqual([]);
  });

  it('refuses a missing or wrong api_key with 403, and writes nothing', async () => {
    const [before] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from cases');
    const { api_key: _, ...noKey } = pothole();
    expect(json(await post('/open311/v2/requests.json', noKey), 403)[0]).toMatchObject({ code: 403, description: expect.stringContaining('api_key') });
    expect(xml(await post('/open311/v2/requests.xml', pothole({ api_key: 'wrong' })), 403).errors.error[0].code).toBe('403');
    const [after] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from cases');
    expect(after).toEqual(before);
  });

  it('accepts keys issued by an administrator and refuses them once revoked', async () => {
    const admin = await signIn(t.app, 'admin');
    const issued = await t.app.inject({ method: 'POST', url: '/api/v1/open311/keys', headers: admin, payload: { name: 'App Segnalazioni', contact: 'dev@example.org' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const { key, id, prefix } = issued.json();
    expect(key.startsWith(prefix)).toBe(true);
    const [stored] = await t.app.ctx.database.query<{ key_hash: string }>('select key_hash from open311_api_keys where id = $1', [id]);
    expect(stored!.key_hash).not.toContain(key);
    json(await post('/open311/v2/requests.json', pothole({ api_key: key })));
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/open311/keys', headers: admin });
    expect(list.json().map((k: { id: string }) => k.id)).toContain(id);
    expect(list.body).not.toContain(key);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/open311/keys/${id}`, headers: admin })).statusCode).toBe(204);
    json(await post('/open311/v2/requests.json', pothole({ api_key: key })), 403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/open311/keys/${id}`, headers: admin })).statusCode).toBe(404);
  });

  it('reports every invalid parameter with 400 and unknown services with 404', async () => {
    const errors = json(await post('/open311/v2/requests.json', { api_key: KEY, lat: '200', email: 'nope', media_url: 'ftp://x', description: 'x'.repeat(4001) }), 400);
    const text = errors.map((e: { description: string }) => e.description).join('\n');
    for (const name of ['service_code', 'lat', 'email', 'media_url', 'description']) expect(text).toContain(name);
    expect(errors.every((e: { code: number }) => e.code === 400)).toBe(true);

    json(await post('/open311/v2/requests.json', pothole({ lat: '', long: '' })), 400);
    json(await post('/open311/v2/requests.json', { ...pothole(), service_code: 'non-esiste' }), 404);
  });

  it('checks attributes against the service definition', async () => {
    const missing = json(await post('/open311/v2/requests.json', pothole({ 'attribute[dimensione]': '' })), 400);
    expect(missing[0].description).toContain('dimensione');
    const unknown = json(await post('/open311/v2/requests.json', pothole({ 'attribute[colore]': 'rosso' })), 400);
    expect(unknown[0].description).toContain('colore');
    const badKey = json(await post('/open311/v2/requests.json', pothole({ 'attribute[dimensione]': 'enorme' })), 400);
    expect(badKey[0].description).toMatch(/dimensione.*piccola, media, grande/);
    const many = json(await post('/open311/v2/requests.json', pothole({ 'attribute[dimensione][]': ['piccola', 'grande'] })), 400);
    expect(many[0].description).toContain('one value');
    const number = xml(
      await post('/open311/v2/requests.xml', { api_key: KEY, service_code: 'certificato-domicilio', address_string: 'Via Roma 1', 'attribute[tipo-certificato]': 'nascita', 'attribute[copie]': 'due' }),
      400,
    );
    expect(number.errors.error[0].description).toContain('copie');
    const info = json(
      await post('/open311/v2/requests.json', { api_key: KEY, service_code: 'certificato-domicilio', address_string: 'Via Roma 1', 'attribute[tipo-certificato]': 'nascita', 'attribute[copie]': '1', 'attribute[avviso-bollo]': 'x' }),
      400,
    );
    expect(info[0].description).toContain('avviso-bollo');
  });

  it('refuses bodies that are not form-encoded, or too large, in the spec’s format', async () => {
    const asJson = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: KEY, service_code: 'buca-stradale' } });
    expect(asJson.statusCode).toBe(400);
    expect(JSON.parse(asJson.body)[0].code).toBe(400);
    const big = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', headers: FORM, payload: `description=${'a'.repeat(70 * 1024)}` });
    expect(big.statusCode).toBe(400);
    expect(XMLValidator.validate(big.body)).toBe(true);
  });
});

describe('Open311 GET requests', () => {
  it('filters by ids, service, status and dates, newest first, within 90 days', async () => {
    const ids: string[] = [];
    for (const code of ['illuminazione', 'illuminazione', 'graffiti']) {
      const form: Record<string, string> = code === 'illuminazione' ? { api_key: KEY, service_code: code, lat: '45.47', long: '9.2', 'attribute[guasto]': 'spento' } : { api_key: KEY, service_code: code, address_string: 'Piazza Duomo' };
      ids.push(json(await post('/open311/v2/requests.json', form))[0].service_request_id);
    }
    const lights = json(await get('/open311/v2/requests.json?service_code=illuminazione'));
    expect(validate('requests.json', lights)).toEqual([]);
    expect(lights.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([ids[1], ids[0]]);

    const both = json(await get(`/open311/v2/requests.json?service_request_id=${ids[2]},${ids[0]}&service_code=buca-stradale`));
    expect(both.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([ids[0], ids[2]].sort());

    expect(json(await get('/open311/v2/requests.json?status=closed&service_code=graffiti'))).toEqual([]);
    expect(json(await get('/open311/v2/requests.json?status=open&service_code=graffiti'))).toHaveLength(1);

    const now = Date.now();
    const window = (from: number, to: number) => `start_date=${encodeURIComponent(new Date(from).toISOString())}&end_date=${encodeURIComponent(new Date(to).toISOString())}`;
    expect(json(await get(`/open311/v2/requests.json?service_code=graffiti&${window(now - 3_600_000, now + 3_600_000)}`))).toHaveLength(1);
    expect(json(await get(`/open311/v2/requests.json?service_code=graffiti&${window(now - 30 * 86_400_000, now - 86_400_000)}`))).toEqual([]);
    const tooLong = json(await get(`/open311/v2/requests.json?${window(now - 91 * 86_400_000, now)}`), 400);
    expect(tooLong[0].description).toContain('90 days');
    json(await get('/open311/v2/requests.json?start_date=yesterday'), 400);
    json(await get('/open311/v2/requests.json?status=pending'), 400);
    json(await get('/open311/v2/requests.json?service_request_id=abc'), 400);

    // Old requests fall outside the default 90-day window.
    await t.app.ctx.database.query(`update cases set requested_at = now() - interval '100 days' where number = $1`, [Number(ids[2])]);
    expect(json(await get('/open311/v2/requests.json?service_code=graffiti'))).toEqual([]);
    expect(json(await get(`/open311/v2/requests.json?service_request_id=${ids[2]}`))).toHaveLength(1);
  });

  it('pages with page and page_size', async () => {
    const all = json(await get('/open311/v2/requests.json'));
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = json(await get('/open311/v2/requests.json?page_size=2'));
    const second = json(await get('/open311/v2/requests.json?page_size=2&page=2'));
    expect(first).toEqual(all.slice(0, 2));
    expect(second).toEqual(all.slice(2, 4));
    expect(json(await get('/open311/v2/requests.json?page_size=2&page=1000'))).toEqual([]);
    json(await get('/open311/v2/requests.json?page_size=0'), 400);
    json(await get('/open311/v2/requests.json?page_size=1001'), 400);
    const x = xml(await get('/open311/v2/requests.xml?page_size=2')).service_requests.request;
    expect(x.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(first.map((r: { service_request_id: string }) => r.service_request_id));
  });

  it('shows status changes and public notes with extensions=true, never internal notes', async () => {
    const id = json(await post('/open311/v2/requests.json', pothole()))[0].service_request_id;
    const [row] = await t.app.ctx.database.query<{ id: string }>('select id from cases where number = $1', [Number(id)]);
    const op = await signIn(t.app, 'backoffice.anagrafe');
    const call = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1/cases/${row!.id}${url}`, headers: op, payload: payload as object });
    expect((await call('/status', { status: 'in_progress', note: 'Squadra inviata' })).statusCode).toBe(200);
    expect((await call('/notes', { body: 'Chiamare il caposquadra', visibility: 'internal' })).statusCode).toBe(201);
    expect((await call('/notes', { body: 'Area transennata', visibility: 'public' })).statusCode).toBe(201);
    expect((await call('/status', { status: 'closed', note: 'Buca riparata' })).statusCode).toBe(200);

    const plain = json(await get(`/open311/v2/requests/${id}.json`))[0];
    expect(plain.notes).toBeUndefined();
    expect(plain).toMatchObject({ status: 'closed', status_notes: 'Buca riparata' });

    const [withNotes] = json(await get(`/open311/v2/requests/${id}.json?extensions=true&lang=en`));
    expect(validate('request.json', withNotes)).toEqual([]);
    expect(withNotes.notes.map((n: { type: string; description: string }) => [n.type, n.description])).toEqual([
      ['status_change', 'Status: Open'],
      ['status_change', 'Status: In progress — Squadra inviata'],
      ['note', 'Area transennata'],
      ['status_change', 'Status: Closed — Buca riparata'],
    ]);
    expect(JSON.stringify(withNotes)).not.toContain('caposquadra');
    const x = xml(await get(`/open311/v2/requests.xml?service_request_id=${id}&extensions=true`)).service_requests.request[0];
    expect(x.notes.note).toHaveLength(4);
    expect(x.notes.note[2]).toEqual({ datetime: withNotes.notes[2].datetime, description: 'Area transennata', type: 'note' });
    expect(json(await get(`/open311/v2/requests.json?service_request_id=${id}&status=open`))[0].status).toBe('closed');
  });

  it('answers unknown request ids with 404 in both formats', async () => {
    json(await get('/open311/v2/requests/999999999.json'), 404);
    expect(xml(await get('/open311/v2/requests/abc.xml'), 404).errors.error[0].code).toBe('404');
  });
});
