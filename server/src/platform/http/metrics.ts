import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance (tests build many apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sportello_' });
  const httpDuration = new Histogram({
    name: 'sportello_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern (never the raw URL, which may hold personal data).',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const events = new Counter({
    name: 'sportello_events_delivered_total',
    help: 'Domain events delivered to listeners, by name.',
    labelNames: ['name'] as const,
    registers: [registry],
  });
  return { registry, httpDuration, events };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function observeRequests(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
