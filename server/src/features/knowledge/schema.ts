import { z } from 'zod';
import { eventSummarySchema } from './event-routes';

export const slugPattern = /^[a-z0-9][a-z0-9-]{1,79}$/;
export const externalIdPattern = /^KA-[0-9]{4,9}$/;
export const topicPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

const languageParam = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as it or en');
const slug = z.string().regex(slugPattern, 'lower-case letters, digits and dashes, 2 to 80 characters');

/**
 * Control characters and unpaired surrogates must not reach PostgreSQL (it refuses NUL, and a lone
 * surrogate is not valid UTF-8): they become spaces and U+FFFD.
 */
const cleanText = (s: string) =>
  s
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');

export const searchQuery = z.object({
  q: z
    .string()
    .describe('The question in any of the city’s languages: 1 to 300 characters once trimmed')
    .transform((s) => cleanText(s).trim())
    .pipe(z.string().min(1, 'the question is empty').max(300, 'at most 300 characters')),
  lang: languageParam.optional().describe('The language of q and of the answer; detected from q when absent'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const searchResult = z.object({
  slug: z.string(),
  title: z.string(),
  language: z.string(),
  snippet: z.string().describe('HTML: escaped text with the matched words inside <mark> elements'),
  score: z.number(),
  fallback: z.boolean().optional().describe("true when the article has no translation in the language and the city's default is shown"),
});

export const searchResponse = z.object({
  language: z.string(),
  results: z.array(searchResult),
  events: z
    .object({ from: z.string(), to: z.string(), events: z.array(eventSummarySchema) })
    .optional()
    .describe('Cultural events in the time window the question names (e.g. "this weekend"), when it asks about events'),
});

export const slugParams = z.object({ slug });
export const langQuery = z.object({ lang: languageParam.optional() });
export const listQuery = z.object({
  lang: languageParam.optional(),
  topic: z.string().regex(topicPattern).optional(),
});

export const articleView = z.object({
  slug: z.string(),
  id: z.string().describe('The stable external id, e.g. KA-01002'),
  language: z.string(),
  title: z.string(),
  summary: z.string(),
  body: z.string().describe('Markdown'),
  keywords: z.array(z.string()),
  topic: z.string(),
  offices: z.array(z.string()),
  services: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
  availableLanguages: z.array(z.string()),
  fallback: z.boolean().optional(),
});

export const articleListItem = articleView.pick({ slug: true, id: true, language: true, title: true, summary: true, topic: true, updatedAt: true, fallback: true });

// Editor API.

const keywords = z.array(z.string().trim().min(1).max(100)).max(100);

export const createArticleBody = z.object({
  slug,
  topic: z.string().regex(topicPattern, 'a lower-case slug such as anagrafe'),
  externalId: z.string().regex(externalIdPattern, 'like KA-01001').optional(),
  offices: z.array(z.string().min(1).max(80)).max(100).default([]),
  services: z.array(z.string().min(1).max(80)).max(100).default([]),
});

export const editorArticleView = z.object({
  slug: z.string(),
  id: z.string(),
  topic: z.string(),
  offices: z.array(z.string()),
  services: z.array(z.string()),
  status: z.enum(['active', 'archived']),
  createdAt: z.string(),
  updatedAt: z.string(),
  translations: z.array(
    z.object({
      language: z.string(),
      latestVersion: z.number(),
      publishedVersion: z.number().nullable(),
      draftVersion: z.number().nullable(),
    }),
  ),
});

export const translationParams = z.object({ slug, lang: languageParam });
export const versionParams = translationParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const saveDraftBody = z.object({
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().min(1).max(2000),
  body: z.string().trim().min(1).max(100_000),
  keywords: keywords.default([]),
  baseVersion: z
    .number()
    .int()
    .min(0)
    .describe('The latest version number of this translation the editor started from (0 for a new translation)'),
});

export const versionSummaryView = z.object({
  version: z.number(),
  state: z.enum(['draft', 'published', 'superseded']),
  title: z.string(),
  author: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const versionView = versionSummaryView.extend({
  slug: z.string(),
  language: z.string(),
  summary: z.string(),
  body: z.string(),
  keywords: z.array(z.string()),
});
