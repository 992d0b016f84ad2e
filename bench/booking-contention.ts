/**
 * `npm run bench -- booking-contention [--engine pglite|postgres] [--seconds N] [--connections N]`:
 * many clients booking appointments at once. Each request is a POST /api/v1/appointments for a new
 * citizen (a distinct valid codice fiscale), 1 in 5 aimed at one hot 3-seat slot and the rest spread
 * over every CIE and certificate slot of the demo city's next 60 days, so that the hot slot's row is
 * fought over while the other bookings fill the calendar. Against bare Fastify answering the same
 * POST, on each engine. Afterwards the database is read directly: no slot may hold more bookings
 * than its capacity, and `booked` must equal the slot's active appointments.
 */
import autocannon from 'autocannon';
import { encodeFiscalCode } from '../server/src/features/citizens';
import { openDatabase } from '../server/src/platform/db/database';
import { freshDatabase, parseArgs } from './lib/engines';
import { startProcess } from './lib/servers';

interface SlotJson {
  id: string;
  office: string;
  service: string;
  start: string;
  available: number;
}

interface Run {
  label: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  created: number;
  conflicts: number;
  other: number;
  otherDetail: string;
  bookingsPerSecond: number;
  check?: string;
}

/** Distinct codici fiscali: one birth date (1930 onwards) and sex per index. */
function fiscalCode(n: number): string {
  const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(n / 2) * 86_400_000).toISOString().slice(0, 10);
  return encodeFiscalCode({ surname: 'Verdi', name: 'Giulia', birthDate: birth, sex: n % 2 ? 'F' : 'M', placeCode: 'F205' });
}

async function drive(label: string, url: string, slots: string[], hot: string, connections: number, seconds: number, offset: number): Promise<Run> {
  let n = 0;
  const statuses = new Map<number, number>();
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/appointments',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = n++;
          const slotId = i % 5 === 0 ? hot : slots[(i * 7919) % slots.length]!;
          return { ...req, body: JSON.stringify({ slotId, citizen: { fiscalCode: fiscalCode(offset + i), name: `Cittadina ${i}` }, language: 'it' }) };
        },
        onResponse: (status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  const created = statuses.get(201) ?? 0;
  const conflicts = statuses.get(409) ?? 0;
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  return {
    label,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    created,
    conflicts,
    other: total - created - conflicts + result.errors + result.timeouts,
    otherDetail: [...[...statuses].filter(([s]) => s !== 201 && s !== 409).map(([s, c]) => `${c} × ${s}`), ...(result.errors ? [`${result.errors} errors`] : []), ...(result.timeouts ? [`${result.timeouts} timeouts`] : [])].join(', '),
    bookingsPerSecond: created / seconds,
  };
}

/** Reads the database after the run: any slot over capacity, or whose count disagrees with its appointments. */
async function verify(env: Record<string, string>): Promise<string> {
  const database = env.DATABASE_URL ? await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 1 }) : await openDatabase({ dataDir: env.SPORTELLO_DATA_DIR });
  try {
    const [row] = await database.query<{ over: number; mismatched: number; appointments: number }>(
      `select (select count(*)::int from appointment_slots where booked > capacity) as over,
              (select count(*)::int from appointment_slots s
                where s.booked <> (select count(*) from appointments a where a.slot_id = s.id and a.status = 'booked')) as mismatched,
              (select count(*)::int from appointments) as appointments`,
    );
    return `${row!.appointments} appointments stored; slots over capacity: ${row!.over}; slots whose count disagrees with their appointments: ${row!.mismatched}`;
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const connections = Number(args.rest.connections ?? 20);
  const runs: Run[] = [];

  const bare = await startProcess('bench/lib/bare-fastify-booking.ts');
  runs.push(await drive('bare Fastify (baseline)', bare.url, ['00000000-0000-4000-8000-000000000000'], '00000000-0000-4000-8000-000000000000', connections, args.seconds, 0));
  await bare.stop();

  for (const engine of args.engines) {
    const db = await freshDatabase(engine);
    const server = await startProcess('bench/lib/sportello-server.ts', [], { ...db.env, SPORTELLO_DEMO: 'true' });
    let run: Run;
    try {
      const today = new Date().toISOString().slice(0, 10);
      const to = new Date(Date.now() + 59 * 86_400_000).toISOString().slice(0, 10);
      const lists = await Promise.all(
        ['cie', 'certificati'].map(async (service) => (await (await fetch(`${server.url}/api/v1/appointments/slots?service=${service}&from=${today}&to=${to}&available=true`)).json()) as SlotJson[]),
      );
      // Slots starting within the next hour could start during the run (422): left out.
      const soon = Date.now() + 3_600_000;
      const slots = lists.flat().filter((s) => Date.parse(s.start) > soon);
      const hot = slots.find((s) => s.available === 3)!;
      run = await drive(`Sportello, ${engine}`, server.url, slots.map((s) => s.id), hot.id, connections, args.seconds, 100_000);
      run.label += ` (${slots.length} slots)`;
    } finally {
      await server.stop();
    }
    try {
      run.check = await verify(db.env);
    } finally {
      await db.drop();
    }
    runs.push(run);
  }

  const base = runs[0]!;
  const lines = [
    '## booking-contention',
    '',
    '| run | req/s | bookings/s | p50 ms | p99 ms | vs baseline | 201 | 409 | other |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.label} | ${r.rps.toFixed(0)} | ${r === base ? '–' : r.bookingsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${((r.rps / base.rps) * 100).toFixed(1)}% | ${r.created} | ${r.conflicts} | ${r.other} |`,
    ),
    '',
    `${connections} connections, ${args.seconds} s per run; 1 request in 5 aims at one 3-seat slot, the others at the demo city's slots of the next 60 days; every request is a new citizen.`,
    ...runs.filter((r) => r.check).map((r) => `${r.label}: ${r.check}${r.other ? `; other answers: ${r.otherDetail}` : ''}.`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
