/** GET /api/v1/knowledge/search: language detection and ranking (knowledge-index.ts), cache, events. */
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { findEventsForQuestion } from './events';
import { knowledgeCaches } from './knowledge-cache';
import { detectQuestionLanguage as detectWith, rankArticles as rankWith, type KnowledgeIndex, type SearchAnswer, type SearchResult } from './knowledge-index';

export interface SearchInput {
  q: string;
  lang?: string | undefined;
  limit: number;
}

/** GET /api/v1/knowledge/search: `q` is already trimmed and 1–300 characters (schema.ts). */
export async function searchKnowledge(ctx: AppContext, input: SearchInput, now = new Date()): Promise<SearchAnswer> {
  const { languages } = ctx.city;
  if (input.lang !== undefined && !languages.includes(input.lang as LanguageCode)) {
    throw new AppError('request.unsupported_language', `"${input.lang}" is not one of this city's languages (${languages.join(', ')}).`);
  }
  const caches = knowledgeCaches(ctx);
  const key = `${input.lang ?? '*'}\u0000${input.limit}\u0000${input.q}`;
  const answer = (await caches.searches.through(key, async () => {
    const language = (input.lang as LanguageCode | undefined) ?? (await detectWith(ctx, caches.index, input.q));
    const results = await rankWith(ctx, caches.index, { q: input.q, language, limit: input.limit });
    return { language, results } satisfies SearchAnswer;
  })) as SearchAnswer;
  // Events depend on the time too: an answer is reused within the same minute only.
  const minute = Math.floor(now.getTime() / 60_000);
  const events = (await caches.events.through(`${answer.language}\u0000${minute}\u0000${input.q}`, () =>
    findEventsForQuestion(ctx, input.q, answer.language, now),
  )) as SearchAnswer['events'] | null;
  return events ? { ...answer, events } : answer;
}

/** The search index of an application instance (built lazily, one per language). */
export function knowledgeIndex(ctx: AppContext): KnowledgeIndex {
  return knowledgeCaches(ctx).index;
}

/** Language detection alone, without the answer cache (benchmarks, the chat assistant). */
export function detectQuestionLanguage(ctx: AppContext, q: string): Promise<LanguageCode> {
  return detectWith(ctx, knowledgeIndex(ctx), q);
}

/** Ranking alone, without the answer cache and the events part. */
export function rankArticles(ctx: AppContext, params: { q: string; language: LanguageCode; limit: number }): Promise<SearchResult[]> {
  return rankWith(ctx, knowledgeIndex(ctx), params);
}
