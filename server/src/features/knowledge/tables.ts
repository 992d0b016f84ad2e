import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0004_knowledge.sql (the migration is the source of truth). The search table's
// tsvector is written and read with SQL only, so it is not described here.

export const articles = pgTable('articles', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull(),
  externalId: text('external_id').notNull(),
  topic: text('topic').notNull(),
  offices: text('offices').array().notNull(),
  services: text('services').array().notNull(),
  status: text('status').$type<'active' | 'archived'>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type VersionState = 'draft' | 'published' | 'superseded';

export const articleVersions = pgTable('article_versions', {
  id: uuid('id').primaryKey(),
  articleId: uuid('article_id').notNull(),
  language: text('language').notNull(),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  body: text('body').notNull(),
  keywords: text('keywords').array().notNull(),
  state: text('state').$type<VersionState>().notNull(),
  authorId: uuid('author_id'),
  author: text('author').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
});

export const articleSearch = pgTable(
  'article_search',
  {
    articleId: uuid('article_id').notNull(),
    language: text('language').notNull(),
    versionId: uuid('version_id').notNull(),
    version: integer('version').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    keywords: text('keywords').array().notNull(),
    snippetSource: text('snippet_source').notNull(),
    matchText: text('match_text').notNull(),
    segmented: text('segmented'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.language] })],
);
