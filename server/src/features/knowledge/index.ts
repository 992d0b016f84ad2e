/**
 * Knowledge: articles ("service cards") in every configured language with versions and an editor
 * workflow, language detection and multilingual search; cultural events and school enrollment are
 * content types here too (events.ts, schools.ts).
 */
import type { AppContext } from '../../platform/context';
import type { EventName } from '../../platform/events/event-catalog';
import { clearEventAnswers, clearKnowledgeCaches } from './knowledge-cache';

export { knowledgeRoutes } from './routes';
export { importKnowledge } from './import-knowledge';
export { searchKnowledge, rankArticles, detectQuestionLanguage, knowledgeIndex, type SearchInput } from './search-knowledge';
export type { SearchAnswer, SearchResult } from './knowledge-index';
export { detectLanguage } from './language-detection';
export { getPublishedArticle, listPublishedArticles, type PublishedArticle, type ArticleListItem } from './articles';
export { createArticle, saveDraft, publishVersion, withdrawTranslation, archiveArticle } from './editor';
// The benchmark's corpus loader uses the importer's path: loadArticles → publishArticleVersions.
export { loadArticles, insertArticles, type ArticleToLoad } from './load-articles';
export { insertDraftVersions, publishArticleVersions, type TranslationContent, type VersionKey } from './publish';
export { findEventsForQuestion } from './events';

const articleEvents: EventName[] = ['article.created', 'article.draft_saved', 'article.published', 'article.translation_withdrawn', 'article.archived'];

/** Cached search answers and article pages are dropped whenever an article (or an event) changes. */
export function knowledgeListeners(ctx: AppContext): void {
  for (const name of articleEvents) ctx.events.on(name, () => clearKnowledgeCaches(ctx));
  for (const name of ['event.published', 'event.cancelled'] as const) ctx.events.on(name, () => clearEventAnswers(ctx));
}
