import { loadConfig, type Config } from '../src/platform/config';

/** Configuration for tests: quiet, no demo load (the template has it), no login delay. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SPORTELLO_DEMO: 'false',
    LOGIN_FAILURE_DELAY_MS: '0',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    JOBS_ENABLED: 'false',
    ...overrides,
  });
}
