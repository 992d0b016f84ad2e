import { PgDialect } from 'drizzle-orm/pg-core';
import { openDatabase } from './src/platform/db/database';
import { migrate, readMigrations } from './src/platform/db/migrate';
import { readKnowledgeFolder } from './src/features/knowledge/read-articles';
import { loadArticles } from './src/features/knowledge/load-articles';
import { rankQuery, rankArticles } from './src/features/knowledge/rank-articles';
const langs = ['it','en','fr','es','de','ar','zh','ru','pt'] as any[];
const url = process.env.DB;
const database = await openDatabase(url ? { databaseUrl: url } : { inMemory: true });
await migrate(database, readMigrations().filter((m) => /000[14]/.test(m.version)));
if (!process.env.SKIPLOAD) {
const { articles } = readKnowledgeFolder('../data/demo-milano', langs);
await database.db.transaction(async (tx) => { await loadArticles(tx as any, articles); });
}
const [lang, q] = process.argv.slice(2);
const params = { q, language: lang as any, fallback: 'it' as any, limit: 10 };
const { sql: text, params: p } = new PgDialect().sqlToQuery(rankQuery(params));
for (let i = 0; i < 3; i++) await rankArticles(database.db, params);
const t0 = performance.now(); for (let i = 0; i < 20; i++) await rankArticles(database.db, params); console.log('ms/query', ((performance.now() - t0) / 20).toFixed(2));
const plan = await database.query<any>('explain (analyze, costs off) ' + text, p);
console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
await database.close();
