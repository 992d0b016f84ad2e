/**
 * Text preparation shared by indexing (publish) and querying (search), so that both sides see the
 * same tokens: Markdown removal for snippets, Chinese word segmentation plus bigrams, and the word
 * lists that feed the spelling lexicon.
 */
import { knownLanguages, type LanguageCode } from '../../platform/i18n/languages';

/** Markdown to plain text: what a reader sees, without syntax (for snippets and the index). */
export function stripMarkdown(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>\n]{1,200}>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+/gm, '')
    .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, ' ')
    .replace(/\|/g, ' ')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Snippets are HTML (escaped text with `<mark>` highlights), so their source is escaped once here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

const han = /\p{Script=Han}/u;
const hanRun = /\p{Script=Han}+/gu;
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Chinese has no spaces and PostgreSQL no Chinese parser: the index holds ICU's word segments
 * (Intl.Segmenter) and every pair of adjacent Han characters, space-separated, for the 'simple'
 * configuration. Segments catch whole words; bigrams catch words ICU splits differently in a short
 * query than in a long text (身份证 may come out as 身份 + 证).
 */
export function segmentChinese(text: string): string {
  const terms: string[] = [];
  for (const s of zhSegmenter.segment(text.normalize('NFKC'))) {
    if (s.isWordLike) terms.push(s.segment.toLowerCase());
  }
  for (const run of text.match(hanRun) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
  }
  return terms.join(' ');
}

export function hasHan(text: string): boolean {
  return han.test(text);
}

/** True for languages whose index is built from segmented text (no spaces between words). */
export function usesSegmentation(language: LanguageCode): boolean {
  return language === 'zh';
}

/** Distinct words worth a spelling correction: letters (any script), 3 to 40 characters. */
export function lexiconWords(text: string): string[] {
  const words = new Set<string>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{M}]{3,40}/gu) ?? []) {
    if (!han.test(w)) words.add(w);
  }
  return [...words];
}

/** The query's words that may be misspelt: long enough for trigrams to say something useful. */
export function queryWords(q: string): string[] {
  return lexiconWords(q)
    .filter((w) => w.length >= 4)
    .slice(0, 30);
}

const SNIPPET_WORDS = 28;
const wordPatternGlobal = /[\p{L}\p{M}\p{N}]+/gu;
// Lower case without marks; plain ASCII (most words of most languages here) skips normalisation.
const fold = (text: string) => (/^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());

/**
 * A result's snippet: the stretch of about 28 words of `source` (summary and start of the body,
 * plain text) holding most of the question's words, HTML-escaped, with those words in `<mark>`.
 * A word matches when it begins with one of the question's lexemes (PostgreSQL's stems, unaccented),
 * which is what a stemmer's match looks like from the outside; Arabic stems may drop a prefix, so
 * there a stem anywhere in the word counts. Done here rather than with ts_headline because it costs
 * microseconds instead of a parse of every result's text in the database.
 */
export function cutSnippet(source: string, stems: readonly string[], language: LanguageCode): string {
  const usable = [...new Set(stems.filter((s) => s.length >= 2).map(fold))];
  // One pass over the words (start and end offsets, and whether each is a hit): no split arrays.
  const starts: number[] = [];
  const ends: number[] = [];
  const hits: number[] = [];
  for (const match of source.matchAll(wordPatternGlobal)) {
    const word = fold(match[0]);
    let hit = 0;
    for (const stem of usable) {
      if (language === 'ar' ? word.includes(stem) : word.startsWith(stem)) {
        hit = 1;
        break;
      }
    }
    starts.push(match.index);
    ends.push(match.index + match[0].length);
    hits.push(hit);
  }
  const count = starts.length;
  if (count === 0) return escapeHtml(source.slice(0, 200));
  // The window of SNIPPET_WORDS words with the most hits (the earliest of equals).
  const width = Math.min(SNIPPET_WORDS, count);
  let inWindow = 0;
  for (let k = 0; k < width; k++) inWindow += hits[k]!;
  let best = 0;
  let bestHits = inWindow;
  for (let start = 1; start + width <= count; start++) {
    inWindow += hits[start + width - 1]! - hits[start - 1]!;
    if (inWindow > bestHits) {
      best = start;
      bestHits = inWindow;
    }
  }
  const end = best + width;
  let html = best > 0 ? '… ' : '';
  for (let k = best; k < end; k++) {
    if (k > best) html += escapeHtml(source.slice(ends[k - 1]!, starts[k]!));
    const word = escapeHtml(source.slice(starts[k]!, ends[k]!));
    html += hits[k] ? `<mark>${word}</mark>` : word;
  }
  html += end === count ? escapeHtml(source.slice(ends[count - 1]!)) : ' …';
  return html.trim();
}

/** Chinese snippets: the summary with the query's segments marked (no stems to match on). */
export function highlightChinese(summary: string, q: string): string {
  const terms = [...new Set(segmentChinese(q).split(' '))].filter((t) => [...t].length >= 2 && hasHan(t));
  // Mark every character an occurrence of a term covers (bigrams overlap: 身份 + 份证 = 身份证).
  const covered = new Array<boolean>(summary.length).fill(false);
  for (const term of terms) {
    for (let at = summary.indexOf(term); at >= 0; at = summary.indexOf(term, at + 1)) covered.fill(true, at, at + term.length);
  }
  let html = '';
  for (let i = 0; i < summary.length; ) {
    let j = i;
    while (j < summary.length && covered[j] === covered[i]) j++;
    const text = escapeHtml(summary.slice(i, j));
    html += covered[i] ? `<mark>${text}</mark>` : text;
    i = j;
  }
  return html;
}

/** The text-search configuration of a language (the unaccenting copy made by migration 0004). */
export function searchConfig(language: LanguageCode): string {
  const base = knownLanguages[language].textSearch;
  return base === 'simple' ? 'simple' : `knowledge_${base}`;
}
