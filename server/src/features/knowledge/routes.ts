import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage, getPublishedArticle, listPublishedArticles } from './articles';
import { archiveArticle, createArticle, getArticleForEditing, getVersion, listVersions, publishVersion, saveDraft, withdrawTranslation } from './editor';
import { eventRoutes } from './event-routes';
import { schoolRoutes } from './school-routes';
import {
  articleListItem,
  articleView,
  createArticleBody,
  editorArticleView,
  langQuery,
  listQuery,
  saveDraftBody,
  searchQuery,
  searchResponse,
  slugParams,
  translationParams,
  versionParams,
  versionSummaryView,
  versionView,
} from './schema';
import { searchKnowledge } from './search-knowledge';

const tags = ['knowledge'];
const editorTags = ['knowledge editor'];

export function knowledgeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/knowledge/search',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: 'Search the published articles; with no lang the language is detected from q',
          querystring: searchQuery,
          response: { 200: searchResponse },
        },
      },
      async (request) => searchKnowledge(ctx, request.query),
    );

    app.get(
      '/api/v1/knowledge/articles',
      {
        config: { access: { public: true } },
        schema: { tags, summary: 'Published articles in a language, by slug', querystring: listQuery, response: { 200: z.array(articleListItem) } },
      },
      async (request) => {
        const language = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return listPublishedArticles(ctx, language, request.query.topic);
      },
    );

    app.get(
      '/api/v1/knowledge/articles/:slug',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: "A published article in a language (the city's default language, marked fallback, where there is no translation)",
          params: slugParams,
          querystring: langQuery,
          response: { 200: articleView },
        },
      },
      async (request) => {
        const language = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return getPublishedArticle(ctx, request.params.slug, language);
      },
    );

    app.post(
      '/api/v1/knowledge/articles',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags: editorTags, summary: 'Create an article (its translations are then saved as drafts)', body: createArticleBody, response: { 201: editorArticleView } },
      },
      async (request, reply) => reply.code(201).send(await createArticle(ctx, request.body, request.principal!, request.id)),
    );

    app.get(
      '/api/v1/knowledge/articles/:slug/translations',
      {
        config: { access: { permission: 'knowledge.read_drafts' } },
        schema: { tags: editorTags, summary: 'An article with the state of each translation (archived ones too)', params: slugParams, response: { 200: editorArticleView } },
      },
      async (request) => getArticleForEditing(ctx, request.params.slug),
    );

    app.put(
      '/api/v1/knowledge/articles/:slug/translations/:lang/draft',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: {
          tags: editorTags,
          summary: 'Save a draft of a translation as a new version (409 knowledge.version_conflict when baseVersion is not the latest)',
          params: translationParams,
          body: saveDraftBody,
          response: { 201: versionView },
        },
      },
      async (request, reply) => {
        const { slug, lang } = request.params;
        return reply.code(201).send(await saveDraft(ctx, slug, lang, request.body, request.principal!, request.id));
      },
    );

    app.get(
      '/api/v1/knowledge/articles/:slug/translations/:lang/versions',
      {
        config: { access: { permission: 'knowledge.read_drafts' } },
        schema: { tags: editorTags, summary: 'The versions of a translation, newest first', params: translationParams, response: { 200: z.array(versionSummaryView) } },
      },
      async (request) => listVersions(ctx, request.params.slug, request.params.lang),
    );

    app.get(
      '/api/v1/knowledge/articles/:slug/translations/:lang/versions/:version',
      {
        config: { access: { permission: 'knowledge.read_drafts' } },
        schema: { tags: editorTags, summary: 'One version of a translation', params: versionParams, response: { 200: versionView } },
      },
      async (request) => getVersion(ctx, request.params.slug, request.params.lang, request.params.version),
    );

    app.post(
      '/api/v1/knowledge/articles/:slug/translations/:lang/versions/:version/publish',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags: editorTags, summary: 'Publish a draft; the previously published version is superseded', params: versionParams, response: { 200: versionView } },
      },
      async (request) => {
        const { slug, lang, version } = request.params;
        return publishVersion(ctx, slug, lang, version, request.principal!, request.id);
      },
    );

    app.delete(
      '/api/v1/knowledge/articles/:slug/translations/:lang',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags: editorTags, summary: "Withdraw a published translation (readers get the default language's, marked fallback)", params: translationParams },
      },
      async (request, reply) => {
        await withdrawTranslation(ctx, request.params.slug, request.params.lang, request.principal!, request.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/knowledge/articles/:slug/archive',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags: editorTags, summary: 'Archive an article: it leaves search and the public pages', params: slugParams },
      },
      async (request, reply) => {
        await archiveArticle(ctx, request.params.slug, request.principal!, request.id);
        return reply.code(204).send();
      },
    );

    await app.register(eventRoutes(ctx));
    await app.register(schoolRoutes(ctx));
  };
}
