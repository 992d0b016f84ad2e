#!/usr/bin/env node
// Feature boundaries (STYLE.md): code outside a feature imports it only through its index.ts, and
// the platform imports no feature at all. Prints every violation; exits 1 if there is any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scanned = ['server/src', 'server/test', 'bench'].map((d) => join(root, d));
const featuresDir = join(root, 'server/src/features');
const platformDir = join(root, 'server/src/platform');

function* files(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

const featureOf = (path) => {
  const rel = relative(featuresDir, path);
  return rel.startsWith('..') ? null : rel.split(sep)[0];
};

const importPattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const violations = [];
let checked = 0;
for (const dir of scanned) {
  for (const file of files(dir)) {
    const source = readFileSync(file, 'utf8');
    const own = featureOf(file);
    for (const match of source.matchAll(importPattern)) {
      const spec = match[1] ?? match[2];
      if (!spec.startsWith('.')) continue;
      checked++;
      const target = resolve(dirname(file), spec);
      const targetFeature = featureOf(target);
      const where = `${relative(root, file)} imports '${spec}'`;
      if (file.startsWith(platformDir + sep) && targetFeature) violations.push(`${where}: the platform must not depend on a feature`);
      if (!targetFeature || targetFeature === own) continue;
      const inside = relative(join(featuresDir, targetFeature), target);
      if (inside !== '' && inside !== 'index' && inside !== 'index.ts') {
        violations.push(`${where}: import features/${targetFeature} through its index.ts`);
      }
    }
  }
}
for (const v of violations) console.error(`boundary: ${v}`);
console.log(`feature boundaries: ${checked} relative imports checked, ${violations.length} violation(s)`);
process.exit(violations.length ? 1 : 0);
