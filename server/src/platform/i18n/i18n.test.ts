import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromRepoRoot } from '../paths';
import { loadCatalogs, messageDirs, MissingTranslationError, Translator } from './i18n';
import { knownLanguages, negotiateLanguage } from './languages';

const city = parse(readFileSync(fromRepoRoot('data/demo-milano/city.yaml'), 'utf8')) as { languages: string[] };

describe('message catalogs', () => {
  it('exist for every language of the demo city, in every message folder, with the same keys', () => {
    for (const dir of messageDirs()) {
      const keysOf = (lang: string) => Object.keys(JSON.parse(readFileSync(`${dir}/${lang}.json`, 'utf8'))).sort();
      const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
      for (const lang of city.languages) expect(files, `${dir} lacks ${lang}.json`).toContain(lang);
      const reference = keysOf('it');
      for (const lang of city.languages) expect(keysOf(lang), `${dir}/${lang}.json`).toEqual(reference);
    }
  });

  it('have no empty text, and keep every {placeholder} of the Italian text', () => {
    const catalogs = loadCatalogs();
    const it = catalogs.get('it')!;
    for (const lang of city.languages) {
      const catalog = catalogs.get(lang)!;
      for (const [key, source] of Object.entries(it)) {
        expect(catalog[key]?.trim(), `${lang}: ${key}`).toBeTruthy();
        const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(catalog[key]!), `${lang}: ${key}`).toEqual(placeholders(source));
      }
    }
  });

  it('refuse a missing key instead of falling back silently', () => {
    const translator = new Translator(new Map([['it', { a: 'uno {n}' }]]), ['it']);
    expect(translator.t('it', 'a', { n: 1 })).toBe('uno 1');
    expect(() => translator.t('it', 'b')).toThrow(MissingTranslationError);
    expect(() => new Translator(new Map(), ['it'])).toThrow(MissingTranslationError);
  });
});

describe('language negotiation', () => {
  const offered = ['it', 'en', 'zh', 'ar'] as const;
  it('follows Accept-Language q-values and primary subtags', () => {
    expect(negotiateLanguage(offered, 'it', 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(negotiateLanguage(offered, 'it', 'de-DE,de;q=0.9,en;q=0.5')).toBe('en');
    expect(negotiateLanguage(offered, 'it', 'en;q=0.1, ar;q=0.9')).toBe('ar');
    expect(negotiateLanguage(offered, 'it', 'fr')).toBe('it');
    expect(negotiateLanguage(offered, 'it', undefined)).toBe('it');
    expect(negotiateLanguage(offered, 'it', ';;;q=abc,,')).toBe('it');
  });

  it('marks Arabic right-to-left and every other default language left-to-right', () => {
    for (const code of city.languages) {
      expect(knownLanguages[code as keyof typeof knownLanguages].direction).toBe(code === 'ar' ? 'rtl' : 'ltr');
    }
  });
});
