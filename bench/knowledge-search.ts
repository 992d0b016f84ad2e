/**
 * `npm run bench -- knowledge-search [--engine pglite|postgres] [--seconds N] [--connections N]
 * [--articles N]`: GET /api/v1/knowledge/search?q=…&limit=10 with the demo city's real
 * citizen questions (17 articles × 9 languages × 3, sent without `lang`, so language detection runs)
 * over the 17 demo articles plus a synthetic corpus of 5,000 articles × 9 languages, against bare
 * Fastify, on each engine. Two runs per engine: (a) the 459 questions in rotation, which the search
 * cache answers after the first pass, and (b) every request unique (a real word of the question's
 * language appended), which no cache can answer: the honest figure.
 *
 * The server process seeds the corpus before listening (`seed`, BENCH_SEED=knowledge-search) through
 * the importer's path (loadArticles → publishArticleVersions), in transactions of 250 articles,
 * builds the in-memory search index of every language (timed), and times the search without HTTP
 * (detectQuestionLanguage + rankArticles, no answer cache); it hands its figures to this process in
 * a JSON file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectQuestionLanguage, knowledgeIndex, loadArticles, rankArticles } from '../server/src/features/knowledge';
import type { AppContext } from '../server/src/platform/context';
import { CorpusGenerator, demoQuestions, LANGUAGES, vocabularies, type Question } from './lib/knowledge-corpus';
import { freshDatabase, parseArgs } from './lib/engines';
import { load, printResults, type LoadResult } from './lib/load';
import { startProcess } from './lib/servers';

const BATCH = 250;
const LIMIT = 10;

interface SeedReport {
  articles: number;
  translations: number;
  seedMs: number;
  generationMs: number;
  analyzed: boolean;
  /** Building the in-memory index of every language from the database. */
  indexMs: number;
  raw: { count: number; mean: number; p50: number; p90: number; p99: number; max: number };
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

/** Called by bench/lib/sportello-server.ts (BENCH_SEED=knowledge-search) before it listens. */
export async function seed(app: { ctx: AppContext }): Promise<void> {
  const { ctx } = app;
  const count = Number(process.env.BENCH_KNOWLEDGE_ARTICLES ?? 5000);
  const generator = new CorpusGenerator(vocabularies());
  const started = performance.now();
  let generationMs = 0;
  for (let first = 1; first <= count; first += BATCH) {
    const t = performance.now();
    const batch = Array.from({ length: Math.min(BATCH, count - first + 1) }, (_, i) => generator.article(first + i));
    generationMs += performance.now() - t;
    // The importer's path, without events: the city importer emits article.* events, a bulk
    // benchmark load does not (load-articles.ts); nothing is cached yet that they would clear.
    await ctx.transact((tx) => loadArticles(tx, batch, 'bench'));
  }
  // BENCH_KNOWLEDGE_ANALYZE=true: planner statistics refreshed after the bulk load (PostgreSQL's
  // autovacuum would do so within a minute; PGlite has no autovacuum).
  const analyzed = process.env.BENCH_KNOWLEDGE_ANALYZE === 'true';
  if (analyzed) await ctx.database.exec('analyze');
  const seedMs = performance.now() - started;

  // Index build (what the first search after a change pays), then the search without HTTP and
  // without the answer cache, one question at a time.
  const indexStarted = performance.now();
  await knowledgeIndex(ctx).words();
  await Promise.all(LANGUAGES.map((language) => knowledgeIndex(ctx).language(language)));
  const indexMs = performance.now() - indexStarted;
  const timed: number[] = [];
  for (const q of demoQuestions()) {
    const t = performance.now();
    const language = await detectQuestionLanguage(ctx, q.q);
    await rankArticles(ctx, { q: q.q, language, limit: LIMIT });
    timed.push(performance.now() - t);
  }
  const sorted = timed.sort((a, b) => a - b);
  const report: SeedReport = {
    articles: count,
    translations: count * LANGUAGES.length,
    seedMs,
    generationMs,
    analyzed,
    indexMs,
    raw: {
      count: sorted.length,
      mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
      p50: quantile(sorted, 0.5),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    },
  };
  const file = process.env.BENCH_KNOWLEDGE_REPORT;
  if (file) writeFileSync(file, JSON.stringify(report));
}

const searchPath = (q: string) => `/api/v1/knowledge/search?q=${encodeURIComponent(q)}&limit=${LIMIT}`;

interface Check {
  asked: number;
  ok: number;
  empty: number;
  languageRight: number;
  /** The demo article the question belongs to is among the first three results. */
  top3: number;
}

/** Asks each question once, one at a time, and checks the answers (outside the measurement). */
async function check(url: string, questions: { question: Question; q: string }[]): Promise<Check> {
  const out: Check = { asked: 0, ok: 0, empty: 0, languageRight: 0, top3: 0 };
  for (const { question, q } of questions) {
    out.asked++;
    const response = await fetch(url + searchPath(q));
    if (response.status !== 200) continue;
    out.ok++;
    const body = (await response.json()) as { language: string; results: { slug: string }[] };
    if (body.results.length === 0) out.empty++;
    if (body.language === question.language) out.languageRight++;
    if (body.results.slice(0, 3).some((r) => r.slug === question.slug)) out.top3++;
  }
  return out;
}

const describeCheck = (c: Check) =>
  `${c.ok}/${c.asked} answered 200, ${c.empty} with no result, language detected right ${c.languageRight}/${c.asked}, own demo article in the top 3 ${c.top3}/${c.asked}`;

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(0)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const articles = Number(args.rest.articles ?? 5000);
  const questions = demoQuestions();
  const generator = new CorpusGenerator(vocabularies(), 7);
  // Unique questions: more than any run can send (the count is checked below), and a separate set
  // for the answer check, so that checking does not put any of them in the cache.
  const seen = new Set<string>();
  const unique = (n: number) => {
    const out: { question: Question; q: string }[] = [];
    for (let i = 0; out.length < n; i++) {
      const question = questions[i % questions.length]!;
      const q = generator.uniqueVariant(question);
      if (!seen.has(q)) {
        seen.add(q);
        out.push({ question, q });
      }
    }
    return out;
  };
  const uniqueLoad = unique(Math.max(30_000, args.seconds * 10_000));
  const uniqueCheck = unique(questions.length);

  const baselineServer = await startProcess('bench/lib/bare-fastify.ts');
  const baseline = await load({ label: 'bare Fastify (baseline)', url: baselineServer.url, paths: ['/x'], connections: args.connections, seconds: args.seconds });
  await baselineServer.stop();

  const measured: LoadResult[] = [];
  const notes: string[] = [];
  for (const engine of args.engines) {
    const db = await freshDatabase(engine);
    const scratch = mkdtempSync(join(tmpdir(), 'sportello-bench-knowledge-'));
    const reportFile = join(scratch, 'seed.json');
    const startedAt = performance.now();
    const server = await startProcess('bench/lib/sportello-server.ts', [], {
      ...db.env,
      SPORTELLO_DEMO: 'true',
      BENCH_SEED: 'knowledge-search',
      BENCH_KNOWLEDGE_REPORT: reportFile,
      BENCH_KNOWLEDGE_ARTICLES: String(articles),
      BENCH_KNOWLEDGE_ANALYZE: args.rest.analyze === 'true' ? 'true' : 'false',
    });
    const startupMs = performance.now() - startedAt;
    try {
      const seeded = JSON.parse(readFileSync(reportFile, 'utf8')) as SeedReport;
      const plain = questions.map((question) => ({ question, q: question.q }));
      const plainCheck = await check(server.url, plain);
      const a = await load({ label: `(a) repeated questions (cache), ${engine}`, url: server.url, paths: plain.map((p) => searchPath(p.q)), connections: args.connections, seconds: args.seconds });
      const uniqueChecked = await check(server.url, uniqueCheck);
      const b = await load({ label: `(b) unique questions (no cache), ${engine}`, url: server.url, paths: uniqueLoad.map((p) => searchPath(p.q)), connections: args.connections, seconds: args.seconds });
      measured.push(a, b);
      const r = seeded.raw;
      notes.push(
        `**${engine}**: seeded ${seeded.articles.toLocaleString('en')} articles × 9 = ${seeded.translations.toLocaleString('en')} translations in ${ms(seeded.seedMs)} ` +
          `(text generation ${ms(seeded.generationMs)}${seeded.analyzed ? ', then ANALYZE' : ', no ANALYZE'}); server start with demo city and seed ${ms(startupMs)}.`,
        `- index build, all 9 languages from the database: ${ms(seeded.indexMs)}.`,
        `- in process, no HTTP, no answer cache (detectQuestionLanguage + rankArticles, one at a time, ${r.count} questions): mean ${ms(r.mean)}, p50 ${ms(r.p50)}, p90 ${ms(r.p90)}, p99 ${ms(r.p99)}, max ${ms(r.max)}.`,
        `- (a) answer check: ${describeCheck(plainCheck)}.`,
        `- (b) answer check (${uniqueCheck.length} other unique questions): ${describeCheck(uniqueChecked)}.`,
        b.requests > uniqueLoad.length
          ? `- (b) WARNING: ${b.requests} requests for ${uniqueLoad.length} unique questions: some repeats may have been cached.`
          : `- (b) ${b.requests} requests, all distinct (${uniqueLoad.length} prepared).`,
        ...[a, b].map(
          (x) => `- ${x.label}: p99 ${x.p99} ms ${x.p99 < 20 ? '<' : '≥'} 20 ms, ${(x.rps / baseline.rps * 100).toFixed(1)}% ${x.rps / baseline.rps >= 0.25 ? '≥' : '<'} 25% of baseline → ${x.p99 < 20 && x.rps / baseline.rps >= 0.25 ? 'targets met' : 'targets NOT met'}.`,
        ),
        '',
      );
    } finally {
      await server.stop();
      await db.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  printResults('knowledge-search', baseline, measured, [
    `${args.connections} connections, ${args.seconds} s per run; corpus: 17 demo articles + ${articles.toLocaleString('en')} synthetic articles, all in 9 languages.`,
    `Queries: the ${questions.length} questions of data/demo-milano/knowledge/*/questions.yaml without lang, limit ${LIMIT}.`,
    'Targets: p99 < 20 ms at 10 connections and at least 25% of the baseline request rate.',
    '',
    ...notes,
  ]);
}
