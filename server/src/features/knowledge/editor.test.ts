import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
let editor: { authorization: string };
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  editor = await signIn(t.app, 'editor');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (method: Method, url: string, payload?: unknown, headers: Record<string, string> = editor) =>
  t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

const base = '/api/v1/knowledge/articles';
const draft = (title: string, body: string, baseVersion: number) => ({
  title,
  summary: `${title}: in breve.`,
  body,
  keywords: ['prova'],
  baseVersion,
});
const searchSlugs = async (q: string, lang = 'it') =>
  ((await call('GET', `/api/v1/knowledge/search?${new URLSearchParams({ q, lang })}`, undefined, {})).json().results as { slug: string }[]).map(
    (r) => r.slug,
  );
const articleEvents = async () =>
  (await t.app.ctx.database.query<{ name: string }>("select name from outbox_events where name like 'article.%' order by id")).map((r) => r.name);

describe('editor workflow', () => {
  it('needs a signed-in editor: 401 without a token, 403 for an agent', async () => {
    const agent = await signIn(t.app, 'agent');
    const writes: [Method, string, unknown][] = [
      ['POST', base, { slug: 'nuova-scheda', topic: 'anagrafe' }],
      ['PUT', `${base}/imu/translations/it/draft`, draft('IMU', 'testo', 1)],
      ['POST', `${base}/imu/translations/it/versions/1/publish`, undefined],
      ['DELETE', `${base}/imu/translations/en`, undefined],
      ['POST', `${base}/imu/archive`, undefined],
      ['GET', `${base}/imu/translations/it/versions`, undefined],
      ['GET', `${base}/imu/translations/it/versions/1`, undefined],
      ['GET', `${base}/imu/translations`, undefined],
    ];
    for (const [method, url, payload] of writes) {
      expect((await call(method, url, payload, {})).statusCode, `${method} ${url}`).toBe(401);
      const forbidden = await call(method, url, payload, agent);
      expect(forbidden.statusCode, `${method} ${url}`).toBe(403);
      expect(forbidden.json().code).toBe('auth.forbidden');
    }
  });

  it('creates an article, saves drafts, publishes one, and search finds the new text', async () => {
    const created = await call('POST', base, { slug: 'passi-carrabili', topic: 'mobilita', offices: ['mobilita-infopoint'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'passi-carrabili', id: expect.stringMatching(/^KA-\d+$/), status: 'active', translations: [] });
    expect((await call('POST', base, { slug: 'passi-carrabili', topic: 'mobilita' })).json().code).toBe('knowledge.article_exists');
    expect((await call('POST', base, { slug: 'x', topic: 'mobilita' })).statusCode).toBe(422);
    expect((await call('POST', base, { slug: 'Passi Carrabili', topic: 'mobilita' })).statusCode).toBe(422);

    const v1 = await call('PUT', `${base}/passi-carrabili/translations/it/draft`, draft('Passo carrabile', 'Il cartello del passo carrabile si chiede online.', 0));
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ slug: 'passi-carrabili', language: 'it', version: 1, state: 'draft', author: 'editor' });
    // A draft is not public.
    expect((await call('GET', `${base}/passi-carrabili?lang=it`, undefined, {})).statusCode).toBe(404);

    const v2 = await call('PUT', `${base}/passi-carrabili/translations/it/draft`, draft('Passo carrabile', 'Il cartello zebrato del passo carrabile si chiede online.', 1));
    expect(v2.json()).toMatchObject({ version: 2, state: 'draft' });
    const versions = (await call('GET', `${base}/passi-carrabili/translations/it/versions`)).json();
    expect(versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [2, 'draft'],
      [1, 'superseded'],
    ]);
    expect((await call('GET', `${base}/passi-carrabili/translations/it/versions/2`)).json().body).toContain('zebrato');
    expect((await call('GET', `${base}/passi-carrabili/translations/it/versions/9`)).json().code).toBe('knowledge.version_not_found');
    expect(await searchSlugs('cartello zebrato')).not.toContain('passi-carrabili');

    const published = await call('POST', `${base}/passi-carrabili/translations/it/versions/2/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ version: 2, state: 'published', publishedAt: expect.any(String) });
    expect((await searchSlugs('cartello zebrato'))[0]).toBe('passi-carrabili');
    expect((await call('GET', `${base}/passi-carrabili?lang=it`, undefined, {})).json()).toMatchObject({ version: 2, language: 'it' });
    // English readers get the Italian text, marked, until there is an English translation.
    expect((await call('GET', `${base}/passi-carrabili?lang=en`, undefined, {})).json()).toMatchObject({ language: 'it', fallback: true });
    // Only the current draft can be published.
    expect((await call('POST', `${base}/passi-carrabili/translations/it/versions/1/publish`)).json().code).toBe('knowledge.version_conflict');
    expect((await call('GET', `${base}/passi-carrabili/translations`)).json().translations).toEqual([
      { language: 'it', latestVersion: 2, publishedVersion: 2, draftVersion: null },
    ]);
  });

  it('replaces a published text: the old version is superseded and the index follows at once', async () => {
    const before = await articleEvents();
    expect(await searchSlugs('ornitorinco')).not.toContain('carta-identita');
    const saved = await call('PUT', `${base}/carta-identita/translations/it/draft`, draft("Carta d'identità elettronica", 'Anche un ornitorinco deve prenotare.', 1));
    expect(saved.json().version).toBe(2);
    expect(await searchSlugs('ornitorinco')).not.toContain('carta-identita');
    await call('POST', `${base}/carta-identita/translations/it/versions/2/publish`);
    expect((await searchSlugs('ornitorinco'))[0]).toBe('carta-identita');
    expect((await call('GET', `${base}/carta-identita`, undefined, {})).json()).toMatchObject({ version: 2, body: 'Anche un ornitorinco deve prenotare.' });
    const states = (await call('GET', `${base}/carta-identita/translations/it/versions`)).json().map((v: { state: string }) => v.state);
    expect(states).toEqual(['published', 'superseded']);
    expect((await articleEvents()).slice(before.length)).toEqual(['article.draft_saved', 'article.published']);

    const admin = await signIn(t.app, 'admin');
    const audit = (await call('GET', '/api/v1/audit?subjectKind=article&subjectId=carta-identita', undefined, admin)).json();
    expect(audit.map((a: { details: { change: string } }) => a.details.change)).toEqual(['published', 'draft_saved']);
    expect(audit[0]).toMatchObject({ actorName: 'editor', action: 'update' });
  });

  it('refuses a draft based on a version someone else has replaced meanwhile', async () => {
    const first = await call('PUT', `${base}/imu/translations/en/draft`, draft('IMU property tax', 'First editor.', 1));
    expect(first.statusCode).toBe(201);
    const second = await call('PUT', `${base}/imu/translations/en/draft`, draft('IMU property tax', 'Second editor.', 1));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'knowledge.version_conflict', currentVersion: 2 });
  });

  it('lets only one of two simultaneous drafts on the same version through', async () => {
    const results = await Promise.all(
      ['A', 'B', 'C'].map((who) => call('PUT', `${base}/tari/translations/fr/draft`, draft('TARI', `Rédacteur ${who}.`, 1))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const versions = (await call('GET', `${base}/tari/translations/fr/versions`)).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('publishes different articles at the same time, each searchable at once', async () => {
    const slugs = ['area-b', 'area-c', 'pagopa', 'segnalazioni'];
    const saved = await Promise.all(slugs.map((slug) => call('PUT', `${base}/${slug}/translations/de/draft`, draft(`Neu ${slug}`, `Gleichzeitig ${slug}.`, 1))));
    expect(saved.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const published = await Promise.all(slugs.map((slug) => call('POST', `${base}/${slug}/translations/de/versions/2/publish`)));
    expect(published.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const rows = await t.app.ctx.database.query<{ slug: string; version: number }>(
      `select slug, version from article_search where language = 'de' and slug in ('area-b', 'area-c', 'pagopa', 'segnalazioni') order by slug`,
    );
    expect(rows).toEqual(slugs.map((slug) => ({ slug, version: 2 })));
    const found = await t.app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent('Gleichzeitig pagopa')}&lang=de&limit=3` });
    expect(found.json().results[0]).toMatchObject({ slug: 'pagopa', title: 'Neu pagopa' });
  });

  it('archives an article: gone from search and public pages, kept for editors', async () => {
    expect((await searchSlugs('rifiuti ingombranti ritiro a domicilio'))[0]).toBe('rifiuti-ingombranti');
    expect((await call('POST', `${base}/rifiuti-ingombranti/archive`)).statusCode).toBe(204);
    expect(await searchSlugs('rifiuti ingombranti ritiro a domicilio')).not.toContain('rifiuti-ingombranti');
    expect((await call('GET', `${base}/rifiuti-ingombranti?lang=en`, undefined, {})).statusCode).toBe(404);
    const list = (await call('GET', `${base}?lang=it`, undefined, {})).json().map((a: { slug: string }) => a.slug);
    expect(list).not.toContain('rifiuti-ingombranti');
    expect((await call('GET', `${base}/rifiuti-ingombranti/translations`)).json().status).toBe('archived');
    expect((await call('PUT', `${base}/rifiuti-ingombranti/translations/it/draft`, draft('x', 'y', 1))).statusCode).toBe(404);
    expect((await call('POST', `${base}/rifiuti-ingombranti/archive`)).statusCode).toBe(204);
    expect((await call('POST', `${base}/non-esiste/archive`)).statusCode).toBe(404);
  });

  it('validates drafts: city languages only, non-empty fields', async () => {
    expect((await call('PUT', `${base}/imu/translations/ro/draft`, draft('IMU', 'x', 1))).json().code).toBe('request.unsupported_language');
    expect((await call('PUT', `${base}/imu/translations/it/draft`, { ...draft('IMU', 'x', 1), title: '  ' })).statusCode).toBe(422);
    expect((await call('PUT', `${base}/imu/translations/it/draft`, { title: 'IMU', summary: 's', body: 'b' })).statusCode).toBe(422);
    expect((await call('PUT', `${base}/non-esiste/translations/it/draft`, draft('x', 'y', 0))).statusCode).toBe(404);
  });
});
