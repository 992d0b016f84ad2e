import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogs } from '../i18n/i18n';
import { fromRepoRoot } from '../paths';
import { errorCodes } from './error-codes';

const documented = new Map(
  [...readFileSync(fromRepoRoot('docs/errors.md'), 'utf8').matchAll(/^\| `([a-z0-9_]+\.[a-z0-9_]+)` \| (\d{3}) \| (.+) \|$/gm)].map((m) => [
    m[1]!,
    { status: Number(m[2]), title: m[3]!.trim() },
  ]),
);

describe('error codes', () => {
  it('are all documented in docs/errors.md with the same status and title, and nothing more', () => {
    for (const [code, { status, title }] of Object.entries(errorCodes)) {
      expect(documented.get(code), code).toEqual({ status, title });
    }
    expect([...documented.keys()].sort()).toEqual(Object.keys(errorCodes).sort());
  });

  it('use only the statuses an HTTP client expects for each kind', () => {
    for (const [code, { status }] of Object.entries(errorCodes)) {
      expect([400, 401, 403, 404, 409, 413, 415, 422, 429, 431, 500, 503], code).toContain(status);
    }
  });

  it('have a translated title in every catalog', () => {
    const catalogs = loadCatalogs();
    for (const [lang, catalog] of catalogs) {
      for (const code of Object.keys(errorCodes)) expect(catalog[`error.${code}`], `${lang}: error.${code}`).toBeTruthy();
    }
  });
});
