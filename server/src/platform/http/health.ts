import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database';
import { migrationsApplied } from '../db/migrate';
import { AppError } from '../errors/error-codes';
import { describeLanguage } from '../i18n/languages';
import type { CityProfile } from '../city-profile';
import type { Metrics } from './metrics';

const internal = { access: { public: true, rateLimit: false } } as const;

export function platformRoutes(deps: { database: Database; metrics: Metrics; city: CityProfile; openapi: () => unknown }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/healthz', { config: internal, schema: { hide: true } }, async () => ({ status: 'ok' }));

    app.get('/readyz', { config: internal, schema: { hide: true } }, async () => {
      const ready = await migrationsApplied(deps.database).catch(() => false);
      if (!ready) throw new AppError('service.unavailable', 'The database does not answer or migrations are pending.');
      return { status: 'ready', database: deps.database.kind };
    });

    app.get('/metrics', { config: internal, schema: { hide: true } }, async (_request, reply) => {
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    });

    app.get('/api/docs', { config: internal, schema: { hide: true } }, async () => deps.openapi());

    app.get(
      '/api/v1/languages',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['platform'],
          summary: "The city's languages, in display order",
          response: { 200: z.array(z.object({ code: z.string(), name: z.string(), direction: z.enum(['ltr', 'rtl']) })) },
        },
      },
      async () => deps.city.languages.map(describeLanguage),
    );
  };
}
