import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { holidaysQuery, departmentsQuery, departmentView, exceptionsQuery, exceptionView, holidayView, municipioView, officeDetailView, officeQuery, officesQuery, officeSummaryView, openingQuery, openingView, slugParams } from './schema';
import { editorRoutes } from './editor-routes';
import { listHolidays } from './holidays';
import { answerLanguage } from './language';
import { parseInstant } from './local-time';
import { getOffice, listDepartments, listExceptions, listMunicipi, listOffices } from './offices';
import { openingStatus, todayIn } from './opening';

const tags = ['directory'];
const pub = { access: { public: true } } as const;

/** The directory's HTTP face: public reads (api-contract.md "Directory") and the editor's writes. */
export function directoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const instant = (text: string | undefined) => (text === undefined ? new Date() : new Date(parseInstant(text, ctx.city.timezone)!));

  return async (app) => {
    app.get(
      '/api/v1/offices',
      {
        config: pub,
        schema: { tags, summary: 'Offices, optionally filtered, optionally with their opening status', querystring: officesQuery, response: { 200: z.array(officeSummaryView) } },
      },
      async (request) => {
        const q = request.query;
        const lang = answerLanguage(ctx, q.lang, request.headers['accept-language']);
        const at = q.openAt !== undefined ? instant(q.openAt) : q.openNow === 'true' ? new Date() : undefined;
        return listOffices(ctx, { service: q.service, municipio: q.municipio, department: q.department, at, lang });
      },
    );

    app.get(
      '/api/v1/offices/:slug',
      {
        config: pub,
        schema: { tags, summary: 'One office: weekly hours, exceptions of the next 60 days, open now', params: slugParams, querystring: officeQuery, response: { 200: officeDetailView } },
      },
      async (request) => getOffice(ctx, request.params.slug, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.get(
      '/api/v1/offices/:slug/opening',
      {
        config: pub,
        schema: {
          tags,
          summary: 'Open or closed at a time (default now), with closesAt or the next opensAt, in Europe/Rome',
          params: slugParams,
          querystring: openingQuery,
          response: { 200: openingView },
        },
      },
      async (request) => {
        const lang = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return openingStatus(ctx, request.params.slug, instant(request.query.at), lang);
      },
    );

    app.get(
      '/api/v1/offices/:slug/exceptions',
      {
        config: pub,
        schema: { tags, summary: "The office's exceptions between two dates (default: the coming year)", params: slugParams, querystring: exceptionsQuery, response: { 200: z.array(exceptionView) } },
      },
      async (request) => {
        const { from, to, lang } = request.query;
        return listExceptions(ctx, request.params.slug, { from, to }, answerLanguage(ctx, lang, request.headers['accept-language']));
      },
    );

    app.get(
      '/api/v1/municipi',
      { config: pub, schema: { tags, summary: "The city's Municipi (districts)", response: { 200: z.array(municipioView) } } },
      async () => listMunicipi(ctx),
    );

    app.get(
      '/api/v1/departments',
      { config: pub, schema: { tags, summary: 'Departments, named in the answer language', querystring: departmentsQuery, response: { 200: z.array(departmentView) } } },
      async (request) => listDepartments(ctx, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.get(
      '/api/v1/holidays',
      { config: pub, schema: { tags, summary: 'Public holidays of a year (default: this year), named in the answer language', querystring: holidaysQuery, response: { 200: z.array(holidayView) } } },
      async (request) => {
        const lang = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return listHolidays(ctx, request.query.year ?? Number(todayIn(ctx).slice(0, 4)), lang);
      },
    );

    await app.register(editorRoutes(ctx));
  };
}
