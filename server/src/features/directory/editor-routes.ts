import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { importOfficesExport } from './import-offices';
import { answerLanguage } from './language';
import { createOffice, deleteException, putException, replaceWeeklyHours, updateOffice } from './office-editing';
import { getOffice } from './offices';
import { createOfficeBody, exceptionBody, exceptionParams, exceptionView, importBody, importCountsView, officeDetailView, slugParams, updateOfficeBody, weeklyHoursBody } from './schema';

const tags = ['directory'];
const edit = { access: { permission: 'directory.edit' } } as const;

/** Writes for content editors (directory.edit) and the open-data import (imports.run). */
export function editorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/offices',
      { config: edit, schema: { tags, summary: 'Create an office', body: createOfficeBody, response: { 201: officeDetailView } } },
      async (request, reply) => {
        const { hours, ...fields } = request.body;
        await createOffice(ctx, { ...fields, hours }, request.principal!, request.id);
        const lang = answerLanguage(ctx, undefined, request.headers['accept-language']);
        return reply.code(201).send(await getOffice(ctx, fields.slug, lang));
      },
    );

    app.patch(
      '/api/v1/offices/:slug',
      { config: edit, schema: { tags, summary: "Change an office's fields", params: slugParams, body: updateOfficeBody, response: { 200: officeDetailView } } },
      async (request) => {
        await updateOffice(ctx, request.params.slug, request.body, request.principal!, request.id);
        return getOffice(ctx, request.params.slug, answerLanguage(ctx, undefined, request.headers['accept-language']));
      },
    );

    app.put(
      '/api/v1/offices/:slug/hours',
      {
        config: edit,
        schema: {
          tags,
          summary: 'Replace the weekly hours: {"days":[{"weekday":1,"ranges":[{"opens":"08:30","closes":"12:30"}]}]} or {"text":"lun-ven 08:30-12:30"}',
          params: slugParams,
          body: weeklyHoursBody,
          response: { 200: officeDetailView },
        },
      },
      async (request) => {
        await replaceWeeklyHours(ctx, request.params.slug, request.body, request.principal!, request.id);
        return getOffice(ctx, request.params.slug, answerLanguage(ctx, undefined, request.headers['accept-language']));
      },
    );

    app.put(
      '/api/v1/offices/:slug/exceptions/:date',
      {
        config: edit,
        schema: {
          tags,
          summary: 'Add (201) or replace (200) the exception of one date: closed, or its own ranges',
          params: exceptionParams,
          body: exceptionBody,
          response: { 200: exceptionView, 201: exceptionView },
        },
      },
      async (request, reply) => {
        const { slug, date } = request.params;
        const saved = await putException(ctx, slug, date, request.body, request.principal!, request.id);
        const lang = answerLanguage(ctx, undefined, request.headers['accept-language']);
        const view = { ...saved.exception, reasonText: ctx.i18n.t(lang, `directory.reason.${saved.exception.reason}`) };
        return reply.code(saved.created ? 201 : 200).send(view);
      },
    );

    app.delete(
      '/api/v1/offices/:slug/exceptions/:date',
      { config: edit, schema: { tags, summary: 'Remove the exception of one date', params: exceptionParams } },
      async (request, reply) => {
        await deleteException(ctx, request.params.slug, request.params.date, request.principal!, request.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/directory/import',
      {
        config: { access: { permission: 'imports.run' } },
        // An export of a few thousand offices exceeds the default body limit.
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags,
          summary: "Upsert offices by slug from a city's open-data export; all or nothing (422 import.rows_rejected lists every bad row)",
          body: importBody,
          response: { 200: importCountsView },
        },
      },
      async (request) => importOfficesExport(ctx, request.body, request.principal!, request.id),
    );
  };
}
