/**
 * Ranking for multilingual search over the published translations (docs/knowledge.md, "Search design").
 * One SQL statement per search: misspelt words are corrected against the lexicon (trigrams); the
 * question's lexemes, made by PostgreSQL itself from the user's text (never by pasting text into
 * tsquery syntax), are OR-ed; candidates come from the full-text index (the trigram index when
 * nothing matches); the score is the idf-weighted share of the question's terms an article matches,
 * each weighted by where it occurs (ts_rank with title/keywords > summary > body), plus a little
 * trigram word similarity to the title and keywords.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import type { EventSummary } from './events';
import { detectLanguage, detectionTokens, type Vocabulary } from './language-detection';
import { queryRows } from './publish';
import { cutSnippet, highlightChinese, queryWords, searchConfig, segmentChinese, usesSegmentation } from './search-text';

export interface SearchResult {
  slug: string;
  title: string;
  language: LanguageCode;
  snippet: string;
  score: number;
  fallback?: true;
}

export interface SearchAnswer {
  language: LanguageCode;
  results: SearchResult[];
  events?: { from: string; to: string; events: EventSummary[] };
}

/** Relative weight of the signals (tuned on the demo city's questions, see search-quality.test.ts). */
export const rankWeights = { fullText: 1, trigram: 0.1 };
// ts_rank weights of the labels D, C, B, A: body C, summary B, title and keywords A.
const LABEL_WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';
// Terms found in at most this share of a language's translations (or in SELECTIVE_MIN of them)
// pick the candidates; a question made only of common words falls back to all its terms.
const SELECTIVE_SHARE = 0.05;
const SELECTIVE_MIN = 50;
// Candidates re-ranked with IDF per term: bounded so that common words cannot make the re-ranking
// touch every article of a large corpus.
const CANDIDATES = 100;

export interface RankParams {
  q: string;
  language: LanguageCode;
  /** The city's default language: its translation stands in where one in `language` is missing. */
  fallback: LanguageCode;
  /** False when every article has a translation in `language` (the fallback arm is then skipped). */
  fallbackNeeded: boolean;
  limit: number;
}

interface RankedRow {
  slug: string;
  title: string;
  language: LanguageCode;
  summary: string;
  snippet_source: string;
  score: number;
  /** The question's lexemes (stems), for highlighting. */
  stems: string[];
}

/** Misspelt words (not in the lexicon) replaced by their nearest lexicon word, space-separated. */
function spellingFixes(language: LanguageCode, words: string[]): SQL {
  if (words.length === 0) return sql`select null::text as words`;
  // Both look-ups are correlated subqueries on purpose: with a handful of words, index probes (the
  // word index, then the trigram index) beat the hash of a whole language's lexicon that a join
  // plan would build. The language test is kept out of the trigram probe's index condition
  // ("|| ''") so that the planner takes the trigram index rather than scanning a language.
  return sql`select string_agg(f.word, ' ') as words from (
      select (select l.word from knowledge_lexicon l
               where l.word % w.word and l.language || '' = ${language}
               order by similarity(l.word, w.word) desc, l.word limit 1) as word
        from (select distinct lower(immutable_unaccent(x)) as word from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) as x) w
       where (select count(*) from knowledge_lexicon k where k.language = ${language} and k.word = w.word) = 0
    ) f`;
}

/**
 * One arm of the search: the published translations of one language ranked against the question.
 * With `onlyMissingIn`, only articles without a translation in that language (the fallback arm).
 */
function arm(language: LanguageCode, q: string, limit: number, onlyMissingIn?: LanguageCode): SQL {
  const zh = usesSegmentation(language);
  const cfg = searchConfig(language);
  const text = zh ? segmentChinese(q) : q;
  const missing = onlyMissingIn
    ? sql`and not exists (select 1 from article_search t where t.article_id = s.article_id and t.language = ${onlyMissingIn})`
    : sql``;
  return sql`(
    with fixes as (${spellingFixes(language, zh || onlyMissingIn ? [] : queryWords(q))}),
    size as (
      select coalesce((select documents from knowledge_language_stats where language = ${language}), 0)::float8 as total
    ), terms as (
      -- Each distinct lexeme of the question (and of the fixes) as a one-word tsquery, with its
      -- document frequency and inverse document frequency in this language (BM25's idf, never < 0).
      select t.lexeme, t.tq, t.df, ln(1 + (size.total - t.df + 0.5) / (t.df + 0.5)) as idf
        from (select u.lexeme, plainto_tsquery('simple', u.lexeme) as tq, coalesce(st.documents, 0) as df
                from unnest(tsvector_to_array(to_tsvector(${cfg}::regconfig, ${text} || ' ' || coalesce((select words from fixes), '')))) as u(lexeme)
                left join knowledge_lexeme_stats st on st.language = ${language} and st.lexeme = u.lexeme) t
        cross join size
       where numnode(t.tq) > 0
    ), input as (
      -- OR of the terms: a citizen's question is long and most of its words are not in the article.
      select coalesce((select string_agg(tq::text, ' | ') from terms), '')::tsquery as query,
             coalesce((select string_agg(tq::text, ' | ') from terms, size
                        -- a word found in no article narrows nothing: it would empty the answer.
                        where terms.df > 0 and terms.df <= greatest(size.total * ${SELECTIVE_SHARE}, ${SELECTIVE_MIN})),
                      (select string_agg(tq::text, ' | ') from terms), '')::tsquery as selective,
             coalesce((select sum(idf) from terms), 0) as total_idf,
             lower(immutable_unaccent(${q})) as qn
    ), fts as (
      -- Full-text candidates, pre-ranked on title, keywords and summary only (a small vector).
      select s.article_id, ts_rank(${LABEL_WEIGHTS}::float4[], s.head_tsv, input.query) as pre
        from input join article_search s on s.tsv @@ input.selective
       where s.language = ${language} ${missing}
    ), trgm as (
      -- Only when nothing matched word for word: titles and keywords that contain the question
      -- almost as typed (partial words, typos the lexicon could not fix).
      select s.article_id, 0::real as pre
        from input join article_search s on input.qn <% s.match_text
       where s.language = ${language} ${missing} and not exists (select 1 from fts)
    ), candidates as (
      select m.article_id from (select * from fts union all select * from trgm) m
       order by m.pre desc
       limit ${CANDIDATES}
    ), ranked as (
      -- Share of the question's information (idf) the article matches, each term weighted by where
      -- it occurs (ts_rank of that term alone), plus a little trigram similarity to title/keywords.
      select s.slug, s.title, s.language, s.summary, s.snippet_source,
             ${rankWeights.fullText}::float8
               * coalesce((select sum(t.idf * ts_rank(${LABEL_WEIGHTS}::float4[], s.vec, t.tq)) from terms t where s.vec @@ t.tq), 0)
               / greatest(input.total_idf, 0.000001)
           + ${rankWeights.trigram}::float8 * word_similarity(input.qn, s.match_text) as score
        from (
          -- "|| ''" makes one in-memory copy of the (TOASTed) vector per candidate, instead of
          -- one de-TOAST per term and function call below; OFFSET 0 keeps it computed here.
          select s.slug, s.title, s.language, s.summary, s.snippet_source, s.match_text, s.tsv || ''::tsvector as vec
            from candidates c
            join article_search s on s.article_id = c.article_id and s.language = ${language}
          offset 0
        ) s
        cross join input
       order by score desc, s.slug
       limit ${limit}
    )
    select r.slug, r.title, r.language, r.summary, r.snippet_source, r.score::float8 as score,
           array(select t.lexeme from terms t) as stems
      from ranked r
  )`;
}

/** The ranking statement (exported for EXPLAIN in tests and benchmarks). */
export function rankQuery(params: RankParams): SQL {
  const main = arm(params.language, params.q, params.limit);
  return params.fallback === params.language || !params.fallbackNeeded
    ? sql`select * from ${main} as found order by score desc, slug`
    : sql`select * from (${main} union all ${arm(params.fallback, params.q, params.limit, params.language)}) as found
          order by score desc, slug limit ${params.limit}`;
}

/**
 * How many articles have a translation in the default language but none in each other language
 * (most often none: the fallback arm is then skipped). Computed once per change of the knowledge
 * base (the caller caches it).
 */
export async function missingTranslations(db: Db, languages: readonly LanguageCode[], fallback: LanguageCode): Promise<Map<LanguageCode, number>> {
  const rows = await queryRows<{ language: LanguageCode; missing: number }>(
    db,
    sql`select x.language, count(*)::int as missing
          from article_search f
          cross join jsonb_array_elements_text(${JSON.stringify(languages)}::jsonb) as x(language)
         where f.language = ${fallback}
           and not exists (select 1 from article_search t where t.article_id = f.article_id and t.language = x.language)
         group by x.language`,
  );
  return new Map(rows.map((r) => [r.language, r.missing]));
}

/** Ranks the published translations of `language` (and of `fallback` where one is missing). */
export async function rankArticles(db: Db, params: RankParams): Promise<SearchResult[]> {
  const query = rankQuery(params);
  const rows = await queryRows<RankedRow>(db, query);
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    language: r.language,
    snippet: usesSegmentation(r.language)
      ? highlightChinese(r.summary, params.q)
      : cutSnippet(r.snippet_source, r.stems, r.language),
    score: Math.round(Number(r.score) * 10000) / 10000,
    ...(r.language !== params.language ? { fallback: true as const } : {}),
  }));
}

/** The languages in which the articles use each of the text's words (for language detection). */
async function vocabularyOf(db: Db, text: string): Promise<Vocabulary | undefined> {
  if (!/\p{Script=Latin}/u.test(text)) return undefined;
  const tokens = detectionTokens(text);
  if (tokens.length === 0) return undefined;
  // One index probe per word (a correlated subquery), never a scan of the lexicon.
  const rows = await queryRows<{ token: string; languages: LanguageCode[] }>(
    db,
    sql`select t.token, array(select l.language from knowledge_lexicon l where l.word = lower(immutable_unaccent(t.token))) as languages
          from jsonb_array_elements_text(${JSON.stringify(tokens)}::jsonb) as t(token)`,
  );
  return new Map(rows.map((r) => [r.token, r.languages]));
}

/** The language a question is written in, among the city's languages. */
export async function detectQuestionLanguage(
  db: Db,
  q: string,
  languages: readonly LanguageCode[],
  defaultLanguage: LanguageCode,
): Promise<LanguageCode> {
  return detectLanguage(q, languages, defaultLanguage, await vocabularyOf(db, q));
}

