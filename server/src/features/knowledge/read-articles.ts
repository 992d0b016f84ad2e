/**
 * Reads a city's knowledge folder: `knowledge/articles.csv` (slug,id,topic,offices,services with
 * `;`-separated lists) and one folder per slug with `<lang>.md` (YAML front matter: title, summary,
 * keywords; Markdown body). Every problem is reported with its file and line; nothing is dropped.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { isKnownLanguage, type LanguageCode } from '../../platform/i18n/languages';
import type { RejectedRow } from '../../platform/import-report';
import type { TranslationContent } from './publish';
import { externalIdPattern, slugPattern, topicPattern } from './schema';

export interface ArticleFile {
  slug: string;
  externalId: string;
  topic: string;
  offices: string[];
  services: string[];
  translations: Partial<Record<LanguageCode, TranslationContent>>;
}

const frontMatterSchema = z.object({
  title: z.string().trim().min(1, 'title is empty').max(300),
  summary: z.string().trim().min(1, 'summary is empty').max(2000),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).max(100).default([]),
});

const list = (value: string) =>
  value
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

/** Splits `---\n<yaml>\n---\n<markdown>`; line numbers of problems are those of the file. */
export function readArticleMarkdown(text: string, file: string): { content?: TranslationContent; rejected: RejectedRow[] } {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)([\s\S]*)$/.exec(normalised);
  if (!match) return { rejected: [{ file, line: 1, reason: 'no front matter: the file must start with a --- block' }] };
  const yamlText = match[1]!;
  const bodyLine = yamlText.split('\n').length + 3;
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (error) {
    const line = error instanceof YAMLParseError ? (error.linePos?.[0].line ?? 1) + 1 : 2;
    return { rejected: [{ file, line, reason: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] };
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    return { rejected: [{ file, line: 2, reason: `front matter: ${reason}` }] };
  }
  const body = match[2]!.trim();
  if (!body) return { rejected: [{ file, line: bodyLine, reason: 'the body (Markdown after the front matter) is empty' }] };
  const keywords = [...new Set(parsed.data.keywords.map((k) => k.trim()).filter(Boolean))];
  return { content: { title: parsed.data.title, summary: parsed.data.summary, body, keywords }, rejected: [] };
}

export function readKnowledgeFolder(cityDir: string, languages: readonly LanguageCode[]): { articles: ArticleFile[]; rejected: RejectedRow[] } {
  const dir = join(cityDir, 'knowledge');
  const csvFile = 'knowledge/articles.csv';
  const rejected: RejectedRow[] = [];
  if (!existsSync(join(dir, 'articles.csv'))) return { articles: [], rejected: [{ file: csvFile, line: 1, reason: 'file missing' }] };

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(readFileSync(join(dir, 'articles.csv'), 'utf8'), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { articles: [], rejected: [{ file: csvFile, line: e.lines ?? 1, reason: `unreadable CSV: ${e.message ?? 'parse error'}` }] };
  }
  const [head, ...rows] = records;
  const header = head?.record.map((h) => h.trim().toLowerCase()) ?? [];
  const missing = ['slug', 'id', 'topic', 'offices', 'services'].filter((c) => !header.includes(c));
  if (missing.length) return { articles: [], rejected: [{ file: csvFile, line: 1, reason: `missing column(s): ${missing.join(', ')}` }] };

  const articles: ArticleFile[] = [];
  const seenSlugs = new Set<string>();
  const seenIds = new Set<string>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== header.length) {
      rejected.push({ file: csvFile, line, reason: `expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const v = Object.fromEntries(header.map((h, i) => [h, record[i]!.trim()])) as Record<string, string>;
    const problems: string[] = [];
    if (!slugPattern.test(v.slug!)) problems.push(`slug "${v.slug}" must match ${slugPattern.source}`);
    else if (seenSlugs.has(v.slug!)) problems.push(`slug "${v.slug}" appears twice`);
    if (!externalIdPattern.test(v.id!)) problems.push(`id "${v.id}" must look like KA-01001`);
    else if (seenIds.has(v.id!)) problems.push(`id "${v.id}" appears twice`);
    if (!topicPattern.test(v.topic!)) problems.push(`topic "${v.topic}" must be a lower-case slug`);
    if (problems.length) {
      rejected.push({ file: csvFile, line, reason: problems.join('; ') });
      continue;
    }
    seenSlugs.add(v.slug!);
    seenIds.add(v.id!);
    const article: ArticleFile = { slug: v.slug!, externalId: v.id!, topic: v.topic!, offices: list(v.offices!), services: list(v.services!), translations: {} };
    const folder = join(dir, article.slug);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      rejected.push({ file: csvFile, line, reason: `no folder knowledge/${article.slug}/ for this article` });
      continue;
    }
    for (const language of languages) {
      const file = `knowledge/${article.slug}/${language}.md`;
      if (!existsSync(join(folder, `${language}.md`))) {
        rejected.push({ file, line: 1, reason: `translation missing: every configured language (${languages.join(', ')}) is required` });
        continue;
      }
      const read = readArticleMarkdown(readFileSync(join(folder, `${language}.md`), 'utf8'), file);
      rejected.push(...read.rejected);
      if (read.content) article.translations[language] = read.content;
    }
    for (const name of readdirSync(folder)) {
      const lang = name.replace(/\.md$/, '');
      if (name.endsWith('.md') && !isKnownLanguage(lang)) {
        rejected.push({ file: `knowledge/${article.slug}/${name}`, line: 1, reason: `"${lang}" is not a known language code` });
      }
    }
    articles.push(article);
  }
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !seenSlugs.has(entry.name) && !rejected.some((r) => r.reason.includes(`"${entry.name}"`))) {
      rejected.push({ file: `knowledge/${entry.name}/`, line: 1, reason: `folder "${entry.name}" has no row in articles.csv` });
    }
  }
  return { articles, rejected };
}
