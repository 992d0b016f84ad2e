import type { Logger } from 'pino';
import type { CityProfile } from './city-profile';
import type { Config } from './config';
import type { Database, Db } from './db/database';
import type { EventBus } from './events/event-bus';
import type { Emit } from './events/unit-of-work';
import type { Translator } from './i18n/i18n';
import type { JobQueue } from './jobs/job-queue';

/** What every feature receives from the platform: no globals, so tests build as many apps as they like. */
export interface AppContext {
  config: Config;
  city: CityProfile;
  database: Database;
  db: Db;
  events: EventBus;
  jobs: JobQueue;
  i18n: Translator;
  log: Logger;
  /** One transaction; the emitted events are written with it and delivered after commit. */
  transact<T>(work: (tx: Db, emit: Emit) => Promise<T>): Promise<T>;
}
