import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

interface Answer {
  language: string;
  results: { slug: string; title: string; language: string; snippet: string; score: number; fallback?: boolean }[];
  events?: { from: string; to: string; events: unknown[] };
}

const search = (params: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: `/api/v1/knowledge/search?${new URLSearchParams(params)}` });

async function top(q: string, lang?: string): Promise<Answer> {
  const res = await search({ q, ...(lang ? { lang } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Answer;
}

describe('knowledge search', () => {
  it('answers in the detected language with snippets cut from the article, best first', async () => {
    const answer = await top('quanto costa la carta d’identità elettronica');
    expect(answer.language).toBe('it');
    expect(answer.results[0]).toMatchObject({ slug: 'carta-identita', language: 'it' });
    expect(answer.results[0]!.fallback).toBeUndefined();
    const scores = answer.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const snippet = answer.results[0]!.snippet;
    expect(snippet).toMatch(/<mark>[^<]+<\/mark>/);
    expect(snippet).not.toMatch(/##|\*\*|^\s*- /);
    expect(snippet.replace(/<\/?mark>/g, '')).not.toMatch(/<|>/);
  });

  it('answers Chinese questions in Chinese with highlighted summaries', async () => {
    const answer = await top('身份证丢了怎么办');
    expect(answer.language).toBe('zh');
    expect(answer.results[0]).toMatchObject({ slug: 'carta-identita', language: 'zh' });
    expect(answer.results[0]!.snippet).toContain('<mark>');
  });

  it('tolerates typos and missing accents', async () => {
    expect((await top("carta d'identita scaduta", 'it')).results[0]!.slug).toBe('carta-identita');
    expect((await top('permesso sosta residenti', 'it')).results[0]!.slug).toBe('permessi-sosta');
    expect((await top('imu sacdenza', 'it')).results[0]!.slug).toBe('imu');
    expect((await top('cata d idnetita', 'it')).results.slice(0, 3).map((r) => r.slug)).toContain('carta-identita');
    expect((await top('congestoin charge area', 'en')).results.slice(0, 3).map((r) => r.slug)).toContain('area-c');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/docs')).json() as { paths: Record<string, { get?: { parameters: { name: string; description?: string }[] } }> };
    const params = doc.paths['/api/v1/knowledge/search']!.get!.parameters;
    expect(params.map((p) => p.name).sort()).toEqual(['lang', 'limit', 'q']);
    expect(params.find((p) => p.name === 'q')!.description).toContain('300');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/knowledge/articles/{slug}', '/api/v1/knowledge/articles/{slug}/translations/{lang}/draft']));
  });

  it('respects the limit', async () => {
    const res = await search({ q: 'come pagare', limit: '2' });
    expect(res.json().results).toHaveLength(2);
  });

  it('adds the events of the time window a question names', async () => {
    const answer = await top('eventi a Milano questo weekend', 'it');
    expect(answer.events).toMatchObject({ from: expect.any(String), to: expect.any(String), events: expect.any(Array) });
    expect((await top('quanto costa la carta di identità', 'it')).events).toBeUndefined();
  });

  it('refuses bad parameters with a 400 problem', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ q: '' }, 'request.invalid_parameters'],
      [{ q: '    ' }, 'request.invalid_parameters'],
      [{ q: 'x'.repeat(301) }, 'request.invalid_parameters'],
      [{ q: '😀'.repeat(1000) }, 'request.invalid_parameters'],
      [{ q: 'tari', limit: '0' }, 'request.invalid_parameters'],
      [{ q: 'tari', limit: '51' }, 'request.invalid_parameters'],
      [{ q: 'tari', limit: 'ten' }, 'request.invalid_parameters'],
      [{ q: 'tari', lang: 'xx' }, 'request.unsupported_language'],
      [{ q: 'tari', lang: 'ro' }, 'request.unsupported_language'],
      [{ q: 'tari', lang: 'english' }, 'request.invalid_parameters'],
    ];
    for (const [params, code] of cases) {
      const res = await search(params);
      expect(res.statusCode, JSON.stringify(params)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code, JSON.stringify(params)).toBe(code);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/knowledge/search' })).statusCode).toBe(400);
  });

  it('never fails on hostile input', async () => {
    const hostile = [
      "'; drop table articles; --",
      "carta' or '1'='1",
      '<script>alert(1)</script>',
      '!&|():*',
      "a & b | !c <-> d:* 'e'",
      'foo:* & (bar | !',
      "'''\\\\'\\",
      '$1 $2 ::tsquery',
      '%',
      '\u0000nul\u0001',
      '😀'.repeat(150),
      'é'.repeat(300),
      'il la di che e', // only stop words
      '身'.repeat(300),
      'ضاعت '.repeat(50),
    ];
    for (const q of hostile) {
      for (const lang of [undefined, 'it', 'zh', 'ar']) {
        const res = await search({ q, ...(lang ? { lang } : {}) });
        expect(res.statusCode, `${q} (${lang})`).toBe(200);
        expect(Array.isArray(res.json().results)).toBe(true);
      }
    }
    // Percent-encoded bytes that are not UTF-8, and an unpaired surrogate.
    for (const raw of ['%FF%FE', '%ED%A0%80abc', 'tari%00', '%E2%82']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/search?q=${raw}` });
      expect(res.statusCode, raw).toBe(raw === 'tari%00' ? 200 : 400);
    }
    const articles = await t.app.ctx.database.query<{ n: number }>('select count(*)::int as n from articles');
    expect(articles[0]!.n).toBeGreaterThanOrEqual(17);
  });

  it("falls back to the default language's article where a translation is withdrawn", async () => {
    const editor = await signIn(t.app, 'editor');
    const before = await top('waste tax instalments TARI', 'en');
    expect(before.results[0]).toMatchObject({ slug: 'tari', language: 'en' });
    const withdrawn = await t.app.inject({ method: 'DELETE', url: '/api/v1/knowledge/articles/tari/translations/en', headers: editor });
    expect(withdrawn.statusCode).toBe(204);
    const after = await top('waste tax instalments TARI', 'en');
    expect(after.language).toBe('en');
    const tari = after.results.find((r) => r.slug === 'tari');
    expect(tari).toMatchObject({ language: 'it', fallback: true });
    expect(after.results.filter((r) => r.slug !== 'tari').every((r) => r.language === 'en' && r.fallback === undefined)).toBe(true);
    // The other languages are untouched.
    expect((await top('TARI Müllgebühr Raten', 'de')).results[0]).toMatchObject({ slug: 'tari', language: 'de' });
  });
});
