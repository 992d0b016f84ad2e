import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/test-app';

// In a file of its own: an app built earlier in the same file with another limit would share the
// rate-limit plugin's per-route stores and hide this one's limit.
describe('the public rate limit on Open311', () => {
  it('answers 429 in the spec’s error format once the limit is reached', async () => {
    const small = await createTestApp({ demo: true, env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 5; i++) {
        const res = await small.app.inject({ method: 'GET', url: '/open311/v2/services.xml', remoteAddress: '203.0.113.21' });
        statuses.push(res.statusCode);
        last = res.body;
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(XMLValidator.validate(last)).toBe(true);
      expect(last).toContain('<code>429</code>');
    } finally {
      await small.close();
    }
  });
});
