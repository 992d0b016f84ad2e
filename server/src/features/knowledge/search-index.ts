/**
 * The search index of one language, in memory: the published translations' tsvectors, as
 * PostgreSQL built them when the articles were published (publish.ts), turned into postings with
 * each term's `ts_rank` precomputed, and the spelling lexicon with its trigrams. Ranking a question
 * is then arithmetic over a few posting lists, with no statement per request: the database stays
 * the source of truth and the index is rebuilt from it when articles change (knowledge-index.ts).
 *
 * The ranking is the one docs/knowledge.md describes ("Search design"): candidates from the
 * question's selective terms, pre-ranked on title, keywords and summary; the best 100 re-ranked by
 * the idf-weighted share of the question's terms they match, each weighted by where it occurs, plus
 * a little trigram similarity to title and keywords; partial words and typos by trigrams.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { queryRows } from './publish';
import { searchConfig } from './search-text';
import { parseTsvector, termRank, trigrams, trigramSimilarity } from './text-analysis';

/** Relative weight of the signals (tuned on the demo city's questions, see search-quality.test.ts). */
export const rankWeights = { fullText: 1, trigram: 0.1 };
// Terms found in at most this share of a language's translations (or in SELECTIVE_MIN of them)
// pick the candidates; a question made only of common words falls back to all its terms.
const SELECTIVE_SHARE = 0.05;
const SELECTIVE_MIN = 50;
// Candidates re-ranked with idf per term: bounded so that common words cannot make the re-ranking
// touch every article of a large corpus.
const CANDIDATES = 100;
// pg_trgm's defaults: `%` (similarity_threshold) for spelling, `<%` (word_similarity_threshold).
const SPELLING_THRESHOLD = 0.3;
const PARTIAL_MATCH_THRESHOLD = 0.6;

export interface IndexedTranslation {
  articleId: string;
  slug: string;
  title: string;
  summary: string;
  snippetSource: string;
  /** Sorted trigram ids of the unaccented title and keywords (`match_text`). */
  matchTrigrams: Int32Array;
}

interface Posting {
  docs: Int32Array;
  /** ts_rank of the term alone over the whole translation, and over title, keywords and summary. */
  full: Float32Array;
  head: Float32Array;
}

/** A ranked translation, before snippets are cut. */
export interface Ranked {
  doc: IndexedTranslation;
  score: number;
}

/** Trigram ids shared by every language index of a process (a few tens of thousands). */
const trigramIds = new Map<string, number>();
function trigramId(t: string): number {
  let id = trigramIds.get(t);
  if (id === undefined) {
    id = trigramIds.size;
    trigramIds.set(t, id);
  }
  return id;
}
/** A text's trigrams as sorted ids; ids unknown to every index are left out (they match nothing). */
export function trigramKey(text: string, register = false): Int32Array {
  const ids: number[] = [];
  for (const t of trigrams(text)) {
    const id = register ? trigramId(t) : trigramIds.get(t);
    if (id !== undefined) ids.push(id);
  }
  return Int32Array.from(ids).sort();
}
function sharedCount(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}

const isHead = (label: string) => label === 'A' || label === 'B';

export class LanguageIndex {
  readonly byArticle = new Map<string, number>();
  private readonly postings = new Map<string, Posting>();
  private readonly lexiconWords: string[] = [];
  private readonly lexiconTrigrams: Set<string>[] = [];
  private readonly lexiconByTrigram = new Map<string, number[]>();
  private readonly lexicon = new Set<string>();
  /** Spelling fixes already looked up (misspellings repeat; the index is rebuilt on any change). */
  private readonly fixes = new Map<string, string | null>();
  // Scratch space for one ranking at a time (ranking is synchronous).
  private readonly pre: Float64Array;
  private readonly seen: Uint8Array;

  private constructor(
    readonly language: LanguageCode,
    readonly docs: IndexedTranslation[],
    postings: Map<string, { docs: number[]; full: number[]; head: number[] }>,
    lexicon: string[],
  ) {
    docs.forEach((d, i) => this.byArticle.set(d.articleId, i));
    for (const [lexeme, p] of postings) {
      this.postings.set(lexeme, { docs: Int32Array.from(p.docs), full: Float32Array.from(p.full), head: Float32Array.from(p.head) });
    }
    for (const word of lexicon) {
      const index = this.lexiconWords.length;
      const grams = trigrams(word);
      this.lexicon.add(word);
      this.lexiconWords.push(word);
      this.lexiconTrigrams.push(grams);
      for (const g of grams) {
        const list = this.lexiconByTrigram.get(g);
        if (list) list.push(index);
        else this.lexiconByTrigram.set(g, [index]);
      }
    }
    this.pre = new Float64Array(docs.length);
    this.seen = new Uint8Array(docs.length);
  }

  /** Reads one language's published translations and lexicon (two statements). */
  static async load(db: Db, language: LanguageCode): Promise<{ index: LanguageIndex; analyses: [string, readonly string[]][] }> {
    const rows = await queryRows<{ article_id: string; slug: string; title: string; summary: string; snippet_source: string; match_text: string; tsv: string }>(
      db,
      sql`select article_id, slug, title, summary, snippet_source, match_text, tsv::text as tsv
            from article_search where language = ${language} order by slug`,
    );
    // The lexicon's words analysed once here, so that questions made of them need no statement.
    const words = await queryRows<{ word: string; lexemes: string[] }>(
      db,
      sql`select word, tsvector_to_array(to_tsvector(${searchConfig(language)}::regconfig, word)) as lexemes
            from knowledge_lexicon where language = ${language}`,
    );
    const docs: IndexedTranslation[] = [];
    const postings = new Map<string, { docs: number[]; full: number[]; head: number[] }>();
    rows.forEach((row, doc) => {
      docs.push({
        articleId: row.article_id,
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        snippetSource: row.snippet_source,
        matchTrigrams: trigramKey(row.match_text, true),
      });
      for (const { lexeme, labels } of parseTsvector(row.tsv)) {
        let p = postings.get(lexeme);
        if (!p) {
          p = { docs: [], full: [], head: [] };
          postings.set(lexeme, p);
        }
        p.docs.push(doc);
        p.full.push(termRank(labels));
        p.head.push(termRank(labels, isHead));
      }
    });
    const index = new LanguageIndex(language, docs, postings, words.map((w) => w.word));
    return { index, analyses: words.map((w) => [w.word, w.lexemes] as [string, readonly string[]]) };
  }

  hasWord(plain: string): boolean {
    return this.lexicon.has(plain);
  }

  /** The lexicon word nearest to a misspelt one (pg_trgm similarity ≥ 0.3), or null. */
  nearestWord(plain: string): string | null {
    const known = this.fixes.get(plain);
    if (known !== undefined) return known;
    const found = this.searchNearest(plain);
    if (this.fixes.size >= 100_000) this.fixes.clear();
    this.fixes.set(plain, found);
    return found;
  }

  private searchNearest(plain: string): string | null {
    const grams = trigrams(plain);
    const tried = new Set<number>();
    let best: string | null = null;
    let bestScore = 0;
    for (const g of grams) {
      for (const index of this.lexiconByTrigram.get(g) ?? []) {
        if (tried.has(index)) continue;
        tried.add(index);
        const score = trigramSimilarity(grams, this.lexiconTrigrams[index]!);
        const word = this.lexiconWords[index]!;
        if (score >= SPELLING_THRESHOLD && (score > bestScore || (score === bestScore && best !== null && word < best))) {
          best = word;
          bestScore = score;
        }
      }
    }
    return best;
  }

  /**
   * The best `limit` translations for the question's lexemes. `questionTrigrams` are the
   * unaccented question's (for partial words and the small similarity bonus); `allowed` keeps only
   * some articles (the fallback language's arm: articles missing in the question's language).
   */
  rank(lexemes: readonly string[], questionTrigrams: Int32Array, limit: number, allowed?: (articleId: string) => boolean): Ranked[] {
    const total = this.docs.length;
    if (total === 0) return [];
    const terms = [...new Set(lexemes)].map((lexeme) => {
      const posting = this.postings.get(lexeme);
      const df = posting?.docs.length ?? 0;
      // BM25's idf, never below 0.
      return { posting, df, idf: Math.log(1 + (total - df + 0.5) / (df + 0.5)) };
    });
    const totalIdf = terms.reduce((sum, t) => sum + t.idf, 0);
    const found = terms.filter((t) => t.df > 0);
    const selective = found.filter((t) => t.df <= Math.max(total * SELECTIVE_SHARE, SELECTIVE_MIN));
    const pickers = selective.length > 0 ? selective : found;

    // Candidates: translations holding a selective term, pre-ranked on the head (OR of all terms).
    const { pre, seen } = this;
    const touched: number[] = [];
    for (const t of pickers) {
      for (const doc of t.posting!.docs) {
        if (seen[doc] === 0 && (!allowed || allowed(this.docs[doc]!.articleId))) {
          seen[doc] = 1;
          touched.push(doc);
        }
      }
    }
    for (const t of found) {
      const p = t.posting!;
      for (let i = 0; i < p.docs.length; i++) if (seen[p.docs[i]!] === 1) pre[p.docs[i]!]! += p.head[i]!;
    }
    let candidates = touched;
    if (touched.length > CANDIDATES) {
      const sorted = Float64Array.from(touched, (d) => pre[d]!).sort();
      const threshold = sorted[sorted.length - CANDIDATES]!;
      candidates = touched.filter((d) => pre[d]! > threshold);
      for (const d of touched) if (candidates.length < CANDIDATES && pre[d]! === threshold) candidates.push(d);
    }
    for (const d of touched) {
      seen[d] = 0;
      pre[d] = 0;
    }
    if (candidates.length === 0) {
      // Nothing matched word for word: titles and keywords that contain the question almost as typed.
      for (let d = 0; d < total && candidates.length < CANDIDATES; d++) {
        const doc = this.docs[d]!;
        if (allowed && !allowed(doc.articleId)) continue;
        if (questionTrigrams.length > 0 && sharedCount(questionTrigrams, doc.matchTrigrams) / questionTrigrams.length >= PARTIAL_MATCH_THRESHOLD) candidates.push(d);
      }
    }

    const ranked = candidates.map((d) => {
      let matched = 0;
      for (const t of found) {
        const at = binarySearch(t.posting!.docs, d);
        if (at >= 0) matched += t.idf * t.posting!.full[at]!;
      }
      const doc = this.docs[d]!;
      const shared = sharedCount(questionTrigrams, doc.matchTrigrams);
      const similarity = shared > 0 ? shared / (questionTrigrams.length + doc.matchTrigrams.length - shared) : 0;
      return { doc, score: (rankWeights.fullText * matched) / Math.max(totalIdf, 0.000001) + rankWeights.trigram * similarity };
    });
    ranked.sort((a, b) => b.score - a.score || (a.doc.slug < b.doc.slug ? -1 : a.doc.slug > b.doc.slug ? 1 : 0));
    return ranked.slice(0, limit);
  }
}

function binarySearch(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

