import { readFileSync } from 'node:fs';
import { openDatabase } from './src/platform/db/database';
const database = await openDatabase({ inMemory: true, loadDataDir: new Blob([readFileSync(process.env.DUMP ?? '/tmp/corpus-2000.tar.gz')]) });
for (const q of process.argv.slice(2)) {
  const t = performance.now();
  const r = await database.query<any>(q);
  console.log((performance.now() - t).toFixed(1), 'ms', JSON.stringify(r.slice(0, 5)));
}
await database.close();
