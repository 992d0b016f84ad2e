/**
 * `npm run bench -- opening-status`: GET /api/v1/offices/:slug/opening?at=… for every demo office at
 * instants spread over seven months (holidays, exceptions and both clock changes included), against
 * bare Fastify answering a JSON document of the same size, 10 connections, on each engine.
 */
import { DateTime } from 'luxon';
import { freshDatabase, parseArgs } from './lib/engines';
import { load, printResults, type LoadResult } from './lib/load';
import { startProcess } from './lib/servers';

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const baselineServer = await startProcess('bench/lib/bare-fastify.ts');
  const baseline = await load({ label: 'bare Fastify (baseline)', url: baselineServer.url, paths: ['/x'], connections: args.connections, seconds: args.seconds });
  await baselineServer.stop();

  const measured: LoadResult[] = [];
  for (const engine of args.engines) {
    const db = await freshDatabase(engine);
    const server = await startProcess('bench/lib/sportello-server.ts', [], { ...db.env, SPORTELLO_DEMO: 'true' });
    try {
      const offices = (await (await fetch(`${server.url}/api/v1/offices`)).json()) as { slug: string }[];
      const paths: string[] = [];
      const start = DateTime.fromISO('2026-12-01T00:00', { zone: 'Europe/Rome' });
      for (let i = 0; i < 5000; i++) {
        const at = start.plus({ minutes: (i * 7919) % (60 * 24 * 210) }).toISO()!;
        paths.push(`/api/v1/offices/${offices[i % offices.length]!.slug}/opening?at=${encodeURIComponent(at)}&lang=${['it', 'en', 'ar', 'zh'][i % 4]}`);
      }
      measured.push(await load({ label: `Sportello opening status, ${engine}`, url: server.url, paths, connections: args.connections, seconds: args.seconds }));
    } finally {
      await server.stop();
      await db.drop();
    }
  }
  printResults('opening-status', baseline, measured, [
    `${args.connections} connections, ${args.seconds} s per run; ${measured.length ? '5,000 distinct (office, instant, language) requests in rotation' : ''}.`,
    'Target: at least 25% of the baseline request rate.',
  ]);
}
