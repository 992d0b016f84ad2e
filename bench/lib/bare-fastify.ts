// The baseline: bare Fastify answering a small JSON document, nothing else.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/*', async () => ({ open: true, closesAt: '2026-12-09T15:30:00+01:00' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
