/**
 * `npm run bench -- <name> [options]`: runs bench/<name>.ts. Each benchmark measures a baseline in
 * the same run (bare Fastify, raw SQL) and prints both figures and their ratio, because absolute
 * numbers on a shared 2-core machine mean little on their own.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name> [--engine pglite|postgres] [--seconds N]\nbenchmarks: ${available.join(', ')}\n`);
  process.exit(64);
}
const bench = (await import(`./${name}.ts`)) as { main(args: string[]): Promise<void> };
await bench.main(args);
process.exit(0);
