/**
 * The one way a translation becomes visible: `publishArticleVersions` flips versions to published
 * (superseding the previous published one of the same language) and rewrites their search rows and
 * spelling lexicon, in batches. The editor's publish, the city importer and the benchmark's corpus
 * loader all go through it, so the index is always built the same way.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { lexiconWords, searchConfig, segmentChinese, stripMarkdown, usesSegmentation } from './search-text';

export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface TranslationContent {
  title: string;
  summary: string;
  body: string;
  keywords: string[];
}

export interface NewVersion extends TranslationContent {
  articleId: string;
  language: LanguageCode;
  version: number;
  authorId: string | null;
  author: string;
}

export interface VersionKey {
  articleId: string;
  language: LanguageCode;
  version: number;
}

const BATCH = 400;
const SNIPPET_SOURCE_CHARS = 800;

function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Inserts versions as drafts (the previous draft of the same language, if any, is superseded). */
export async function insertDraftVersions(tx: Db, versions: NewVersion[]): Promise<string[]> {
  const ids: string[] = [];
  for (const chunk of batches(versions)) {
    const rows = chunk.map((v) => ({
      id: randomUUID(),
      article_id: v.articleId,
      language: v.language,
      version: v.version,
      title: v.title,
      summary: v.summary,
      body: v.body,
      keywords: v.keywords,
      author_id: v.authorId,
      author: v.author,
    }));
    const json = JSON.stringify(rows);
    await tx.execute(sql`
      update article_versions v set state = 'superseded'
        from jsonb_to_recordset(${json}::jsonb) as r(article_id uuid, language text)
       where v.article_id = r.article_id and v.language = r.language and v.state = 'draft'`);
    await tx.execute(sql`
      insert into article_versions (id, article_id, language, version, title, summary, body, keywords, state, author_id, author)
      select r.id, r.article_id, r.language, r.version, r.title, r.summary, r.body, r.keywords, 'draft', r.author_id, r.author
        from jsonb_to_recordset(${json}::jsonb)
          as r(id uuid, article_id uuid, language text, version int, title text, summary text, body text,
               keywords text[], author_id uuid, author text)`);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

interface VersionRow {
  id: string;
  language: LanguageCode;
  title: string;
  summary: string;
  body: string;
  keywords: string[];
}

/**
 * Publishes the given draft versions: each becomes the published version of its language, the
 * previous published one is superseded, and the search rows and lexicon are rewritten, all in the
 * caller's transaction. Returns the number of versions published.
 */
export async function publishArticleVersions(tx: Db, keys: VersionKey[]): Promise<number> {
  if (keys.length === 0) return 0;
  await lockIndex(tx);
  const all = JSON.stringify(keys.map((k) => ({ article_id: k.articleId, language: k.language })));
  let published = 0;
  for (const chunk of batches(keys)) {
    const json = JSON.stringify(chunk.map((k) => ({ article_id: k.articleId, language: k.language, version: k.version })));
    await tx.execute(sql`
      update article_versions v set state = 'superseded'
        from jsonb_to_recordset(${json}::jsonb) as k(article_id uuid, language text, version int)
       where v.article_id = k.article_id and v.language = k.language and v.state = 'published' and v.version <> k.version`);
    const rows = await queryRows<VersionRow>(
      tx,
      sql`update article_versions v set state = 'published', published_at = now()
            from jsonb_to_recordset(${json}::jsonb) as k(article_id uuid, language text, version int)
           where v.article_id = k.article_id and v.language = k.language and v.version = k.version
           returning v.id, v.language, v.title, v.summary, v.body, v.keywords`,
    );
    await writeSearchRows(tx, rows);
    await tx.execute(sql`
      update articles a set updated_at = now()
       where a.id in (select k.article_id from jsonb_to_recordset(${json}::jsonb) as k(article_id uuid))`);
    published += rows.length;
  }
  return published;
}

// One writer of the index at a time: the lexicon's words are shared rows that concurrent publishes
// would otherwise insert in different orders (a deadlock on a PostgreSQL server).
const INDEX_LOCK = 7_020_202_004;

async function lockIndex(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INDEX_LOCK})`);
}

/** Writes the search rows and lexicon words of published versions. */
async function writeSearchRows(tx: Db, rows: VersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const prepared = rows.map((r) => {
    const plain = stripMarkdown(r.body);
    const zh = usesSegmentation(r.language);
    return {
      version_id: r.id,
      cfg: searchConfig(r.language),
      // Snippets come from the summary and the start of the body: the summary is written to
      // answer the common question, and a short text is quick to cut.
      snippet_source: `${r.summary} ${plain}`.slice(0, SNIPPET_SOURCE_CHARS),
      body_plain: plain,
      seg_title: zh ? segmentChinese(r.title) : null,
      seg_keywords: zh ? segmentChinese(r.keywords.join(' , ')) : null,
      seg_summary: zh ? segmentChinese(r.summary) : null,
      seg_body: zh ? segmentChinese(plain) : null,
      words: zh ? [] : lexiconWords(`${r.title} ${r.keywords.join(' ')} ${r.summary} ${plain}`),
    };
  });
  const json = JSON.stringify(prepared);
  // Weights: title and keywords A, summary B, body C (what a citizen's words most likely echo).
  await tx.execute(sql`
    insert into article_search (article_id, language, version_id, version, slug, title, summary, body, keywords,
                                snippet_source, match_text, tsv, segmented, published_at)
    select v.article_id, v.language, v.id, v.version, a.slug, v.title, v.summary, v.body, v.keywords,
           i.snippet_source,
           lower(immutable_unaccent(v.title || ' ' || array_to_string(v.keywords, ' '))),
           h.head || setweight(to_tsvector(i.cfg::regconfig, coalesce(i.seg_body, i.body_plain)), 'C'),
           case when i.seg_title is null then null
                else concat_ws(' ', i.seg_title, i.seg_keywords, i.seg_summary, i.seg_body) end,
           v.published_at
      from jsonb_to_recordset(${json}::jsonb)
        as i(version_id uuid, cfg text, snippet_source text, body_plain text,
             seg_title text, seg_keywords text, seg_summary text, seg_body text)
      join article_versions v on v.id = i.version_id
      join articles a on a.id = v.article_id
      -- Chinese fields arrive segmented (search-text.ts) and use the 'simple' configuration.
      cross join lateral (select
             setweight(to_tsvector(i.cfg::regconfig, coalesce(i.seg_title, v.title)), 'A')
          || setweight(to_tsvector(i.cfg::regconfig, coalesce(i.seg_keywords, array_to_string(v.keywords, ' , '))), 'A')
          || setweight(to_tsvector(i.cfg::regconfig, coalesce(i.seg_summary, v.summary)), 'B') as head) h
    on conflict (article_id, language) do update set
      version_id = excluded.version_id, version = excluded.version, slug = excluded.slug,
      title = excluded.title, summary = excluded.summary, body = excluded.body, keywords = excluded.keywords,
      snippet_source = excluded.snippet_source, match_text = excluded.match_text, tsv = excluded.tsv,
      segmented = excluded.segmented, published_at = excluded.published_at`);
  await tx.execute(sql`
    insert into knowledge_lexicon (language, word)
    select distinct v.language, lower(immutable_unaccent(w.word))
      from jsonb_to_recordset(${json}::jsonb) as i(version_id uuid, words text[])
      join article_versions v on v.id = i.version_id
      cross join lateral unnest(i.words) as w(word)
    on conflict do nothing`);
}

/** Takes a translation off the index (withdrawn); the caller has superseded its published version. */
export async function unindexTranslation(tx: Db, articleId: string, language: LanguageCode): Promise<void> {
  await lockIndex(tx);
  await tx.execute(sql`delete from article_search where article_id = ${articleId} and language = ${language}`);
}

/** Takes every translation of an article off the index (archived). */
export async function unindexArticle(tx: Db, articleId: string): Promise<void> {
  await lockIndex(tx);
  await tx.execute(sql`delete from article_search where article_id = ${articleId}`);
}
