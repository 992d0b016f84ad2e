/**
 * Multilingual search over the in-memory index (search-index.ts): detect the question's language
 * with the articles' own vocabulary, rank in that language, and fill in from the city's default
 * language where an article has no translation (marked `fallback`).
 *
 * Freshness. The index of a language is built on its first search and dropped whenever an article
 * changes on this node (knowledgeListeners → clearKnowledgeCaches → `invalidate`); the next search
 * rebuilds it, so an editor sees a publication at once. Changes made through another node are
 * noticed by a cheap signature check (translations per language and the latest publication time),
 * run at most every SIGNATURE_CHECK_MS in the background of a search.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { detectLanguage, detectionTokens, type Vocabulary } from './language-detection';
import { queryRows } from './publish';
import { LanguageIndex, trigramKey } from './search-index';
import { cutSnippet, highlightChinese, queryWords, segmentChinese, usesSegmentation } from './search-text';
import { plainWord, searchTokens, WordAnalyzer } from './text-analysis';
import type { EventSummary } from './events';

const SIGNATURE_CHECK_MS = 10_000;

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

export class KnowledgeIndex {
  readonly analyzer: WordAnalyzer;
  private languages = new Map<LanguageCode, Promise<LanguageIndex>>();
  private vocabulary: Promise<Map<string, LanguageCode[]>> | null = null;
  private missing = new Map<string, boolean>();
  private signature: Promise<string> | null = null;
  private lastCheck = 0;

  constructor(
    private readonly ctx: AppContext,
    /** Called when a change made elsewhere is noticed, so that answers cached from the old index go too. */
    private readonly onStale: () => void,
  ) {
    this.analyzer = new WordAnalyzer(ctx.db);
  }

  invalidate(): void {
    this.languages = new Map();
    this.vocabulary = null;
    this.missing = new Map();
    this.signature = null;
  }

  language(language: LanguageCode): Promise<LanguageIndex> {
    this.checkFreshness();
    let found = this.languages.get(language);
    if (!found) {
      const languages = this.languages;
      found = LanguageIndex.load(this.ctx.db, language).then(({ index, analyses }) => {
        this.analyzer.remember(language, analyses);
        return index;
      });
      // A failed build is not kept: the next search tries again.
      found.catch(() => languages.get(language) === found && languages.delete(language));
      languages.set(language, found);
    }
    return found;
  }

  /** Which languages use each word of the articles (unaccented, lower case), for language detection. */
  words(): Promise<Map<string, LanguageCode[]>> {
    if (!this.vocabulary) {
      const loading = queryRows<{ word: string; languages: LanguageCode[] }>(
        this.ctx.db,
        sql`select word, array_agg(language order by language) as languages from knowledge_lexicon group by word`,
      ).then((rows) => new Map(rows.map((r) => [r.word, r.languages])));
      loading.catch(() => {
        if (this.vocabulary === loading) this.vocabulary = null;
      });
      this.vocabulary = loading;
    }
    return this.vocabulary;
  }

  /** True when some article has a translation in `fallback` but none in `language`. */
  async hasMissing(language: LanguageCode, fallback: LanguageCode): Promise<boolean> {
    const key = `${language}\u0000${fallback}`;
    let known = this.missing.get(key);
    if (known === undefined) {
      const [main, other] = await Promise.all([this.language(language), this.language(fallback)]);
      known = other.docs.some((d) => !main.byArticle.has(d.articleId));
      this.missing.set(key, known);
    }
    return known;
  }

  private checkFreshness(): void {
    const now = Date.now();
    if (now - this.lastCheck < SIGNATURE_CHECK_MS) return;
    this.lastCheck = now;
    if (!this.signature) {
      this.signature = this.readSignature();
      this.signature.catch(() => (this.signature = null));
      return;
    }
    const before = this.signature;
    void Promise.all([before, this.readSignature()])
      .then(([was, is]) => {
        if (was !== is && this.signature === before) {
          this.invalidate();
          this.onStale();
        }
      })
      .catch((error: unknown) => this.ctx.log.debug({ err: error }, 'knowledge index signature check failed'));
  }

  private async readSignature(): Promise<string> {
    const rows = await queryRows<{ language: string; n: number; latest: string }>(
      this.ctx.db,
      sql`select language, count(*)::int as n, max(published_at)::text as latest from article_search group by language order by language`,
    );
    return JSON.stringify(rows);
  }
}

/** The language a question is written in, among the city's languages. */
export async function detectQuestionLanguage(ctx: AppContext, index: KnowledgeIndex, q: string): Promise<LanguageCode> {
  const { languages, defaultLanguage } = ctx.city;
  let vocabulary: Vocabulary | undefined;
  if (/\p{Script=Latin}/u.test(q)) {
    const words = await index.words();
    vocabulary = new Map(detectionTokens(q).map((token) => [token, words.get(plainWord(token)) ?? []]));
  }
  return detectLanguage(q, languages, defaultLanguage, vocabulary);
}

/** Ranks the published translations of `language`, and of the default language where one is missing. */
export async function rankArticles(
  ctx: AppContext,
  index: KnowledgeIndex,
  params: { q: string; language: LanguageCode; limit: number },
): Promise<SearchResult[]> {
  const { q, language, limit } = params;
  const fallback = ctx.city.defaultLanguage;
  const main = await index.language(language);
  const questionTrigrams = trigramKey(plainWord(q));

  // Misspelt words (not in the language's lexicon) are completed with their nearest lexicon word.
  const fixes = usesSegmentation(language)
    ? []
    : queryWords(q)
        .map(plainWord)
        .filter((w) => !main.hasWord(w))
        .map((w) => main.nearestWord(w))
        .filter((w): w is string => w !== null);
  const stems = await lexemesOf(index, language, q, fixes);
  const found = main.rank(stems, questionTrigrams, limit).map((r) => ({ ...r, language, stems }));

  if (language !== fallback && (await index.hasMissing(language, fallback))) {
    const other = await index.language(fallback);
    const otherStems = await lexemesOf(index, fallback, q, []);
    const filled = other.rank(otherStems, questionTrigrams, limit, (id) => !main.byArticle.has(id));
    found.push(...filled.map((r) => ({ ...r, language: fallback, stems: otherStems })));
    found.sort((a, b) => b.score - a.score || (a.doc.slug < b.doc.slug ? -1 : a.doc.slug > b.doc.slug ? 1 : 0));
  }

  return found.slice(0, limit).map((r) => ({
    slug: r.doc.slug,
    title: r.doc.title,
    language: r.language,
    snippet: usesSegmentation(r.language) ? highlightChinese(r.doc.summary, q) : cutSnippet(r.doc.snippetSource, r.stems, r.language),
    score: Math.round(r.score * 10000) / 10000,
    ...(r.language !== language ? { fallback: true as const } : {}),
  }));
}

/** The question's lexemes in a language, as PostgreSQL's configuration for it makes them. */
async function lexemesOf(index: KnowledgeIndex, language: LanguageCode, q: string, extraWords: string[]): Promise<string[]> {
  const text = usesSegmentation(language) ? segmentChinese(q) : q;
  const analysed = await index.analyzer.lexemes(language, [...searchTokens(text), ...extraWords]);
  return [...new Set([...analysed.values()].flat())];
}
