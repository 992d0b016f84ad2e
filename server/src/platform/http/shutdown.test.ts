import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app';

describe('graceful shutdown', () => {
  it('finishes a request in flight before closing, then closes the database', async () => {
    const t = await createTestApp();
    let finished = false;
    t.app.get('/test/slow', { config: { access: { public: true, rateLimit: false } } }, async () => {
      await sleep(400);
      finished = true;
      return { done: true };
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/test/slow`);
    await sleep(100);
    const closing = t.app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(finished).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await t.close();
  });
});
