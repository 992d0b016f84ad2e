import type { LanguageCode } from '../../platform/i18n/languages';

export { answerLanguage } from '../../platform/i18n/answer-language';

/** A name in the language, else the city's default, else any. */
export function pickName(names: Readonly<Record<string, string>>, lang: LanguageCode, fallback: LanguageCode): string {
  return names[lang] ?? names[fallback] ?? Object.values(names)[0] ?? '';
}
