import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LanguageCode } from './languages';

const SRC_DIR = fileURLToPath(new URL('../../', import.meta.url));

export type Catalog = Record<string, string>;

/**
 * The message folders: the platform's, and one per feature that has citizen-facing text
 * (`features/<name>/messages/<lang>.json`), so features own their texts.
 */
export function messageDirs(): string[] {
  const features = readdirSync(join(SRC_DIR, 'features'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SRC_DIR, 'features', d.name, 'messages')))
    .map((d) => join(SRC_DIR, 'features', d.name, 'messages'));
  return [join(SRC_DIR, 'platform', 'i18n', 'messages'), ...features];
}

/** Loads and merges every `<lang>.json` catalog (flat keys, `{name}` placeholders). */
export function loadCatalogs(dirs = messageDirs()): Map<string, Catalog> {
  const catalogs = new Map<string, Catalog>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const lang = file.replace(/\.json$/, '');
      const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalog;
      const catalog = catalogs.get(lang) ?? {};
      for (const [key, value] of Object.entries(entries)) {
        if (catalog[key] !== undefined) throw new Error(`message key "${key}" defined twice (${dir}/${file})`);
        catalog[key] = value;
      }
      catalogs.set(lang, catalog);
    }
  }
  return catalogs;
}

export class MissingTranslationError extends Error {}

/**
 * Citizen-facing text in the configured languages. A missing key is an error, never a silent
 * fallback: i18n.test.ts fails the build when a catalog lacks a key that Italian has.
 */
export class Translator {
  constructor(
    private readonly catalogs: Map<string, Catalog>,
    readonly languages: readonly LanguageCode[],
  ) {
    for (const lang of languages) {
      if (!catalogs.has(lang)) throw new MissingTranslationError(`no message catalog for language "${lang}"`);
    }
  }

  has(lang: LanguageCode, key: string): boolean {
    return this.catalogs.get(lang)?.[key] !== undefined;
  }

  t(lang: LanguageCode, key: string, params: Record<string, string | number> = {}): string {
    const template = this.catalogs.get(lang)?.[key];
    if (template === undefined) throw new MissingTranslationError(`missing translation "${key}" in "${lang}"`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  }
}
