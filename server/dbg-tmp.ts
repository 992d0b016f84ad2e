import { openDatabase } from './src/platform/db/database';
import { migrate, readMigrations } from './src/platform/db/migrate';
import { readKnowledgeFolder } from './src/features/knowledge/read-articles';
import { loadArticles } from './src/features/knowledge/load-articles';
const langs = ['it','en','fr','es','de','ar','zh','ru','pt'] as any[];
const database = await openDatabase({ inMemory: true });
await migrate(database, readMigrations().filter((m) => /000[14]/.test(m.version)));
const { articles } = readKnowledgeFolder('../data/demo-milano', langs);
await database.db.transaction(async (tx) => { await loadArticles(tx as any, articles); });
const [lang, cfg, q] = process.argv.slice(2);
console.log(await database.query(`select replace(plainto_tsquery($1::regconfig, $2)::text, ' & ', ' | ') as q`, [cfg, q]));
const rows = await database.query(`with i as (select replace(plainto_tsquery($1::regconfig, $2)::text, ' & ', ' | ')::tsquery as q)
 select slug, ts_rank('{0.05,0.2,0.5,1.0}', tsv, i.q, 0) r, (select string_agg(x, ' ') from unnest(tsvector_to_array(tsv)) x where x::tsvector @@ i.q) hit from article_search, i where language=$3 and tsv @@ i.q order by r desc limit 6`, [cfg, q, lang]);
console.log(rows);
console.log(await database.query(`select word, language from knowledge_lexicon where word = any($1)`, [q.toLowerCase().split(/[^\p{L}]+/u)]));
await database.close();
