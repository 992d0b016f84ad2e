import { PgDialect } from 'drizzle-orm/pg-core';
import { openDatabase } from './src/platform/db/database';
import { migrate, readMigrations } from './src/platform/db/migrate';
import { readKnowledgeFolder } from './src/features/knowledge/read-articles';
import { loadArticles, type ArticleToLoad } from './src/features/knowledge/load-articles';
import { rankQuery, rankArticles } from './src/features/knowledge/rank-articles';
const langs = ['it','en','fr','es','de','ar','zh','ru','pt'] as const;
const N = Number(process.env.N ?? 2000);
const url = process.env.DB;
const database = await openDatabase(url ? { databaseUrl: url } : { inMemory: true });
await migrate(database, readMigrations().filter((m) => /000[14]/.test(m.version)));
const { articles } = readKnowledgeFolder('../data/demo-milano', langs as any);
let seed = 42; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const t0 = Date.now();
await database.db.transaction(async (tx) => { await loadArticles(tx as any, articles); });
for (let start = 0; start < N; start += 250) {
  const batch: ArticleToLoad[] = [];
  for (let i = start; i < Math.min(N, start + 250); i++) {
    const base = articles[i % articles.length]!; const other = articles[Math.floor(rnd() * articles.length)]!;
    const tr: any = {};
    for (const l of langs) {
      const b = base.translations[l]!, o = other.translations[l]!;
      const paras = [...b.body.split('\n\n'), ...o.body.split('\n\n').slice(0, 3)].sort(() => rnd() - 0.5);
      tr[l] = { title: `${b.title} ${i}`, summary: o.summary, keywords: [...b.keywords.slice(0, 5), `code${i}`], body: paras.join('\n\n') + `\n\nref${i} word${Math.floor(rnd()*50000)}` };
    }
    batch.push({ slug: `gen-${i}`, topic: base.topic, offices: [], services: [], translations: tr });
  }
  await database.db.transaction(async (tx) => { await loadArticles(tx as any, batch); });
  console.log('loaded', start + batch.length, ((Date.now() - t0) / 1000).toFixed(0), 's');
}
await database.exec('analyze');
if (database.pglite) { const dump = await database.pglite.dumpDataDir('gzip'); const { writeFileSync } = await import('node:fs'); writeFileSync(`/tmp/corpus-${N}.tar.gz`, Buffer.from(await dump.arrayBuffer())); }
await database.close();
