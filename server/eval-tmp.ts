import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { openDatabase } from './src/platform/db/database';
import { migrate, readMigrations } from './src/platform/db/migrate';
import { readKnowledgeFolder } from './src/features/knowledge/read-articles';
import { loadArticles } from './src/features/knowledge/load-articles';
import { detectQuestionLanguage, rankArticles, rankWeights } from './src/features/knowledge/rank-articles';
const langs = ['it','en','fr','es','de','ar','zh','ru','pt'] as any[];
const url = process.env.DB;
const database = await openDatabase(url ? { databaseUrl: url } : { inMemory: true });
await migrate(database, readMigrations().filter((m) => /000[14]/.test(m.version)));
const { articles, rejected } = readKnowledgeFolder('../data/demo-milano', langs);
if (rejected.length) { console.log(rejected); }
await database.db.transaction(async (tx) => { await loadArticles(tx as any, articles); });
const root = '../data/demo-milano/knowledge';
const explicit = process.argv.includes('--explicit');
let hits = 0, n = 0, det = 0; const per: Record<string, number[]> = {};
const t0 = Date.now();
for (const slug of readdirSync(root)) {
  if (slug.endsWith('.csv')) continue;
  const q = parse(readFileSync(`${root}/${slug}/questions.yaml`, 'utf8'));
  for (const [lang, list] of Object.entries(q) as [string, string[]][]) for (const text of list) {
    const d = explicit ? lang : await detectQuestionLanguage(database.db, text, langs, 'it');
    const res = await rankArticles(database.db, { q: text, language: d as any, fallback: 'it', fallbackNeeded: false, limit: 3 });
    const rank = res.findIndex((r) => r.slug === slug);
    n++; per[lang] ??= [0, 0, 0, 0]; per[lang][3]++;
    if (d === lang) { det++; per[lang][1]++; }
    if (rank >= 0 && d === lang) { hits++; per[lang][0]++; }
    if (rank === 0) per[lang][2]++;
    if (rank < 0 || d !== lang) console.log(`MISS ${lang}->${d} ${slug}: "${text}" got ${res.map((r) => `${r.slug}:${r.score}`).join(' ')}`);
  }
}
console.log(`hits ${hits}/${n} detection ${det}/${n} ms/q ${((Date.now()-t0)/n).toFixed(1)}`, JSON.stringify(rankWeights));
for (const [l, v] of Object.entries(per)) console.log(l, `top3 ${v[0]}/${v[3]} det ${v[1]} top1 ${v[2]}`);
await database.close();
