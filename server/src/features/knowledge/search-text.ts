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

/** Chinese snippets: the summary with the query's segments marked (ts_headline cannot cut Chinese). */
export function highlightChinese(summary: string, q: string): string {
  const terms = [...new Set(segmentChinese(q).split(' '))].filter((t) => [...t].length >= 2 && hasHan(t));
  let html = escapeHtml(summary);
  if (terms.length === 0) return html;
  const pattern = new RegExp(terms.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  html = html.replace(pattern, (m) => `<mark>${m}</mark>`);
  return html.replace(/<\/mark><mark>/g, '');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text-search configuration of a language (the unaccenting copy made by migration 0004). */
export function searchConfig(language: LanguageCode): string {
  const base = knownLanguages[language].textSearch;
  return base === 'simple' ? 'simple' : `knowledge_${base}`;
}
