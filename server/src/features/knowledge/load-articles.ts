/**
 * Bulk creation of published articles: the city importer's path and the benchmark's corpus loader.
 * Articles are inserted, each translation becomes version 1 (a draft) and is then published through
 * `publishArticleVersions`, exactly as an editor's publish does.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { insertDraftVersions, publishArticleVersions, queryRows, type NewVersion, type TranslationContent, type VersionKey } from './publish';

export interface NewArticle {
  slug: string;
  /** The stable external id (KA-01001); a new one is drawn from a sequence when absent. */
  externalId?: string | undefined;
  topic: string;
  offices: string[];
  services: string[];
}

export interface ArticleToLoad extends NewArticle {
  translations: Partial<Record<LanguageCode, TranslationContent>>;
}

export interface LoadedArticle {
  id: string;
  slug: string;
  externalId: string;
  languages: LanguageCode[];
}

/** Inserts articles (status active) and returns their ids and external ids, in input order. */
export async function insertArticles(tx: Db, input: NewArticle[]): Promise<{ id: string; slug: string; externalId: string }[]> {
  const out: { id: string; slug: string; externalId: string }[] = [];
  for (let i = 0; i < input.length; i += 500) {
    const rows = input.slice(i, i + 500).map((a) => ({
      id: randomUUID(),
      slug: a.slug,
      external_id: a.externalId ?? null,
      topic: a.topic,
      offices: a.offices,
      services: a.services,
    }));
    const inserted = await queryRows<{ id: string; slug: string; external_id: string }>(
      tx,
      sql`insert into articles (id, slug, external_id, topic, offices, services)
          select r.id, r.slug, coalesce(r.external_id, 'KA-' || nextval('article_external_id_seq')), r.topic, r.offices, r.services
            from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
              as r(id uuid, slug text, external_id text, topic text, offices text[], services text[])
          returning id, slug, external_id`,
    );
    const bySlug = new Map(inserted.map((r) => [r.slug, r]));
    for (const r of rows) {
      const row = bySlug.get(r.slug)!;
      out.push({ id: row.id, slug: row.slug, externalId: row.external_id });
    }
  }
  return out;
}

/**
 * Creates articles with every given translation published as version 1, in the caller's
 * transaction. Emits nothing: the caller decides which events a load produces (the importer emits
 * one article.created and one article.published per translation; a benchmark loader none).
 */
export async function loadArticles(tx: Db, input: ArticleToLoad[], author = 'import'): Promise<LoadedArticle[]> {
  const created = await insertArticles(tx, input);
  const versions: NewVersion[] = [];
  const keys: VersionKey[] = [];
  const loaded: LoadedArticle[] = [];
  input.forEach((article, i) => {
    const { id, slug, externalId } = created[i]!;
    const languages = Object.keys(article.translations) as LanguageCode[];
    for (const language of languages) {
      versions.push({ articleId: id, language, version: 1, authorId: null, author, ...article.translations[language]! });
      keys.push({ articleId: id, language, version: 1 });
    }
    loaded.push({ id, slug, externalId, languages });
  });
  await insertDraftVersions(tx, versions);
  await publishArticleVersions(tx, keys);
  return loaded;
}
