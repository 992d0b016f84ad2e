import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRepoRoot } from '../../platform/paths';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { importContactTopics, listTopics } from './index';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(join(tmpdir(), 'topics-'));
  copyFileSync(fromRepoRoot('data/demo-milano/city.yaml'), join(dir, 'city.yaml'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const names = (word: string) => Object.fromEntries(['it', 'en', 'fr', 'es', 'de', 'ar', 'zh', 'ru', 'pt'].map((l) => [l, `${word} ${l}`]));
const write = (topics: unknown) => writeFileSync(join(dir, 'contact-topics.yaml'), JSON.stringify(topics));
const load = () => t.app.ctx.transact((tx) => importContactTopics(tx, dir));

describe('importContactTopics', () => {
  it('loads the demo city’s topics in every language', async () => {
    const report = await t.app.ctx.transact((tx) => importContactTopics(tx, fromRepoRoot('data/demo-milano')));
    expect(report.rejected).toEqual([]);
    expect(report.counts.contactTopics).toBeGreaterThanOrEqual(10);
  });

  it('reports every bad entry with its position and reason, and loads nothing', async () => {
    const before = await listTopics(t.app.ctx.db, 'it', 'it');
    const { ar: _ar, ...noArabic } = names('Tasse');
    write([{ code: 'ok', names: names('Ok') }, { code: 'Bad Code', names: names('X') }, { code: 'tasse', names: noArabic }, { code: 'ok', names: names('Ok') }]);
    const report = await load();
    expect(report.rejected).toEqual([
      { file: 'contact-topics.yaml', line: 2, reason: expect.stringContaining('code') },
      { file: 'contact-topics.yaml', line: 3, reason: expect.stringContaining('names.ar') },
      { file: 'contact-topics.yaml', line: 4, reason: 'code: "ok" listed twice' },
    ]);
    expect(await listTopics(t.app.ctx.db, 'it', 'it')).toEqual(before);
  });

  it('deactivates a topic missing from a new load, keeping its row for past contacts', async () => {
    write([{ code: 'uno', names: names('Uno') }, { code: 'due', names: names('Due') }]);
    await load();
    write([{ code: 'due', names: names('Due') }]);
    expect((await load()).counts.contactTopics).toBe(1);
    expect(await listTopics(t.app.ctx.db, 'zh', 'it')).toEqual([{ code: 'due', name: 'Due zh' }]);
    const [row] = await t.app.ctx.database.query<{ active: boolean }>("select active from contact_topics where code = 'uno'");
    expect(row!.active).toBe(false);
  });
});
