import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport } from '../../platform/import-report';
import { createTestDatabase, type TestDatabase } from '../../../test/test-app';
import { demoCityDir, demoLanguages } from './demo-questions.fixture';
import { importKnowledge } from './import-knowledge';
import { readArticleMarkdown, readKnowledgeFolder } from './read-articles';

const copies: string[] = [];
/** A copy of the demo city that a test may break. */
function cityCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sportello-city-'));
  cpSync(demoCityDir, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('reading article files', () => {
  it('splits YAML front matter from the Markdown body', () => {
    const read = readArticleMarkdown('---\ntitle: "Area C: come pagare"\nsummary: Si paga entro mezzanotte.\nkeywords: [area c, ticket]\n---\n## Come\nPaga online.\n', 'x.md');
    expect(read.rejected).toEqual([]);
    expect(read.content).toEqual({ title: 'Area C: come pagare', summary: 'Si paga entro mezzanotte.', keywords: ['area c', 'ticket'], body: '## Come\nPaga online.' });
  });

  it('reports what is wrong with the file and the line', () => {
    expect(readArticleMarkdown('title: x\n', 'a.md').rejected[0]).toMatchObject({ file: 'a.md', line: 1, reason: expect.stringContaining('front matter') });
    expect(readArticleMarkdown('---\ntitle: x\nsummary: [unclosed\n---\nbody\n', 'b.md').rejected[0]).toMatchObject({ line: 3, reason: expect.stringContaining('YAML') });
    expect(readArticleMarkdown('---\ntitle: ""\nsummary: s\n---\nbody\n', 'c.md').rejected[0]!.reason).toContain('title is empty');
    expect(readArticleMarkdown('---\ntitle: t\n---\nbody\n', 'd.md').rejected[0]!.reason).toContain('summary');
    expect(readArticleMarkdown('---\ntitle: t\nsummary: s\n---\n\n  \n', 'e.md').rejected[0]).toMatchObject({ line: 5, reason: expect.stringContaining('body') });
  });

  it('reads the whole demo city without a single rejection', () => {
    const { articles, rejected } = readKnowledgeFolder(demoCityDir, demoLanguages);
    expect(rejected).toEqual([]);
    expect(articles.length).toBeGreaterThanOrEqual(17);
    const carta = articles.find((a) => a.slug === 'carta-identita')!;
    expect(carta.externalId).toBe('KA-01001');
    expect(carta.services).toEqual(['cie']);
    expect(carta.offices).toContain('anagrafe-centrale');
    expect(Object.keys(carta.translations).sort()).toEqual([...demoLanguages].sort());
  });

  it('rejects a missing translation, a bad CSV row, a folder without a row and a row without a folder', () => {
    const dir = cityCopy();
    rmSync(join(dir, 'knowledge/tari/de.md'));
    const csv = join(dir, 'knowledge/articles.csv');
    writeFileSync(csv, `${readFileSync(csv, 'utf8')}Not A Slug,KA-1,x,,\nfantasma,KA-09999,tributi,,\n`);
    mkdirSync(join(dir, 'knowledge/orfano'));
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n').length;
    const { rejected } = readKnowledgeFolder(dir, demoLanguages);
    expect(rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'knowledge/tari/de.md', reason: expect.stringContaining('translation missing') }),
        expect.objectContaining({ file: 'knowledge/articles.csv', line: lines - 1, reason: expect.stringContaining('slug') }),
        expect.objectContaining({ file: 'knowledge/articles.csv', line: lines, reason: expect.stringContaining('no folder') }),
        expect.objectContaining({ file: 'knowledge/orfano/', reason: expect.stringContaining('no row') }),
      ]),
    );
    expect(rejected).toHaveLength(4);
  });
});

describe('importing the knowledge base', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('empty');
  });
  afterAll(() => t.drop());

  interface Checked {
    report: ImportReport;
    emitted: { name: string; payload: unknown }[];
    rows<T>(text: string): Promise<T[]>;
  }
  class Rollback extends Error {}
  /** Imports in a transaction, runs the checks inside it, then rolls everything back. */
  const importAndCheck = async (dir: string, check: (c: Checked) => Promise<void>) => {
    await t.database.db
      .transaction(async (tx) => {
        const emitted: Checked['emitted'] = [];
        const emit: Emit = (name, payload) => emitted.push({ name, payload });
        const report = await importKnowledge(tx as never, emit, dir);
        const rows = async <T>(text: string) => ((await tx.execute(sql.raw(text))) as unknown as { rows: T[] }).rows;
        await check({ report, emitted, rows });
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  };
  const count = async (c: Checked, table: string) => (await c.rows<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  it('inserts nothing when a file is rejected, and says which and where', async () => {
    const dir = cityCopy();
    writeFileSync(join(dir, 'knowledge/imu/fr.md'), '---\ntitle: IMU\nsummary: ""\n---\ntexte\n');
    await importAndCheck(dir, async (c) => {
      expect(c.report.rejected).toEqual([expect.objectContaining({ file: 'knowledge/imu/fr.md', line: 2, reason: expect.stringContaining('summary') })]);
      expect(await count(c, 'articles')).toBe(0);
      expect(c.emitted.filter((e) => e.name.startsWith('article.'))).toEqual([]);
    });
  });

  it('loads every article with version 1 published and indexed in every language', async () => {
    await importAndCheck(demoCityDir, async (c) => {
      expect(c.report.rejected).toEqual([]);
      const articles = c.report.counts.articles!;
      expect(articles).toBeGreaterThanOrEqual(17);
      expect(c.report.counts.articleTranslations).toBe(articles * 9);
      expect(await count(c, 'article_search')).toBe(articles * 9);
      const states = await c.rows<{ state: string; version: number; n: number }>(
        'select state, version, count(*)::int as n from article_versions group by 1, 2',
      );
      expect(states).toEqual([{ state: 'published', version: 1, n: articles * 9 }]);
      expect(c.emitted.filter((e) => e.name === 'article.created')).toHaveLength(articles);
      expect(c.emitted.filter((e) => e.name === 'article.published')).toHaveLength(articles * 9);
      const [zh] = await c.rows<{ segmented: string }>(
        "select segmented from article_search s join articles a on a.id = s.article_id where a.slug = 'carta-identita' and s.language = 'zh'",
      );
      expect(zh!.segmented.split(' ')).toEqual(expect.arrayContaining(['身份', '份证']));
      const [stats] = await c.rows<{ documents: number }>("select count(*)::int as documents from article_search where language = 'it'");
      expect(stats!.documents).toBe(articles);
    });
  });
});
