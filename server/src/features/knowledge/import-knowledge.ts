import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import { mergeReports, type ImportReport } from '../../platform/import-report';
import { importEventsAndSchools } from './import-events';
import { loadArticles } from './load-articles';
import { readKnowledgeFolder } from './read-articles';

/**
 * Loads a city's knowledge base (articles in every configured language, then events and schools)
 * inside the caller's transaction. All or nothing: with any rejected file, no article is inserted
 * and the report lists every problem with its file and line (city-data/index.ts then aborts).
 */
export async function importKnowledge(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  const { languages } = loadCityProfile(cityDir);
  const { articles, rejected } = readKnowledgeFolder(cityDir, languages);
  const report: ImportReport = { counts: { articles: 0, articleTranslations: 0 }, rejected };
  if (rejected.length === 0) {
    const loaded = await loadArticles(tx, articles);
    for (const article of loaded) {
      emit('article.created', { articleId: article.id, slug: article.slug });
      for (const language of article.languages) {
        emit('article.published', { articleId: article.id, slug: article.slug, version: 1, language });
      }
    }
    report.counts.articles = loaded.length;
    report.counts.articleTranslations = loaded.reduce((n, a) => n + a.languages.length, 0);
  }
  return mergeReports(report, await importEventsAndSchools(tx, emit, cityDir));
}
