import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, describeConfig, loadConfig } from './config';
import { fromRepoRoot } from './paths';

describe('configuration', () => {
  it('has safe defaults for a first start', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.SPORTELLO_DATA_DIR).toBe('./var');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.demo).toBe(true);
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/);
  });

  it('refuses the demo city in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SPORTELLO_DEMO: 'true' })).toThrow(/SPORTELLO_DEMO/);
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
  });

  it('masks secrets when described for the log', () => {
    const described = describeConfig(loadConfig({ DATABASE_URL: 'postgres://u:secret@h/db', SPORTELLO_DEMO_PASSWORD: 'hunter2hunter2' }));
    expect(JSON.stringify(described)).not.toMatch(/secret@|hunter2/);
    expect(described.PORT).toBe(3000);
  });

  it('is documented variable by variable in ARCHITECTURE.md', () => {
    const doc = readFileSync(fromRepoRoot('ARCHITECTURE.md'), 'utf8');
    const documented = [...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(configVariables).sort());
  });
});
