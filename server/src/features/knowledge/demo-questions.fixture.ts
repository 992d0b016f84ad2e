/** The search-quality test set: every demo article's questions.yaml (3 citizen questions per language). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { LanguageCode } from '../../platform/i18n/languages';
import { fromRepoRoot } from '../../platform/paths';

export const demoCityDir = fromRepoRoot('data/demo-milano');
export const demoLanguages: LanguageCode[] = ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'];

export interface DemoQuestion {
  slug: string;
  language: LanguageCode;
  text: string;
}

export function demoQuestions(): DemoQuestion[] {
  const root = join(demoCityDir, 'knowledge');
  const out: DemoQuestion[] = [];
  for (const slug of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const byLanguage = parse(readFileSync(join(root, slug, 'questions.yaml'), 'utf8')) as Record<string, string[]>;
    for (const language of demoLanguages) {
      for (const text of byLanguage[language] ?? []) out.push({ slug, language, text });
    }
  }
  return out;
}
