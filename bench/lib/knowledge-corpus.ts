/**
 * The knowledge-search benchmark's material: the demo city's real citizen questions, and a
 * synthetic corpus generated deterministically from the words of the demo articles, per language,
 * so that stemming, the spelling lexicon and Chinese segmentation see realistic tokens in realistic
 * proportions (words are drawn from the list of occurrences, so frequent words stay frequent).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { ArticleToLoad, TranslationContent } from '../../server/src/features/knowledge';

export const LANGUAGES = ['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'] as const;
export type BenchLanguage = (typeof LANGUAGES)[number];

const KNOWLEDGE_DIR = fileURLToPath(new URL('../../data/demo-milano/knowledge/', import.meta.url));
const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** mulberry32: a small seeded PRNG, so that every run loads the same corpus. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function articleFolders(): string[] {
  return readdirSync(KNOWLEDGE_DIR)
    .filter((name) => statSync(join(KNOWLEDGE_DIR, name)).isDirectory())
    .sort();
}

export interface Question {
  slug: string;
  language: BenchLanguage;
  q: string;
}

/** Every question of every demo article's questions.yaml (17 articles × 9 languages × 3). */
export function demoQuestions(): Question[] {
  const out: Question[] = [];
  for (const slug of articleFolders()) {
    const file = join(KNOWLEDGE_DIR, slug, 'questions.yaml');
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, string[]>;
    for (const language of LANGUAGES) for (const q of data[language] ?? []) out.push({ slug, language, q });
  }
  return out;
}

function words(text: string, language: BenchLanguage): string[] {
  if (language === 'zh') {
    return [...zhSegmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
  }
  return text.match(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu) ?? [];
}

export interface Vocabulary {
  /** Every word occurrence of the language's demo articles (frequent words appear often). */
  occurrences: string[];
  /** The distinct words, for keywords and for the words appended to make questions unique. */
  distinct: string[];
}

/** The words of the demo articles (front matter and body) per language. */
export function vocabularies(): Map<BenchLanguage, Vocabulary> {
  const out = new Map<BenchLanguage, Vocabulary>();
  for (const language of LANGUAGES) {
    const occurrences: string[] = [];
    for (const slug of articleFolders()) {
      const text = readFileSync(join(KNOWLEDGE_DIR, slug, `${language}.md`), 'utf8').replace(/^(title|summary|keywords):/gm, ' ');
      occurrences.push(...words(text, language));
    }
    out.set(language, { occurrences, distinct: [...new Set(occurrences)].sort() });
  }
  return out;
}

/** Generates article translations: titles 3–8 words, summaries ~25, bodies ~200 (Markdown), 8 keywords. */
export class CorpusGenerator {
  private readonly random: () => number;

  constructor(
    private readonly vocab: Map<BenchLanguage, Vocabulary>,
    seed = 20261203,
  ) {
    this.random = prng(seed);
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private phrase(language: BenchLanguage, n: number): string {
    const list = this.vocab.get(language)!.occurrences;
    const picked = Array.from({ length: n }, () => this.pick(list));
    const text = picked.join(language === 'zh' ? '' : ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  private sentences(language: BenchLanguage, total: number): string {
    const stop = language === 'zh' ? '。' : '.';
    const out: string[] = [];
    let left = total;
    while (left > 0) {
      const n = Math.min(left, this.int(8, 16));
      out.push(this.phrase(language, n) + stop);
      left -= n;
    }
    return out.join(language === 'zh' ? '' : ' ');
  }

  translation(language: BenchLanguage): TranslationContent {
    const distinct = this.vocab.get(language)!.distinct;
    const keywords = new Set<string>();
    while (keywords.size < 8) keywords.add(this.pick(distinct));
    // ~200 body words: two headed sections of prose and a short list, like the demo articles.
    const body = [
      `## ${this.phrase(language, this.int(2, 4))}`,
      this.sentences(language, 70),
      `## ${this.phrase(language, this.int(2, 4))}`,
      ...Array.from({ length: 3 }, () => `- ${this.phrase(language, this.int(5, 9))}`),
      this.sentences(language, 100),
    ].join('\n\n');
    return {
      title: this.phrase(language, this.int(3, 8)),
      summary: this.sentences(language, this.int(22, 28)),
      body,
      keywords: [...keywords],
    };
  }

  /** Article `bench-00001`… with a translation in every language. */
  article(index: number): ArticleToLoad {
    const translations: ArticleToLoad['translations'] = {};
    for (const language of LANGUAGES) translations[language] = this.translation(language);
    return {
      slug: `bench-${String(index).padStart(5, '0')}`,
      topic: this.pick(['anagrafe', 'tributi', 'mobilita', 'ambiente', 'servizi-sociali', 'scuola', 'cultura']),
      offices: [],
      services: [],
      translations,
    };
  }

  /** A question made unique by a real word of its language appended (no cache can answer it). */
  uniqueVariant(question: Question): string {
    const word = this.pick(this.vocab.get(question.language)!.distinct);
    return question.language === 'zh' ? `${question.q}${word}` : `${question.q} ${word}`;
  }
}
