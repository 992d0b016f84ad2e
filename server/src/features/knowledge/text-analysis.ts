/**
 * The linguistics of search stay PostgreSQL's: a word's lexemes are what `to_tsvector` makes of it
 * in the language's unaccenting configuration (stemming, stop words, unaccent), exactly as when the
 * articles were indexed. What changes is how often we ask: each distinct word is analysed once and
 * remembered, so a question made of known words needs no database round trip at all. The
 * published articles' own words are analysed in one statement when a language's index is built.
 *
 * Also here: reading a tsvector's text form, PostgreSQL's ts_rank for one term, pg_trgm's trigrams,
 * and the unaccenting used for spelling and language detection.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { LanguageCode } from '../../platform/i18n/languages';
import { queryRows } from './publish';
import { searchConfig } from './search-text';

/** Remembered analyses per configuration; beyond this many words the oldest half is dropped. */
const MEMO_LIMIT = 200_000;

export class WordAnalyzer {
  private readonly memo = new Map<string, Map<string, readonly string[]>>();

  constructor(private readonly db: Db) {}

  private memoOf(language: LanguageCode): Map<string, readonly string[]> {
    const config = searchConfig(language);
    let found = this.memo.get(config);
    if (!found) {
      found = new Map();
      this.memo.set(config, found);
    }
    return found;
  }

  /** Records analyses made elsewhere (the lexicon's words, analysed when an index is built). */
  remember(language: LanguageCode, entries: Iterable<[string, readonly string[]]>): void {
    const memo = this.memoOf(language);
    for (const [word, lexemes] of entries) memo.set(word, lexemes);
    this.trim(memo);
  }

  /** The lexemes of each word (one word per entry, as split by `searchTokens`), in one round trip at most. */
  async lexemes(language: LanguageCode, words: readonly string[]): Promise<Map<string, readonly string[]>> {
    const memo = this.memoOf(language);
    const missing = [...new Set(words.filter((w) => !memo.has(w)))];
    if (missing.length > 0) {
      const rows = await queryRows<{ word: string; lexemes: string[] }>(
        this.db,
        sql`select w.word, tsvector_to_array(to_tsvector(${searchConfig(language)}::regconfig, w.word)) as lexemes
              from jsonb_array_elements_text(${JSON.stringify(missing)}::jsonb) as w(word)`,
      );
      for (const row of rows) memo.set(row.word, row.lexemes);
      this.trim(memo);
    }
    return new Map(words.map((w) => [w, memo.get(w) ?? []]));
  }

  /** Words analysed so far in a language (for tests and metrics). */
  size(language: LanguageCode): number {
    return this.memoOf(language).size;
  }

  private trim(memo: Map<string, readonly string[]>): void {
    if (memo.size <= MEMO_LIMIT) return;
    let drop = memo.size - MEMO_LIMIT / 2;
    for (const key of memo.keys()) {
      if (drop-- <= 0) break;
      memo.delete(key);
    }
  }
}

const edgePunctuation = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/**
 * A question split where PostgreSQL's parser would certainly split it (white space, punctuation at
 * a word's edges), lower-cased. Inner punctuation stays: `l'ufficio` or `rendez-vous` go to the
 * parser whole, which knows what to make of them.
 */
export function searchTokens(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().split(/\s+/u)) {
    const token = raw.replace(edgePunctuation, '');
    if (token.length > 0 && token.length <= 100) out.add(token);
    if (out.size >= 60) break;
  }
  return [...out];
}

// Letters that unaccent.rules turns into other letters rather than stripping a mark from.
const unaccentLetters: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ё: 'е' };

/**
 * Lower case without diacritics, as `lower(immutable_unaccent(…))` writes the lexicon's words:
 * marks are removed from Latin letters only (unaccent.rules maps Latin letters and ё; it leaves
 * Arabic vowel signs and Cyrillic й alone).
 */
export function plainWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[ßæœøłđðþıё]/g, (c) => unaccentLetters[c]!);
}

/** A lexeme of a tsvector with the weight label (A–D) of each of its positions, in position order. */
export interface TsvEntry {
  lexeme: string;
  labels: string;
}

/**
 * Reads the text form of a tsvector (`'buca':3A,17C 'strad':4A`): quoted lexemes with '' and \
 * escapes, then positions, each with an optional weight letter (none means D).
 */
export function parseTsvector(text: string): TsvEntry[] {
  const entries: TsvEntry[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ') i++;
    if (i >= text.length) break;
    if (text[i] !== "'") throw new Error(`unexpected tsvector text at ${i}`);
    i++;
    let lexeme = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) throw new Error('unterminated lexeme in tsvector text');
      if (c === '\\') lexeme += text[i++] ?? '';
      else if (c === "'") {
        if (text[i] === "'") {
          lexeme += "'";
          i++;
        } else break;
      } else lexeme += c;
    }
    let labels = '';
    if (text[i] === ':') {
      i++;
      for (;;) {
        while (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const c = text[i];
        if (c === 'A' || c === 'B' || c === 'C') {
          labels += c;
          i++;
        } else {
          if (c === 'D') i++;
          labels += 'D';
        }
        if (text[i] === ',') i++;
        else break;
      }
    }
    entries.push({ lexeme, labels });
  }
  return entries;
}

/** Weights of the labels as the search gives them: title and keywords A, summary B, body C. */
export const labelWeights: Readonly<Record<string, number>> = { A: 1.0, B: 0.5, C: 0.2, D: 0.05 };

/**
 * PostgreSQL's `ts_rank(weights, vector, one-term query)` (calc_rank_or in tsrank.c): the best
 * position's weight plus the others' weights decaying with 1/k², over π²/6.
 */
export function termRank(labels: string, only?: (label: string) => boolean): number {
  let sum = 0;
  let best = -1;
  let bestAt = 0;
  let k = 0;
  for (const label of labels) {
    if (only && !only(label)) continue;
    const w = labelWeights[label]!;
    sum += w / ((k + 1) * (k + 1));
    if (w > best) {
      best = w;
      bestAt = k;
    }
    k++;
  }
  if (k === 0) return 0;
  return (best + sum - best / ((bestAt + 1) * (bestAt + 1))) / 1.64493406685;
}

/** pg_trgm's trigrams of a text: each word (letters and digits) padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    const padded = `  ${word} `;
    const chars = [...padded];
    for (let i = 0; i + 2 < chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  }
  return out;
}

/** pg_trgm's `similarity`: shared trigrams over all distinct trigrams of both. */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
