/**
 * Loads a city's certificate catalog (`certificates.yaml`: dated rules, types, exemptions). Every
 * entry is checked first (all the city's languages, codes, dates, amounts); each bad entry is
 * reported with its section, 1-based position and reasons, and then nothing is written. Entries are
 * keyed (code; validFrom), so loading the file again updates rather than duplicates.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { readYamlFile } from '../../platform/yaml-file';
import type { LanguageCode } from '../../platform/i18n/languages';
import { isValidDate } from '../directory';
import { certificateExemptions, certificateRules, certificateTypes } from './tables';

export const CERTIFICATES_FILE = 'certificates.yaml';

const CODE = /^[a-z][a-z0-9-]{0,39}$/;

function schemas(languages: readonly LanguageCode[]) {
  const translated = z.object(
    Object.fromEntries(languages.map((l) => [l, z.string({ error: 'missing translation' }).trim().min(1, 'empty translation')])) as Record<LanguageCode, z.ZodString>,
    { error: 'missing (one entry per language expected)' },
  );
  const code = z.string({ error: 'missing' }).regex(CODE, 'only lower-case letters, digits and dashes, starting with a letter');
  const reference = z.string({ error: 'missing' }).trim().min(3, 'missing legal reference');
  const rule = z.object(
    {
      validFrom: z.string({ error: 'missing' }).refine(isValidDate, 'not a real date YYYY-MM-DD'),
      stampDutyCents: z.number({ error: 'must be a number of euro cents' }).int('must be whole euro cents').min(0, 'must not be negative'),
      validityMonths: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(120),
      deliveryWorkingDays: z.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(60),
      approvalRequiresPayment: z.boolean({ error: 'must be true or false' }),
    },
    { error: 'expected a mapping' },
  );
  const type = z
    .object(
      { code, alwaysExempt: z.boolean({ error: 'must be true or false' }), exemptReference: reference.optional(), name: translated, description: translated },
      { error: 'expected a mapping' },
    )
    .refine((t) => !t.alwaysExempt || t.exemptReference, { message: 'an always-exempt type needs its exemptReference', path: ['exemptReference'] });
  const exemption = z.object({ code, legalReference: reference, label: translated }, { error: 'expected a mapping' });
  return { rule, type, exemption };
}

interface Parsed<T> {
  items: T[];
}

function section<T>(data: Record<string, unknown>, name: string, schema: z.ZodType<T>, key: (t: T) => string, rejected: RejectedRow[], required: boolean): Parsed<T> {
  const list = data[name];
  const file = `${CERTIFICATES_FILE}#${name}`;
  if (list === undefined || list === null) {
    if (required) rejected.push({ file, line: 0, reason: `missing section "${name}"` });
    return { items: [] };
  }
  if (!Array.isArray(list)) {
    rejected.push({ file, line: 0, reason: 'expected a list of entries' });
    return { items: [] };
  }
  const seen = new Map<string, number>();
  const items: T[] = [];
  list.forEach((entry, i) => {
    const parsed = schema.safeParse(entry);
    if (!parsed.success) {
      rejected.push({ file, line: i + 1, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; ') });
      return;
    }
    const k = key(parsed.data);
    if (seen.has(k)) return void rejected.push({ file, line: i + 1, reason: `"${k}" is already given by entry ${seen.get(k)}` });
    seen.set(k, i + 1);
    items.push(parsed.data);
  });
  return { items };
}

export async function importCertificates(tx: Db, _emit: Emit, cityDir: string): Promise<ImportReport> {
  const counts = { certificateTypes: 0, certificateExemptions: 0, certificateRules: 0 };
  const path = join(cityDir, CERTIFICATES_FILE);
  // A city that does not offer home delivery simply has no file.
  if (!existsSync(path)) return { counts, rejected: [] };
  const rejected: RejectedRow[] = [];
  const data = readYamlFile(path, CERTIFICATES_FILE, rejected);
  if (data === null) return { counts, rejected };
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { counts, rejected: [{ file: CERTIFICATES_FILE, line: 0, reason: 'expected a mapping with rules, types and exemptions' }] };
  const s = schemas(loadCityProfile(cityDir).languages);
  const record = data as Record<string, unknown>;
  const rules = section(record, 'rules', s.rule, (r) => r.validFrom, rejected, true).items;
  const types = section(record, 'types', s.type, (t) => t.code, rejected, true).items;
  const exemptions = section(record, 'exemptions', s.exemption, (e) => e.code, rejected, false).items;
  if (rejected.length) return { counts, rejected };

  const now = new Date();
  for (const r of rules) {
    const row = { stampDutyCents: r.stampDutyCents, validityMonths: r.validityMonths, deliveryWorkingDays: r.deliveryWorkingDays, approvalRequiresPayment: r.approvalRequiresPayment, updatedAt: now };
    await tx.insert(certificateRules).values({ validFrom: r.validFrom, ...row }).onConflictDoUpdate({ target: certificateRules.validFrom, set: row });
  }
  for (const [position, t] of types.entries()) {
    const row = { position, alwaysExempt: t.alwaysExempt, exemptReference: t.exemptReference ?? null, names: t.name, descriptions: t.description, updatedAt: now };
    await tx.insert(certificateTypes).values({ code: t.code, ...row }).onConflictDoUpdate({ target: certificateTypes.code, set: row });
  }
  for (const [position, e] of exemptions.entries()) {
    const row = { position, legalReference: e.legalReference, labels: e.label, updatedAt: now };
    await tx.insert(certificateExemptions).values({ code: e.code, ...row }).onConflictDoUpdate({ target: certificateExemptions.code, set: row });
  }
  return { counts: { certificateTypes: types.length, certificateExemptions: exemptions.length, certificateRules: rules.length }, rejected };
}
