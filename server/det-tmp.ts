import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { openDatabase } from './src/platform/db/database';
import { migrate, readMigrations } from './src/platform/db/migrate';
import { readKnowledgeFolder } from './src/features/knowledge/read-articles';
import { loadArticles } from './src/features/knowledge/load-articles';
import { detectQuestionLanguage } from './src/features/knowledge/rank-articles';
import { detectLanguage } from './src/features/knowledge/language-detection';
const langs = ['it','en','fr','es','de','ar','zh','ru','pt'] as any[];
const database = await openDatabase({ inMemory: true });
await migrate(database, readMigrations().filter((m) => /000[14]/.test(m.version)));
const { articles } = readKnowledgeFolder('../data/demo-milano', langs);
await database.db.transaction(async (tx) => { await loadArticles(tx as any, articles); });
const root = '../data/demo-milano/knowledge';
let ok = 0, pure = 0, n = 0;
for (const slug of readdirSync(root)) {
  if (slug.endsWith('.csv')) continue;
  const q = parse(readFileSync(`${root}/${slug}/questions.yaml`, 'utf8'));
  for (const [lang, list] of Object.entries(q) as [string, string[]][]) for (const text of list) {
    n++;
    const d = await detectQuestionLanguage(database.db, text, langs, 'it');
    if (d === lang) ok++; else console.log(`  vocab miss ${lang}->${d}: ${text}`);
    const p = detectLanguage(text, langs, 'it');
    if (p === lang) pure++; else console.log(`  pure miss ${lang}->${p}: ${text}`);
  }
}
console.log(`FW=${process.env.FW} VW=${process.env.VW} with vocabulary ${ok}/${n}, pure ${pure}/${n}`);
await database.close();
