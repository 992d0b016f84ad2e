import pino, { type Logger } from 'pino';
import { loadCityProfile } from './platform/city-profile';
import type { Config } from './platform/config';
import type { AppContext } from './platform/context';
import { openDatabase, type Database } from './platform/db/database';
import { migrate } from './platform/db/migrate';
import { EventBus } from './platform/events/event-bus';
import { transact } from './platform/events/unit-of-work';
import { platformRoutes } from './platform/http/health';
import { createMetrics } from './platform/http/metrics';
import { createHttpServer } from './platform/http/server';
import { Translator, loadCatalogs } from './platform/i18n/i18n';
import { JobQueue } from './platform/jobs/job-queue';
import { loggerOptions } from './platform/logging';
import { fromRepoRoot } from './platform/paths';
import { authenticate, identityJobs, identityRoutes } from './features/identity';
import { directoryRoutes, directoryListeners } from './features/directory';
import { knowledgeRoutes, knowledgeListeners } from './features/knowledge';
import { citizensRoutes } from './features/citizens';
import { contactsRoutes, contactsCitizenData } from './features/contacts';
import { paymentsRoutes } from './features/payments';
import { appointmentsJobs, appointmentsListeners, appointmentsRoutes } from './features/appointments';
import { mobilityRoutes, mobilityListeners } from './features/mobility';
import { selfServiceRoutes } from './features/self-service';
import { notificationsJobs, notificationsListeners, notificationsRoutes } from './features/notifications';
import { casesRoutes } from './features/cases';
import { open311Plugin } from './features/open311';
import { certificatesListeners, certificatesRoutes } from './features/certificates';
import { schoolsRoutes } from './features/schools';
import { loadCityIfEmpty } from './city-data';
import { platformJobs } from './platform/jobs/platform-jobs';

export interface BuildOptions {
  logger?: Logger;
  /** An already open database (tests share a migrated template); otherwise one is opened from config. */
  database?: Database;
  /** Start job workers and the event relay timer (off in most tests). */
  background?: boolean;
}

/**
 * Builds the whole application without opening a port: platform first, then one plugin per
 * feature. Tests drive the result with `inject()`; main.ts calls `listen()`.
 */
export async function buildApp(config: Config, options: BuildOptions = {}) {
  const log = options.logger ?? pino(loggerOptions(config));
  const city = loadCityProfile(fromRepoRoot(config.SPORTELLO_CITY_DIR), config.SPORTELLO_LANGUAGES);
  const i18n = new Translator(loadCatalogs(), city.languages);
  const database =
    options.database ??
    (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: fromRepoRoot(config.SPORTELLO_DATA_DIR), poolSize: config.DATABASE_POOL_SIZE }));
  const applied = await migrate(database);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const events = new EventBus(database, log);
  const jobs = new JobQueue(database, log, { databaseUrl: config.DATABASE_URL });
  const ctx: AppContext = {
    config,
    city,
    database,
    db: database.db,
    events,
    jobs,
    i18n,
    log,
    transact: (work) => transact(database, events, work),
  };

  const metrics = createMetrics();
  events.onAny((event) => {
    metrics.events.inc({ name: event.name });
  });
  directoryListeners(ctx);
  knowledgeListeners(ctx);
  appointmentsListeners(ctx);
  mobilityListeners(ctx);
  notificationsListeners(ctx);
  certificatesListeners(ctx);

  const app = await createHttpServer({
    logger: log,
    i18n,
    languages: city.languages,
    defaultLanguage: city.defaultLanguage,
    metrics,
    publicRateLimitPerMinute: config.PUBLIC_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.TRUST_PROXY,
    authenticate: (token) => authenticate(ctx, token),
  });

  await app.register(platformRoutes({ database, metrics, city, openapi: () => app.swagger() }));
  await app.register(identityRoutes(ctx));
  await app.register(directoryRoutes(ctx));
  await app.register(knowledgeRoutes(ctx));
  await app.register(citizensRoutes(ctx, { dataHolders: [contactsCitizenData] }));
  await app.register(contactsRoutes(ctx));
  await app.register(paymentsRoutes(ctx));
  await app.register(mobilityRoutes(ctx));
  await app.register(selfServiceRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(casesRoutes(ctx));
  await app.register(open311Plugin(ctx));
  await app.register(appointmentsRoutes(ctx));
  await app.register(certificatesRoutes(ctx));
  await app.register(schoolsRoutes(ctx));

  for (const job of [...platformJobs(ctx), ...identityJobs(ctx)]) jobs.register(job);
  for (const job of notificationsJobs(ctx)) jobs.register(job);
  for (const job of appointmentsJobs(ctx)) jobs.register(job);

  if (config.demo) await loadCityIfEmpty(ctx, fromRepoRoot(config.SPORTELLO_CITY_DIR), config.SPORTELLO_DEMO_PASSWORD);

  const background = options.background ?? true;
  if (background) {
    await jobs.start({ work: config.JOBS_ENABLED });
    events.start();
  }
  await events.kick();

  // Close order: stop taking work (Fastify drains in-flight requests first), then the relay and
  // the job workers, then the database they use.
  app.addHook('onClose', async () => {
    await events.stop();
    if (background) await jobs.stop(config.SHUTDOWN_TIMEOUT_MS);
    if (!options.database) await database.close();
  });

  return Object.assign(app, { ctx });
}

export type SportelloApp = Awaited<ReturnType<typeof buildApp>>;
