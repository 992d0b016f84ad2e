/**
 * Public reads of published articles: one article in a language (the city's default language stands
 * in, marked `fallback`, where a translation is missing) and the list of articles. Both read the
 * search table, which holds exactly the published translations of active articles.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { knowledgeCaches } from './knowledge-cache';
import { queryRows } from './publish';

export interface PublishedArticle {
  slug: string;
  id: string;
  language: LanguageCode;
  title: string;
  summary: string;
  body: string;
  keywords: string[];
  topic: string;
  offices: string[];
  services: string[];
  version: number;
  updatedAt: string;
  availableLanguages: LanguageCode[];
  fallback?: true;
}

export interface ArticleListItem {
  slug: string;
  id: string;
  language: LanguageCode;
  title: string;
  summary: string;
  topic: string;
  updatedAt: string;
  fallback?: true;
}

export { answerLanguage } from '../../platform/i18n/answer-language';

interface ArticleRow {
  slug: string;
  external_id: string;
  topic: string;
  offices: string[];
  services: string[];
  language: LanguageCode;
  version: number;
  title: string;
  summary: string;
  body: string;
  keywords: string[];
  published_at: Date | string;
  available: LanguageCode[];
}

export async function getPublishedArticle(ctx: AppContext, slug: string, language: LanguageCode): Promise<PublishedArticle> {
  const fallback = ctx.city.defaultLanguage;
  const article = (await knowledgeCaches(ctx).articles.through(`${language}\u0000${slug}`, async () => {
    const [row] = await queryRows<ArticleRow>(
      ctx.db,
      sql`select a.slug, a.external_id, a.topic, a.offices, a.services,
                 s.language, s.version, s.title, s.summary, s.body, s.keywords, s.published_at,
                 array(select x.language from article_search x where x.article_id = a.id) as available
            from articles a
            join article_search s on s.article_id = a.id and s.language in (${language}, ${fallback})
           where a.slug = ${slug} and a.status = 'active'
           order by (s.language = ${language}) desc
           limit 1`,
    );
    if (!row) return null;
    const order = ctx.city.languages;
    const result: PublishedArticle = {
      slug: row.slug,
      id: row.external_id,
      language: row.language,
      title: row.title,
      summary: row.summary,
      body: row.body,
      keywords: row.keywords,
      topic: row.topic,
      offices: row.offices,
      services: row.services,
      version: row.version,
      updatedAt: new Date(row.published_at).toISOString(),
      availableLanguages: order.filter((l) => row.available.includes(l)),
      ...(row.language !== language ? { fallback: true as const } : {}),
    };
    return result;
  })) as PublishedArticle | null;
  if (!article) throw new AppError('knowledge.article_not_found', `No published article "${slug}".`);
  return article;
}

export async function listPublishedArticles(ctx: AppContext, language: LanguageCode, topic?: string): Promise<ArticleListItem[]> {
  const fallback = ctx.city.defaultLanguage;
  return (await knowledgeCaches(ctx).articles.through(`list\u0000${language}\u0000${topic ?? ''}`, async () => {
    const rows = await queryRows<Omit<ArticleRow, 'offices' | 'services' | 'body' | 'keywords' | 'available' | 'version'>>(
      ctx.db,
      sql`select distinct on (a.slug) a.slug, a.external_id, a.topic, s.language, s.title, s.summary, s.published_at
            from articles a
            join article_search s on s.article_id = a.id and s.language in (${language}, ${fallback})
           where a.status = 'active' ${topic ? sql`and a.topic = ${topic}` : sql``}
           order by a.slug, (s.language = ${language}) desc`,
    );
    return rows.map(
      (r): ArticleListItem => ({
        slug: r.slug,
        id: r.external_id,
        language: r.language,
        title: r.title,
        summary: r.summary,
        topic: r.topic,
        updatedAt: new Date(r.published_at).toISOString(),
        ...(r.language !== language ? { fallback: true as const } : {}),
      }),
    );
  })) as ArticleListItem[];
}
