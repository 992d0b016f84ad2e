/**
 * Wrap-up topics: what the citizen asked about, from the city's list (`contact-topics.yaml`) with a
 * name in every language. Statistics by topic (DESIGN.md "insights") count these codes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, and } from 'drizzle-orm';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadCityProfile } from '../../platform/city-profile';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { ImportReport, RejectedRow } from '../../platform/import-report';
import { contactTopics } from './tables';

export const TOPICS_FILE = 'contact-topics.yaml';

export interface TopicView {
  code: string;
  name: string;
}

/** The active topics in the city's order, named in `lang` (the city's default when a name is missing). */
export async function listTopics(tx: Db, lang: string, fallback: string): Promise<TopicView[]> {
  const rows = await tx.select().from(contactTopics).where(eq(contactTopics.active, true)).orderBy(asc(contactTopics.position), asc(contactTopics.code));
  return rows.map((r) => ({ code: r.code, name: r.names[lang] ?? r.names[fallback] ?? r.code }));
}

export async function assertTopic(tx: Db, code: string): Promise<void> {
  const [row] = await tx.select({ code: contactTopics.code }).from(contactTopics).where(and(eq(contactTopics.code, code), eq(contactTopics.active, true)));
  if (!row) throw new AppError('contacts.unknown_topic', `No active topic "${code}".`, [{ field: 'body.topic', message: 'not one of the city’s topics' }]);
}

/**
 * Loads the topic list. Every entry needs a code and a name in each of the city's languages; a bad
 * entry is reported (file, 1-based position, reasons) and nothing is written. Topics missing from
 * the file are deactivated, not deleted: past contacts keep their code.
 */
export async function importContactTopics(tx: Db, cityDir: string): Promise<ImportReport> {
  const file = join(cityDir, TOPICS_FILE);
  if (!existsSync(file)) return { counts: {}, rejected: [] };
  const city = loadCityProfile(cityDir);
  const name = z.string({ error: 'missing translation' }).trim().min(1, 'empty translation');
  const entry = z.object(
    {
      code: z.string({ error: 'missing' }).regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'only lower-case letters, digits and dashes'),
      names: z.object(Object.fromEntries(city.languages.map((l) => [l, name])), { error: 'missing (one name per language expected)' }),
    },
    { error: 'expected a mapping' },
  );
  const raw = parse(readFileSync(file, 'utf8')) as unknown;
  const rejected: RejectedRow[] = [];
  if (!Array.isArray(raw)) return { counts: {}, rejected: [{ file: TOPICS_FILE, line: 1, reason: 'expected a list of topics' }] };
  const topics: { code: string; names: Record<string, string> }[] = [];
  raw.forEach((item, i) => {
    const parsed = entry.safeParse(item);
    if (!parsed.success) {
      rejected.push({ file: TOPICS_FILE, line: i + 1, reason: parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ') });
    } else if (topics.some((t) => t.code === parsed.data.code)) {
      rejected.push({ file: TOPICS_FILE, line: i + 1, reason: `code: "${parsed.data.code}" listed twice` });
    } else topics.push(parsed.data as { code: string; names: Record<string, string> });
  });
  if (rejected.length) return { counts: {}, rejected };
  await tx.update(contactTopics).set({ active: false });
  for (const [position, t] of topics.entries()) {
    await tx
      .insert(contactTopics)
      .values({ code: t.code, position, names: t.names, active: true })
      .onConflictDoUpdate({ target: contactTopics.code, set: { position, names: t.names, active: true } });
  }
  return { counts: { contactTopics: topics.length }, rejected };
}
