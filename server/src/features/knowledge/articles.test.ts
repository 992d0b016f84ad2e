import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('public article pages', () => {
  it('serve the published article in the asked language with its stable id and links', async () => {
    const res = await get('/api/v1/knowledge/articles/certificati?lang=fr');
    expect(res.statusCode).toBe(200);
    const article = res.json();
    expect(article).toMatchObject({
      slug: 'certificati',
      id: 'KA-01002',
      language: 'fr',
      topic: 'anagrafe',
      offices: ['anagrafe-centrale'],
      services: ['certificati'],
      version: 1,
      availableLanguages: ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'],
    });
    expect(article.fallback).toBeUndefined();
    expect(article.body).toMatch(/^## /m);
    expect(article.keywords.length).toBeGreaterThan(0);
    expect(new Date(article.updatedAt).toISOString()).toBe(article.updatedAt);
  });

  it('choose the language from Accept-Language, else the city default', async () => {
    expect((await get('/api/v1/knowledge/articles/imu', { 'accept-language': 'de-CH, en;q=0.5' })).json().language).toBe('de');
    expect((await get('/api/v1/knowledge/articles/imu', { 'accept-language': 'ja' })).json().language).toBe('it');
    expect((await get('/api/v1/knowledge/articles/imu')).json().language).toBe('it');
  });

  it('answer 404 for an unknown slug and 400 for a language the city does not offer', async () => {
    const missing = await get('/api/v1/knowledge/articles/non-esiste');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('knowledge.article_not_found');
    expect((await get('/api/v1/knowledge/articles/imu?lang=ro')).json().code).toBe('request.unsupported_language');
    expect((await get('/api/v1/knowledge/articles/Not%20A%20Slug')).statusCode).toBe(400);
  });

  it('list the articles of a topic', async () => {
    const res = await get('/api/v1/knowledge/articles?lang=en&topic=mobilita');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((a: { slug: string }) => a.slug)).toEqual(['area-b', 'area-c', 'permessi-sosta']);
    expect(res.json()[0]).toMatchObject({ id: 'KA-03002', language: 'en', topic: 'mobilita' });
    const all = await get('/api/v1/knowledge/articles?lang=zh');
    expect(all.json().length).toBeGreaterThanOrEqual(17);
    expect(all.json().every((a: { language: string }) => a.language === 'zh')).toBe(true);
  });

  it("show the default language's text, marked, where a translation was withdrawn", async () => {
    const editor = await signIn(t.app, 'editor');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/knowledge/articles/multe/translations/ru', headers: editor })).statusCode).toBe(204);
    const article = (await get('/api/v1/knowledge/articles/multe?lang=ru')).json();
    expect(article).toMatchObject({ slug: 'multe', language: 'it', fallback: true });
    expect(article.availableLanguages).not.toContain('ru');
    const listed = (await get('/api/v1/knowledge/articles?lang=ru')).json().find((a: { slug: string }) => a.slug === 'multe');
    expect(listed).toMatchObject({ language: 'it', fallback: true });
    // The default language is every other's fallback: it cannot be withdrawn.
    const refused = await t.app.inject({ method: 'DELETE', url: '/api/v1/knowledge/articles/multe/translations/it', headers: editor });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('knowledge.default_translation_required');
    const again = await t.app.inject({ method: 'DELETE', url: '/api/v1/knowledge/articles/multe/translations/ru', headers: editor });
    expect(again.json().code).toBe('knowledge.version_not_found');
  });
});
