import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../../test/test-app';
import { defineJob, JobQueue } from './job-queue';

let t: TestDatabase;
let queue: JobQueue;
const done: string[] = [];
let attempts = 0;

const greet = defineJob({
  name: 'test.greet',
  version: 1,
  payload: z.object({ name: z.string().min(1) }),
  handler: async ({ name }) => {
    done.push(name);
  },
});
const flaky = defineJob({
  name: 'test.flaky',
  version: 1,
  payload: z.object({}),
  retryLimit: 2,
  handler: async () => {
    attempts++;
    if (attempts < 2) throw new Error('first attempt fails');
    done.push('flaky-ok');
  },
});

beforeAll(async () => {
  t = await createTestDatabase();
  queue = new JobQueue(t.database, pino({ level: 'silent' }), { databaseUrl: t.url });
  queue.register(greet);
  queue.register(flaky);
  await queue.start({ work: true });
});
afterAll(async () => {
  await queue.stop(2000);
  await t.drop();
});

async function waitFor(predicate: () => boolean, ms = 20_000) {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting for the job');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the PostgreSQL-backed job queue', () => {
  it('runs a sent job through a worker', async () => {
    await queue.send(greet, { name: 'Ambrogio' });
    await waitFor(() => done.includes('Ambrogio'));
  });

  it('retries a failing job', async () => {
    await queue.send(flaky, {});
    await waitFor(() => done.includes('flaky-ok'));
    expect(attempts).toBe(2);
  });

  it('validates a payload before it is queued', async () => {
    await expect(queue.send(greet, { name: '' })).rejects.toThrow();
  });

  it('refuses to register the same job twice', () => {
    expect(() => queue.register(greet)).toThrow(/twice/);
  });
});
