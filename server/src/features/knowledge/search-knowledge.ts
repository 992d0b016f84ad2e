/** GET /api/v1/knowledge/search: language detection, ranking (rank-articles.ts), cache, events. */
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { findEventsForQuestion } from './events';
import { knowledgeCaches } from './knowledge-cache';
import { detectQuestionLanguage, missingTranslations, rankArticles, type SearchAnswer } from './rank-articles';

export interface SearchInput {
  q: string;
  lang?: string | undefined;
  limit: number;
}

/** GET /api/v1/knowledge/search: `q` is already trimmed and 1–300 characters (schema.ts). */
export async function searchKnowledge(ctx: AppContext, input: SearchInput, now = new Date()): Promise<SearchAnswer> {
  const { languages, defaultLanguage } = ctx.city;
  if (input.lang !== undefined && !languages.includes(input.lang as LanguageCode)) {
    throw new AppError('request.unsupported_language', `"${input.lang}" is not one of this city's languages (${languages.join(', ')}).`);
  }
  const caches = knowledgeCaches(ctx);
  const key = `${input.lang ?? '*'}\u0000${input.limit}\u0000${input.q}`;
  const answer = (await caches.searches.through(key, async () => {
    const language = (input.lang as LanguageCode | undefined) ?? (await detectQuestionLanguage(ctx.db, input.q, languages, defaultLanguage));
    const missing = (await caches.coverage.through('missing', () => missingTranslations(ctx.db, languages, defaultLanguage))) as Map<LanguageCode, number>;
    const fallbackNeeded = (missing.get(language) ?? 0) > 0;
    const results = await rankArticles(ctx.db, { q: input.q, language, fallback: defaultLanguage, fallbackNeeded, limit: input.limit });
    return { language, results } satisfies SearchAnswer;
  })) as SearchAnswer;
  // Events depend on the time too: an answer is reused within the same minute only.
  const minute = Math.floor(now.getTime() / 60_000);
  const events = (await caches.events.through(`${answer.language}\u0000${minute}\u0000${input.q}`, () =>
    findEventsForQuestion(ctx, input.q, answer.language, now),
  )) as SearchAnswer['events'] | null;
  return events ? { ...answer, events } : answer;
}
