import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import { negotiateLanguage, type LanguageCode } from '../../platform/i18n/languages';

/**
 * The answer language (api-contract.md "General"): `lang` when given, and then it must be one of
 * the city's languages (400 otherwise); else the best match of Accept-Language; else the default.
 */
export function answerLanguage(ctx: AppContext, lang: string | undefined, acceptLanguage: string | undefined): LanguageCode {
  if (lang !== undefined) {
    const offered = ctx.city.languages.find((l) => l === lang);
    if (!offered) {
      throw new AppError('request.unsupported_language', `"${lang}" is not one of ${ctx.city.languages.join(', ')}.`, [
        { field: 'query.lang', message: `must be one of ${ctx.city.languages.join(', ')}` },
      ]);
    }
    return offered;
  }
  return negotiateLanguage(ctx.city.languages, ctx.city.defaultLanguage, acceptLanguage);
}

/** A name in the language, else the city's default, else any. */
export function pickName(names: Readonly<Record<string, string>>, lang: LanguageCode, fallback: LanguageCode): string {
  return names[lang] ?? names[fallback] ?? Object.values(names)[0] ?? '';
}
