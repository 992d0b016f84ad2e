import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type SportelloApp } from '../../app';
import { createTestDatabase, signIn, type TestDatabase } from '../../../test/test-app';
import { testConfig } from '../../../test/test-config';

// Two application instances on one database, as two nodes behind a load balancer: a change made
// through one reaches the other's in-memory search index without any event between them.
let db: TestDatabase;
let first: SportelloApp;
let second: SportelloApp;
beforeAll(async () => {
  db = await createTestDatabase('demo');
  const config = testConfig({ ...(db.url ? { DATABASE_URL: db.url } : {}) });
  first = await buildApp(config, { database: db.database, logger: pino({ level: 'silent' }), background: false });
  second = await buildApp(config, { database: db.database, logger: pino({ level: 'silent' }), background: false });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await first.close();
  await second.close();
  await db.drop();
});

const top = async (app: SportelloApp, q: string) =>
  (await app.inject({ url: `/api/v1/knowledge/search?q=${encodeURIComponent(q)}&lang=en&limit=10` })).json() as {
    results: { slug: string; language: string; fallback?: true }[];
  };

describe('search index freshness across nodes', () => {
  it('notices a change made through another node within the signature-check interval', async () => {
    const q = 'waste tax instalments TARI';
    expect((await top(second, q)).results[0]).toMatchObject({ slug: 'tari', language: 'en' });

    const editor = await signIn(first, 'editor');
    const withdrawn = await first.inject({ method: 'DELETE', url: '/api/v1/knowledge/articles/tari/translations/en', headers: editor });
    expect(withdrawn.statusCode).toBe(204);
    // The node that made the change answers from the new data as soon as its event is delivered.
    await vi.waitFor(async () => {
      await first.ctx.events.kick();
      expect((await top(first, q)).results.find((r) => r.slug === 'tari')).toMatchObject({ language: 'it', fallback: true });
    });

    // The other node still answers from its index until its next signature check…
    expect((await top(second, `${q} now`)).results[0]).toMatchObject({ slug: 'tari', language: 'en' });
    // …and learns of it then: move its clock past the interval,
    // let a search start the check, and ask again (a new question: answers are cached too).
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    await top(second, 'tari');
    await vi.waitFor(async () => {
      const after = await top(second, `${q} please`);
      expect(after.results.find((r) => r.slug === 'tari')).toMatchObject({ language: 'it', fallback: true });
    });
  });
});
