/**
 * Loads the rules of the city's traffic schemes from `mobility/*.yaml` (one file per scheme:
 * `scheme` and a list of `versions`). Every version is checked with the API's own schema, and the
 * versions of a scheme must not overlap; any bad entry is reported with its file, its 1-based
 * position and every reason, and then nothing is written. Versions are keyed by id, so loading the
 * same files again replaces rather than duplicates.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { readYamlFile } from '../../platform/yaml-file';
import { toVersion, writeVersion } from './rule-versions';
import { SCHEMES, versionInput, type RuleVersion, type Scheme } from './rules-schema';

export const MOBILITY_DIR = 'mobility';

const fileSchema = z.object({ scheme: z.enum(SCHEMES), versions: z.array(z.unknown()) }, { error: 'expected `scheme` and a list of `versions`' });

export async function importMobility(tx: Db, emit: Emit, cityDir: string): Promise<ImportReport> {
  const dir = join(cityDir, MOBILITY_DIR);
  const rejected: RejectedRow[] = [];
  const versions: RuleVersion[] = [];
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  for (const name of files) {
    const file = `${MOBILITY_DIR}/${name}`;
    const data = readYamlFile(join(dir, name), file, rejected);
    if (data === null) continue;
    const head = fileSchema.safeParse(data);
    if (!head.success) {
      rejected.push({ file, line: 0, reason: head.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ') });
      continue;
    }
    const scheme: Scheme = head.data.scheme;
    const mine: RuleVersion[] = [];
    head.data.versions.forEach((entry, i) => {
      const parsed = versionInput.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) rejected.push({ file, line: i + 1, reason: `${issue.path.join('.') || 'version'}: ${issue.message}` });
        return;
      }
      const version = toVersion(scheme, parsed.data);
      const clash = [...versions, ...mine].find((v) => v.id === version.id || (v.scheme === scheme && overlap(v, version)));
      if (clash) {
        rejected.push({ file, line: i + 1, reason: clash.id === version.id ? `id ${version.id} used twice` : `${version.id} overlaps ${clash.id}` });
        return;
      }
      mine.push(version);
    });
    versions.push(...mine);
  }
  // All or nothing: with one bad entry nothing is written and the caller aborts the transaction.
  if (rejected.length) return { counts: { mobilityRuleVersions: 0 }, rejected };
  for (const version of versions) {
    try {
      await writeVersion(tx, version);
    } catch (error) {
      // A stored version (edited through the API) that the files' versions overlap.
      if (error instanceof AppError && error.code === 'mobility.version_overlap') {
        return { counts: { mobilityRuleVersions: 0 }, rejected: [{ file: `${MOBILITY_DIR}/${version.scheme}`, line: 0, reason: error.message }] };
      }
      throw error;
    }
  }
  for (const scheme of new Set(versions.map((v) => v.scheme))) emit('mobility.rules_changed', { scheme, versionId: '*', change: 'imported' });
  return { counts: { mobilityRuleVersions: versions.length }, rejected };
}

const overlap = (a: RuleVersion, b: RuleVersion) => (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
