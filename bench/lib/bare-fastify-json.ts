// The baseline for POST endpoints: bare Fastify reading a JSON body and answering a small JSON
// document of about the same size as a quote, nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/*', async (request) => ({
  scheme: (request.body as { scheme?: string }).scheme ?? 'area-c',
  inForce: true,
  allowed: true,
  charge: { amount: 750, currency: 'EUR' },
  exempt: false,
  reason: 'The charge is €7.50 for the day.',
  reasonCode: 'charge',
  payBy: '2026-12-11T00:00:00+01:00',
}));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
