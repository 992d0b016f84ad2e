/** GET /api/v1/knowledge/search: language detection, ranking (rank-articles.ts), cache, events. */
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { findEventsForQuestion } from './events';
import { knowledgeCaches } from './knowledge-cache';
import { detectQuestionLanguage, rankArticles, type SearchAnswer } from './rank-articles';

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
  const key = `${input.lang ?? '*'}\u0000${input.limit}\u0000${input.q}`;
  const answer = (await knowledgeCaches(ctx).searches.through(key, async () => {
    const language = (input.lang as LanguageCode | undefined) ?? (await detectQuestionLanguage(ctx.db, input.q, languages, defaultLanguage));
    const results = await rankArticles(ctx.db, { q: input.q, language, fallback: defaultLanguage, limit: input.limit });
    return { language, results } satisfies SearchAnswer;
  })) as SearchAnswer;
  const events = await findEventsForQuestion(ctx, input.q, answer.language, now);
  return events ? { ...answer, events } : answer;
}
