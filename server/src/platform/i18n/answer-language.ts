import type { CityProfile } from '../city-profile';
import { AppError } from '../errors/error-codes';
import { negotiateLanguage, type LanguageCode } from './languages';

/**
 * The answer language (api-contract.md "General"): `lang` when given, and then it must be one of the
 * city's languages (400 `request.unsupported_language` otherwise); else the best match of
 * Accept-Language; else the city's default.
 */
export function answerLanguage(ctx: { city: Pick<CityProfile, 'languages' | 'defaultLanguage'> }, lang: string | undefined, acceptLanguage: string | undefined): LanguageCode {
  const { languages, defaultLanguage } = ctx.city;
  if (lang === undefined) return negotiateLanguage(languages, defaultLanguage, acceptLanguage);
  const offered = languages.find((l) => l === lang);
  if (!offered) {
    throw new AppError('request.unsupported_language', `"${lang}" is not one of this city's languages (${languages.join(', ')}).`, [
      { field: 'query.lang', message: `one of ${languages.join(', ')}` },
    ]);
  }
  return offered;
}
