/**
 * `npm run bench -- mobility-quote`: POST /api/v1/mobility/quote for 5,000 distinct (scheme, date,
 * time, vehicle, resident, language) questions across every version of Ecopass, Area C and Area B,
 * against bare Fastify reading and answering JSON bodies of the same size, 10 connections, on each
 * engine. The rules and the holiday calendar are cached in memory, so this measures the engine and
 * the HTTP pipeline (validation, access, rate limit, serialisation), not the database.
 */
import autocannon from 'autocannon';
import { freshDatabase, parseArgs } from './lib/engines';
import { printResults, toLoadResult, type LoadResult } from './lib/load';
import { startProcess } from './lib/servers';

const KINDS = ['car', 'goods', 'bus', 'moped', 'motorcycle'] as const;
const FUELS = ['petrol', 'diesel', 'lpg', 'cng', 'electric', 'hybrid'] as const;
const LANGS = ['it', 'en', 'ar', 'zh', 'fr'];
// Dates inside each scheme's versions (weekdays, holidays and weekends mixed by the rotation).
const SPANS = { ecopass: ['2008-01-02', 1460], 'area-c': ['2012-01-16', 5400], 'area-b': ['2019-02-25', 4500] } as const;

function bodies(n: number): string[] {
  const out: string[] = [];
  const schemes = Object.keys(SPANS) as (keyof typeof SPANS)[];
  for (let i = 0; i < n; i++) {
    const scheme = schemes[i % 3]!;
    const [start, days] = SPANS[scheme];
    const d = new Date(`${start}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + ((i * 7919) % days));
    const kind = KINDS[(i * 31) % KINDS.length]!;
    const fuel = FUELS[(i * 17) % FUELS.length]!;
    const euro = (i * 13) % 7;
    // The details some rules need, so that every question has an answer (no 422s in the mix).
    const vehicle = { kind, fuel, euro, particulateFilter: i % 2 === 0, co2: 80 + (i % 60), engineStroke: i % 3 === 0 ? 2 : 4, euro6Stage: ['a', 'c', 'd'][i % 3] };
    const minutes = (i * 37) % 1440;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    out.push(JSON.stringify({ scheme, date: d.toISOString().slice(0, 10), ...(i % 4 ? { time } : {}), vehicle, resident: i % 5 === 0, lang: LANGS[i % LANGS.length] }));
  }
  return out;
}

async function loadPost(label: string, url: string, path: string, payloads: string[], connections: number, seconds: number): Promise<LoadResult> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', path, headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: payloads[i++ % payloads.length]! }) }],
  });
  return toLoadResult(label, result);
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const payloads = bodies(5000);
  const baselineServer = await startProcess('bench/lib/bare-fastify-json.ts');
  const baseline = await loadPost('bare Fastify, JSON body (baseline)', baselineServer.url, '/x', payloads, args.connections, args.seconds);
  await baselineServer.stop();

  const measured: LoadResult[] = [];
  for (const engine of args.engines) {
    const db = await freshDatabase(engine);
    const server = await startProcess('bench/lib/sportello-server.ts', [], { ...db.env, SPORTELLO_DEMO: 'true' });
    try {
      // Every question must be answerable: a 4xx in the mix would measure the error path instead.
      for (const body of payloads.slice(0, 200)) {
        const res = await fetch(`${server.url}/api/v1/mobility/quote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        if (res.status !== 200) throw new Error(`quote answered ${res.status} to ${body}: ${await res.text()}`);
      }
      measured.push(await loadPost(`Sportello mobility quote, ${engine}`, server.url, '/api/v1/mobility/quote', payloads, args.connections, args.seconds));
    } finally {
      await server.stop();
      await db.drop();
    }
  }
  printResults('mobility-quote', baseline, measured, [
    `${args.connections} connections, ${args.seconds} s per run; 5,000 distinct questions in rotation over Ecopass, Area C and Area B.`,
  ]);
}
