import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database } from '../db/database';

/**
 * A job is data: a name, a version, a validated payload and a handler (Documenso's job definitions).
 * The queue is pg-boss in PostgreSQL, so jobs survive restarts and, on a server, any node may run them.
 * Bumping `version` gives a job a new queue, so old payloads never reach a handler that changed shape.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  version: number;
  payload: S;
  handler: (payload: z.output<S>) => Promise<void>;
  /** Cron expression in Europe/Rome, for recurring jobs (maintenance, reminders, reports). */
  cron?: string;
  retryLimit?: number;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

const queueName = (job: Pick<JobDefinition, 'name' | 'version'>) => `${job.name}.v${job.version}`;

export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private boss: PgBoss | null = null;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    private readonly connection: { databaseUrl?: string | undefined },
  ) {}

  register(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition);
  }

  get registered(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  /** Creates the queues and, when `work` is true, starts the workers and the cron schedules. */
  async start({ work }: { work: boolean }): Promise<void> {
    const boss = new PgBoss({
      ...(this.connection.databaseUrl
        ? { connectionString: this.connection.databaseUrl, max: 4 }
        : { db: { executeSql: (text: string, values: unknown[]) => this.executeEmbedded(text, values) } }),
      schema: 'pgboss',
      application_name: 'sportello-jobs',
      // On the single-session embedded engine, fewer polls leave room for requests.
      supervise: work,
      schedule: work,
    });
    boss.on('error', (error) => this.log.error({ err: error }, 'job queue error'));
    await boss.start();
    this.boss = boss;
    for (const job of this.definitions.values()) {
      const name = queueName(job);
      await boss.createQueue(name, { name, retryLimit: job.retryLimit ?? 3, retryBackoff: true });
      if (!work) continue;
      await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 2 }, async (jobs) => {
        for (const item of jobs) await this.runHandler(job, item.data);
      });
      if (job.cron) await boss.schedule(name, job.cron, {}, { tz: 'Europe/Rome' });
    }
  }

  async send<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>, options: { startAfter?: Date } = {}): Promise<string | null> {
    if (!this.boss) throw new Error('job queue not started');
    const data = job.payload.parse(payload) as object;
    return this.boss.send(queueName(job), data, options.startAfter ? { startAfter: options.startAfter } : {});
  }

  /** Runs a job's handler now, in this process (tests, command-line maintenance). */
  async runNow<S extends z.ZodType>(job: JobDefinition<S>, payload: z.input<S>): Promise<void> {
    await this.runHandler(job as unknown as JobDefinition, payload);
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    // close: false on the embedded engine: the app closes PGlite itself, after every other user.
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: Boolean(this.connection.databaseUrl) });
  }

  private async runHandler(job: JobDefinition, data: unknown): Promise<void> {
    const parsed = job.payload.safeParse(data ?? {});
    if (!parsed.success) {
      // A payload that does not validate will never succeed: fail it loudly instead of retrying.
      this.log.error({ job: job.name, issues: parsed.error.issues.length }, 'job payload rejected');
      throw new Error(`invalid payload for job ${job.name}`);
    }
    const started = Date.now();
    await job.handler(parsed.data);
    this.log.debug({ job: job.name, ms: Date.now() - started }, 'job done');
  }

  // pg-boss sends its schema plans as multi-statement scripts without parameters; PGlite's
  // extended protocol takes one statement, so scripts go through exec().
  private async executeEmbedded(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    if (!values || values.length === 0) {
      const client = this.database.pglite!;
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    }
    return { rows: await this.database.query(text, values) };
  }
}
