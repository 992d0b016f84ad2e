/**
 * The content editor's workflow: create an article, save draft translations (optimistic
 * concurrency on the version number), read versions, publish a draft (the index follows in the same
 * transaction), withdraw a translation, archive an article. Every write is one transaction that
 * locks the article row, emits an article.* event and is audited.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { recordAudit } from '../identity';
import { insertArticles, type NewArticle } from './load-articles';
import { insertDraftVersions, publishArticleVersions, queryRows, unindexArticle, unindexTranslation, type TranslationContent } from './publish';
import { articles, articleVersions, type VersionState } from './tables';

export interface EditorArticleView {
  slug: string;
  id: string;
  topic: string;
  offices: string[];
  services: string[];
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
  translations: { language: string; latestVersion: number; publishedVersion: number | null; draftVersion: number | null }[];
}

export interface VersionSummary {
  version: number;
  state: VersionState;
  title: string;
  author: string;
  createdAt: string;
  publishedAt: string | null;
}

export interface VersionView extends VersionSummary, TranslationContent {
  slug: string;
  language: string;
}

const actor = (by: Principal, requestId?: string) => ({ actorId: by.userId, actorName: by.username, requestId });

function cityLanguage(ctx: AppContext, lang: string): LanguageCode {
  if (!ctx.city.languages.includes(lang as LanguageCode)) {
    throw new AppError('request.unsupported_language', `"${lang}" is not one of this city's languages (${ctx.city.languages.join(', ')}).`);
  }
  return lang as LanguageCode;
}

type ArticleRow = typeof articles.$inferSelect;

/** The article row, locked until the transaction ends: one writer per article at a time. */
async function lockArticle(tx: Db, slug: string, options: { active?: boolean } = {}): Promise<ArticleRow> {
  const [row] = await tx.select().from(articles).where(eq(articles.slug, slug)).for('update');
  if (!row || (options.active && row.status !== 'active')) throw new AppError('knowledge.article_not_found', `No article "${slug}".`);
  return row;
}

async function findArticle(db: Db, slug: string): Promise<ArticleRow> {
  const [row] = await db.select().from(articles).where(eq(articles.slug, slug));
  if (!row) throw new AppError('knowledge.article_not_found', `No article "${slug}".`);
  return row;
}

/** Gives the outbox relay a turn so that this process's caches see the change on the next read. */
async function settle(ctx: AppContext): Promise<void> {
  await ctx.events.kick();
}

function toSummary(v: typeof articleVersions.$inferSelect): VersionSummary {
  return {
    version: v.version,
    state: v.state,
    title: v.title,
    author: v.author,
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
  };
}

function toVersionView(slug: string, v: typeof articleVersions.$inferSelect): VersionView {
  return { ...toSummary(v), slug, language: v.language, summary: v.summary, body: v.body, keywords: v.keywords };
}

export async function getArticleForEditing(ctx: AppContext, slug: string, db: Db = ctx.db): Promise<EditorArticleView> {
  const article = await findArticle(db, slug);
  const translations = await queryRows<{ language: string; latest: number; published: number | null; draft: number | null }>(
    db,
    sql`select language, max(version) as latest,
               max(version) filter (where state = 'published') as published,
               max(version) filter (where state = 'draft') as draft
          from article_versions where article_id = ${article.id} group by language`,
  );
  const order = (l: string) => {
    const i = ctx.city.languages.indexOf(l as LanguageCode);
    return i < 0 ? 99 : i;
  };
  return {
    slug: article.slug,
    id: article.externalId,
    topic: article.topic,
    offices: article.offices,
    services: article.services,
    status: article.status,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    translations: translations
      .sort((a, b) => order(a.language) - order(b.language))
      .map((t) => ({ language: t.language, latestVersion: Number(t.latest), publishedVersion: t.published, draftVersion: t.draft })),
  };
}

export async function createArticle(ctx: AppContext, input: NewArticle, by: Principal, requestId?: string): Promise<EditorArticleView> {
  const view = await ctx.transact(async (tx, emit) => {
    const [taken] = await tx
      .select({ slug: articles.slug })
      .from(articles)
      .where(input.externalId ? sql`${articles.slug} = ${input.slug} or ${articles.externalId} = ${input.externalId}` : eq(articles.slug, input.slug));
    if (taken) throw new AppError('knowledge.article_exists', `An article with slug "${input.slug}" or id "${input.externalId ?? ''}" exists.`);
    const [created] = await insertArticles(tx, [input]);
    await recordAudit(tx, actor(by, requestId), { action: 'create', subjectKind: 'article', subjectId: created!.slug, details: { topic: input.topic } });
    emit('article.created', { articleId: created!.id, slug: created!.slug });
    return getArticleForEditing(ctx, created!.slug, tx);
  }).catch((error: unknown) => {
    // Two editors creating the same slug at once: the loser hits the unique index.
    if ((error as { code?: string; cause?: { code?: string } }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') {
      throw new AppError('knowledge.article_exists', `An article with slug "${input.slug}" exists.`);
    }
    throw error;
  });
  await settle(ctx);
  return view;
}

export interface DraftInput extends TranslationContent {
  /** The latest version number the editor started from (0 for a new translation). */
  baseVersion: number;
}

export async function saveDraft(ctx: AppContext, slug: string, lang: string, input: DraftInput, by: Principal, requestId?: string): Promise<VersionView> {
  const language = cityLanguage(ctx, lang);
  const view = await ctx.transact(async (tx, emit) => {
    const article = await lockArticle(tx, slug, { active: true });
    const [latest] = await queryRows<{ version: number | null }>(
      tx,
      sql`select max(version) as version from article_versions where article_id = ${article.id} and language = ${language}`,
    );
    const current = latest?.version ?? 0;
    if (input.baseVersion !== current) {
      throw new AppError(
        'knowledge.version_conflict',
        `Version ${current} of the ${language} translation was saved after version ${input.baseVersion}, which this draft started from; reload and merge.`,
        undefined,
        { currentVersion: current },
      );
    }
    const version = current + 1;
    await insertDraftVersions(tx, [
      { articleId: article.id, language, version, authorId: by.userId, author: by.username, title: input.title, summary: input.summary, body: input.body, keywords: input.keywords },
    ]);
    await recordAudit(tx, actor(by, requestId), { action: 'update', subjectKind: 'article', subjectId: slug, details: { change: 'draft_saved', language, version } });
    emit('article.draft_saved', { articleId: article.id, slug, version, language });
    return getVersion(ctx, slug, language, version, tx);
  });
  await settle(ctx);
  return view;
}

export async function listVersions(ctx: AppContext, slug: string, lang: string): Promise<VersionSummary[]> {
  const language = cityLanguage(ctx, lang);
  const article = await findArticle(ctx.db, slug);
  const rows = await ctx.db
    .select()
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, article.id), eq(articleVersions.language, language)))
    .orderBy(desc(articleVersions.version));
  return rows.map(toSummary);
}

export async function getVersion(ctx: AppContext, slug: string, lang: string, version: number, db: Db = ctx.db): Promise<VersionView> {
  const language = cityLanguage(ctx, lang);
  const article = await findArticle(db, slug);
  const [row] = await db
    .select()
    .from(articleVersions)
    .where(and(eq(articleVersions.articleId, article.id), eq(articleVersions.language, language), eq(articleVersions.version, version)));
  if (!row) throw new AppError('knowledge.version_not_found', `No version ${version} of the ${language} translation of "${slug}".`);
  return toVersionView(slug, row);
}

/** Publishes the current draft: the previous published version is superseded, the index rewritten. */
export async function publishVersion(ctx: AppContext, slug: string, lang: string, version: number, by: Principal, requestId?: string): Promise<VersionView> {
  const language = cityLanguage(ctx, lang);
  const view = await ctx.transact(async (tx, emit) => {
    const article = await lockArticle(tx, slug, { active: true });
    const draft = await getVersion(ctx, slug, language, version, tx);
    if (draft.state !== 'draft') {
      throw new AppError('knowledge.version_conflict', `Version ${version} is ${draft.state}; only the current draft can be published.`);
    }
    await publishArticleVersions(tx, [{ articleId: article.id, language, version }]);
    await recordAudit(tx, actor(by, requestId), { action: 'update', subjectKind: 'article', subjectId: slug, details: { change: 'published', language, version } });
    emit('article.published', { articleId: article.id, slug, version, language });
    return getVersion(ctx, slug, language, version, tx);
  });
  await settle(ctx);
  return view;
}

/**
 * Takes a translation offline (its published version is superseded; citizens then get the default
 * language, marked as a fallback). The default language itself cannot be withdrawn: it is what
 * every other language falls back to.
 */
export async function withdrawTranslation(ctx: AppContext, slug: string, lang: string, by: Principal, requestId?: string): Promise<void> {
  const language = cityLanguage(ctx, lang);
  if (language === ctx.city.defaultLanguage) {
    throw new AppError('knowledge.default_translation_required', `The ${language} translation is the fallback of every other language; archive the article instead.`);
  }
  await ctx.transact(async (tx, emit) => {
    const article = await lockArticle(tx, slug, { active: true });
    const withdrawn = await tx
      .update(articleVersions)
      .set({ state: 'superseded' })
      .where(and(eq(articleVersions.articleId, article.id), eq(articleVersions.language, language), eq(articleVersions.state, 'published')))
      .returning({ version: articleVersions.version });
    if (withdrawn.length === 0) throw new AppError('knowledge.version_not_found', `The ${language} translation of "${slug}" is not published.`);
    await unindexTranslation(tx, article.id, language);
    await tx.update(articles).set({ updatedAt: new Date() }).where(eq(articles.id, article.id));
    await recordAudit(tx, actor(by, requestId), { action: 'update', subjectKind: 'article', subjectId: slug, details: { change: 'translation_withdrawn', language } });
    emit('article.translation_withdrawn', { articleId: article.id, slug, language });
  });
  await settle(ctx);
}

/** Archives an article: it leaves search and the public pages (404); its versions are kept. */
export async function archiveArticle(ctx: AppContext, slug: string, by: Principal, requestId?: string): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const article = await lockArticle(tx, slug);
    if (article.status === 'archived') return;
    await tx.update(articles).set({ status: 'archived', updatedAt: new Date() }).where(eq(articles.id, article.id));
    await unindexArticle(tx, article.id);
    await recordAudit(tx, actor(by, requestId), { action: 'update', subjectKind: 'article', subjectId: slug, details: { change: 'archived' } });
    emit('article.archived', { articleId: article.id, slug });
  });
  await settle(ctx);
}
