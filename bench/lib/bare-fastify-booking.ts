// The booking benchmark's baseline: bare Fastify parsing the same JSON body and answering a 201
// document of the same shape, with no validation, no database and no business rule.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/*', async (_request, reply) =>
  reply.code(201).send({
    id: '0b3f5a1e-1111-4c2d-9e8f-000000000001',
    code: '7K2QX-M9T4B',
    status: 'booked',
    service: 'cie',
    serviceName: "Carta d'identità elettronica (CIE)",
    language: 'it',
    slot: { id: '0b3f5a1e-1111-4c2d-9e8f-000000000002', office: 'anagrafe-centrale', service: 'cie', start: '2026-12-09T09:30:00+01:00', end: '2026-12-09T09:50:00+01:00', available: 2 },
  }),
);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
