import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { eventRoutes } from './event-routes';
import { importEventsAndSchools } from './import-events';
import { schoolRoutes } from './school-routes';

let t: TestApp;
let editor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  // Once the knowledge core registers these routes and its importer loads events (index.ts), the demo
  // template has both and these two steps do nothing.
  if (!t.app.routeTable.some((r) => r.url === '/api/v1/events')) {
    await t.app.register(eventRoutes(t.app.ctx));
    await t.app.register(schoolRoutes(t.app.ctx));
  }
  const [row] = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from events');
  if (row!.n === 0) await t.app.ctx.transact((tx, emit) => importEventsAndSchools(tx, emit, fromRepoRoot('data/demo-milano')));
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

const translations = (title: string) =>
  Object.fromEntries(['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'].map((l) => [l, { title: `${title} (${l})`, description: `Descrizione ${l}` }]));
const newEvent = (changes: Record<string, unknown> = {}) => ({
  category: 'concert',
  start: '2026-12-18T21:00',
  end: '2026-12-18T23:00',
  venue: 'Auditorium di Milano',
  address: 'Largo Gustav Mahler',
  municipio: 5,
  price: { amount: 2500, currency: 'EUR' },
  translations: translations('Concerto di prova'),
  ...changes,
});

describe('GET /api/v1/events', () => {
  it('lists the events overlapping a window, in the asked language, with local offsets and prices in cents', async () => {
    const res = await get('/api/v1/events?from=2026-12-07&to=2026-12-07&lang=en');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-12-07T00:00:00+01:00', to: '2026-12-08T00:00:00+01:00', language: 'en' });
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([
      'luci-del-nord-palazzo-reale-2026',
      'mercatini-natale-duomo-2026',
      'oh-bej-oh-bej-2026',
      'prima-in-citta-2026',
      'prima-scala-2026',
    ]);
    expect(body.events[4]).toMatchObject({ start: '2026-12-07T18:00:00+01:00', price: { amount: 200000, currency: 'EUR' }, category: 'theatre', status: 'published', language: 'en' });
    expect(body.events[4].description.length).toBeGreaterThan(20);
  });

  it('filters by category, Municipio and free entry', async () => {
    const res = await get('/api/v1/events?from=2026-12-01&to=2027-06-30&category=concert&municipio=9&free=true');
    expect(res.json().events.map((e: { id: string }) => e.id)).toEqual(['musica-tramonto-bam-2027']);
  });

  it('defaults to the next 30 days from now', async () => {
    const body = (await get('/api/v1/events')).json();
    // 30 calendar days in Europe/Rome (a day may have 23 or 25 hours).
    expect(Date.parse(body.to)).toBe(DateTime.fromISO(body.from, { zone: 'Europe/Rome' }).plus({ days: 30 }).toMillis());
    expect(Math.abs(Date.parse(body.from) - Date.now())).toBeLessThan(60_000);
  });

  it('chooses the language from Accept-Language without lang, and refuses one the city does not offer', async () => {
    const zh = (await get('/api/v1/events?from=2026-12-05&to=2026-12-05', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' })).json();
    expect(zh.language).toBe('zh');
    expect(zh.events.find((e: { id: string }) => e.id === 'oh-bej-oh-bej-2026').language).toBe('zh');
    const it = (await get('/api/v1/events?from=2026-12-05&to=2026-12-05')).json();
    expect(it.language).toBe('it');
    const bad = await get('/api/v1/events?lang=xx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'request.unsupported_language', errors: [{ field: 'query.lang' }] });
  });

  it('answers 400 for a window that ends before it starts, is longer than 366 days, or cannot be read', async () => {
    for (const [query, field] of [
      ['from=2026-12-10&to=2026-12-01', 'query.to'],
      ['from=2026-12-10T10:00:00%2B01:00&to=2026-12-10T10:00:00%2B01:00', 'query.to'],
      ['from=2026-01-01&to=2027-01-03', 'query.to'],
      ['from=tomorrow', 'query.from'],
      ['from=2026-02-30', 'query.from'],
      ['municipio=12', 'query.municipio'],
      ['category=rave', 'query.category'],
    ] as const) {
      const res = await get(`/api/v1/events?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      // Zod's own checks name the part `querystring` (platform/http/problem.ts), the window checks `query` (docs/errors.md).
      expect(res.json().errors.map((e: { field: string }) => e.field.replace(/^querystring\./, 'query.')), query).toContain(field);
    }
    expect((await get('/api/v1/events?from=2026-01-01&to=2027-01-01')).statusCode).toBe(200);
    // "+01:00" sent without encoding arrives as " 01:00".
    expect((await get('/api/v1/events?from=2026-12-05T10:00:00+01:00')).json().from).toBe('2026-12-05T10:00:00+01:00');
  });
});

describe('GET /api/v1/events/:id', () => {
  it('gives one event in the asked language', async () => {
    const res = await get('/api/v1/events/mercatini-natale-duomo-2026?lang=ar');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'mercatini-natale-duomo-2026', title: 'سوق عيد الميلاد في ساحة الدومو', language: 'ar', municipio: 1 });
  });

  it('answers 404 knowledge.event_not_found for an unknown id, translated', async () => {
    const res = await get('/api/v1/events/no-such-event?lang=it');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'knowledge.event_not_found', title: 'Evento inesistente' });
  });
});

describe('editing events', () => {
  it('requires a signed-in editor: 401 without a token, 403 for an agent', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/events', payload: newEvent() })).statusCode).toBe(401);
    const agent = await signIn(t.app, 'agent');
    for (const [method, url] of [['POST', '/api/v1/events'], ['PUT', '/api/v1/events/prima-scala-2026'], ['POST', '/api/v1/events/prima-scala-2026/cancel'], ['GET', '/api/v1/events/prima-scala-2026/translations']] as const) {
      const res = await t.app.inject({ method, url, headers: agent, ...(method === 'GET' ? {} : { payload: newEvent() }) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('refuses an event without every language, with one field error per gap (422)', async () => {
    const texts = translations('Senza russo');
    delete texts.ru;
    texts.fr = { title: '', description: 'x' };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: editor, payload: newEvent({ translations: { ...texts, xx: { title: 'a', description: 'b' } } }) });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.translations.ru', 'body.translations.fr.title', 'body.translations']));
  });

  it('refuses times that do not make sense (422)', async () => {
    const backwards = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: editor, payload: newEvent({ start: '2026-12-18T23:00', end: '2026-12-18T21:00' }) });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([{ field: 'body.end', message: 'must be after start' }]);
    const skipped = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: editor, payload: newEvent({ start: '2027-03-28T02:30', end: '2027-03-28T05:00' }) });
    expect(skipped.statusCode).toBe(422);
    expect(skipped.json().errors[0].field).toBe('body.start');
  });

  it('creates, updates and cancels an event: audited, announced, and visible to citizens at once', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: editor, payload: newEvent({ id: 'concerto-di-prova-2026' }) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'concerto-di-prova-2026', start: '2026-12-18T21:00:00+01:00', status: 'published', municipio: 5 });
    expect(Object.keys(created.json().translations)).toHaveLength(9);

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/events', headers: editor, payload: newEvent({ id: 'concerto-di-prova-2026' }) });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('knowledge.event_exists');

    const listed = (await get('/api/v1/events?from=2026-12-18&to=2026-12-18&category=concert&lang=pt')).json();
    expect(listed.events.map((e: { id: string; title: string }) => [e.id, e.title])).toEqual([['concerto-di-prova-2026', 'Concerto di prova (pt)']]);

    const updated = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/events/concerto-di-prova-2026',
      headers: editor,
      payload: newEvent({ venue: 'Teatro Dal Verme', start: '2026-12-18T20:30:00+01:00' }),
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ venue: 'Teatro Dal Verme', start: '2026-12-18T20:30:00+01:00' });

    const cancelled = await t.app.inject({ method: 'POST', url: '/api/v1/events/concerto-di-prova-2026/cancel', headers: editor });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const after = (await get('/api/v1/events?from=2026-12-18&to=2026-12-18&category=concert')).json();
    expect(after.events).toEqual([]);
    expect((await get('/api/v1/events/concerto-di-prova-2026')).json().status).toBe('cancelled');

    const audit = await t.app.ctx.database.query<{ action: string; details: { fields?: string[] }; actor_name: string }>(
      "select action, details, actor_name from audit_log where subject_kind = 'event' and subject_id = 'concerto-di-prova-2026' order by id",
    );
    expect(audit.map((a) => [a.action, a.details.fields ?? null, a.actor_name])).toEqual([
      ['create', null, 'editor'],
      ['update', ['start', 'venue'], 'editor'],
      ['update', ['status'], 'editor'],
    ]);
    const announced = await t.app.ctx.database.query<{ name: string }>(
      "select name from outbox_events where payload->>'eventId' = 'concerto-di-prova-2026' order by id",
    );
    expect(announced.map((e) => e.name)).toEqual(['event.published', 'event.published', 'event.cancelled']);
  });

  it('gives editors every translation, and 404 for unknown events', async () => {
    const res = await get('/api/v1/events/oh-bej-oh-bej-2026/translations', editor);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().translations).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'pt', 'ru', 'zh']);
    for (const [method, url] of [['PUT', '/api/v1/events/no-such-event'], ['POST', '/api/v1/events/no-such-event/cancel'], ['GET', '/api/v1/events/no-such-event/translations']] as const) {
      const r = await t.app.inject({ method, url, headers: editor, ...(method === 'PUT' ? { payload: newEvent() } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.json().code).toBe('knowledge.event_not_found');
    }
  });
});

describe('the OpenAPI document', () => {
  it('describes the event and school routes from the same schemas', async () => {
    const res = await get('/api/docs');
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/events/{id}', '/api/v1/events/{id}/cancel', '/api/v1/schools/enrollment/{type}']));
    expect(paths['/api/v1/events'].post.description).toContain('knowledge.edit');
    expect(paths['/api/v1/events'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'category', 'municipio', 'free', 'lang']));
  });
});
