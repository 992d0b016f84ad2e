import { readFileSync } from 'node:fs';
import { PgDialect } from 'drizzle-orm/pg-core';
import { openDatabase } from './src/platform/db/database';
import { rankQuery, rankArticles } from './src/features/knowledge/rank-articles';
const url = process.env.DB;
const database = url ? await openDatabase({ databaseUrl: url }) : await openDatabase({ inMemory: true, loadDataDir: new Blob([readFileSync(process.env.DUMP ?? '/tmp/corpus-2000.tar.gz')]) });
const [lang, q, explain] = process.argv.slice(2);
const params = { q, language: lang as any, fallback: 'it' as any, fallbackNeeded: false, limit: 10 };
for (let i = 0; i < 3; i++) await rankArticles(database.db, params);
const times: number[] = [];
for (let i = 0; i < 20; i++) { const t = performance.now(); await rankArticles(database.db, params); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log(lang, q, 'median ms', times[10].toFixed(1), 'max', times[19].toFixed(1));
if (explain) {
const { sql: text, params: p } = new PgDialect().sqlToQuery(rankQuery(params));
const plan = await database.query<any>('explain (analyze, costs off, buffers off) ' + text, p);
console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
}
await database.close();
