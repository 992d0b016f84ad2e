/**
 * The issue's "done when": every citizen question of every demo article, in all nine languages,
 * finds its article in the top 3 and is recognised in its own language, with no `lang` given; and
 * with `lang` given explicitly. Prints a per-language summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { demoQuestions, type DemoQuestion } from './demo-questions.fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

interface Outcome {
  question: DemoQuestion;
  language: string;
  slugs: string[];
}

async function ask(question: DemoQuestion, explicit: boolean): Promise<Outcome> {
  const query = new URLSearchParams({ q: question.text, limit: '3', ...(explicit ? { lang: question.language } : {}) });
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/knowledge/search?${query}` });
  expect(res.statusCode, question.text).toBe(200);
  const body = res.json() as { language: string; results: { slug: string }[] };
  return { question, language: body.language, slugs: body.results.map((r) => r.slug) };
}

function summarise(label: string, outcomes: Outcome[]): string[] {
  const failures: string[] = [];
  const lines: string[] = [];
  const languages = [...new Set(outcomes.map((o) => o.question.language))];
  for (const lang of languages) {
    const mine = outcomes.filter((o) => o.question.language === lang);
    const detected = mine.filter((o) => o.language === lang).length;
    const top3 = mine.filter((o) => o.language === lang && o.slugs.includes(o.question.slug)).length;
    const top1 = mine.filter((o) => o.slugs[0] === o.question.slug).length;
    lines.push(`  ${lang}: top-3 ${top3}/${mine.length}, top-1 ${top1}/${mine.length}, language ${detected}/${mine.length}`);
  }
  for (const o of outcomes) {
    if (o.language !== o.question.language || !o.slugs.includes(o.question.slug)) {
      failures.push(`${o.question.slug} [${o.question.language}→${o.language}] "${o.question.text}" → ${o.slugs.join(', ')}`);
    }
  }
  const hits = outcomes.length - failures.length;
  console.info(`${label}: ${hits}/${outcomes.length}\n${lines.join('\n')}${failures.length ? `\n  FAILED:\n  ${failures.join('\n  ')}` : ''}`);
  return failures;
}

describe('search quality on the demo city', () => {
  const questions = demoQuestions();

  it('has three questions per language for every article', () => {
    expect(questions.length).toBeGreaterThanOrEqual(17 * 9 * 3);
  });

  it('detects the language of every question and finds its article in the top 3 (no lang given)', async () => {
    const outcomes: Outcome[] = [];
    for (const q of questions) outcomes.push(await ask(q, false));
    expect(summarise('search without lang', outcomes)).toEqual([]);
  }, 300_000);

  it('finds every article in the top 3 when the language is given', async () => {
    const outcomes: Outcome[] = [];
    for (const q of questions) outcomes.push(await ask(q, true));
    expect(summarise('search with lang', outcomes)).toEqual([]);
  }, 300_000);
});
