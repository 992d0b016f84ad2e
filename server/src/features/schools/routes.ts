import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import { assertNothingRejected } from '../../platform/import-report';
import { answerLanguage } from '../../platform/i18n/answer-language';
import { parseInstant } from '../directory';
import { recordAudit } from '../identity';
import { applicationRecord, findApplication } from './applications';
import { importApplications } from './import-applications';
import { applicationParams, applicationQuery, applicationView, at, checkBody, eligibilityView, importBody, importView, langQuery, schoolTypeParams, staffApplicationView, supportView, typesView } from './schema';
import { z } from 'zod';
import { checkEligibility, listSchoolTypes, schoolSupportFor } from './support';

const tags = ['schools'];
// An application code with a fiscal code is a second factor: a tight limit keeps guessing slow.
const lookupLimit = { max: 30, timeWindow: '1 minute' };

export function schoolsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const moment = (value: string | undefined): Date => {
    if (value === undefined) return new Date();
    const ms = parseInstant(value, ctx.city.timezone);
    if (ms === null) throw new AppError('request.invalid_parameters', 'at: an ISO date-time', [{ field: 'query.at', message: 'an ISO date-time' }]);
    return new Date(ms);
  };

  return async (app) => {
    app.get(
      '/api/v1/schools/support',
      { config: { access: { public: true } }, schema: { tags, summary: 'School types with enrollment support', querystring: z.object({ lang: langQuery }), response: { 200: typesView } } },
      async (request) => {
        const language = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return { language, types: await listSchoolTypes(ctx, language) };
      },
    );

    app.get(
      '/api/v1/schools/support/:type',
      {
        config: { access: { public: true } },
        schema: { tags, summary: 'The questions, the document checklist and the enrollment window of a school type', params: schoolTypeParams, querystring: z.object({ lang: langQuery, at }), response: { 200: supportView } },
      },
      async (request) => schoolSupportFor(ctx, request.params.type, answerLanguage(ctx, request.query.lang, request.headers['accept-language']), moment(request.query.at)),
    );

    app.post(
      '/api/v1/schools/support/:type/eligibility',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: "Evaluate a family's answers: eligible, conditional (e.g. early entry, non-resident), not eligible or incomplete, with reasons and the documents they need. Nothing is stored.",
          params: schoolTypeParams,
          querystring: z.object({ at }),
          body: checkBody,
          response: { 200: eligibilityView },
        },
      },
      async (request) => {
        const { schoolYear, answers, lang } = request.body;
        const language = answerLanguage(ctx, lang, request.headers['accept-language']);
        return checkEligibility(ctx, request.params.type, { schoolYear, answers }, language, moment(request.query.at));
      },
    );

    app.get(
      '/api/v1/schools/applications/:code',
      {
        config: { access: { public: true }, rateLimit: lookupLimit },
        schema: {
          tags,
          summary: "An application's status, for the family holding its code and the child's or a parent's fiscal code (a miss is always the same 404)",
          params: applicationParams,
          querystring: applicationQuery,
          response: { 200: applicationView },
        },
      },
      async (request) => findApplication(ctx, request.params.code, request.query.fiscalCode, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.get(
      '/api/v1/schools/applications/:code/record',
      {
        config: { access: { permission: 'citizens.read' } },
        schema: { tags, summary: 'An application with its fiscal codes, for staff helping a family (audited)', params: applicationParams, querystring: z.object({ lang: langQuery }), response: { 200: staffApplicationView } },
      },
      async (request) => applicationRecord(ctx, request.params.code, answerLanguage(ctx, request.query.lang, request.headers['accept-language']), request.principal!, request.id),
    );

    app.post(
      '/api/v1/schools/applications/import',
      {
        config: { access: { permission: 'imports.run' } },
        schema: { tags, summary: "Import the enrollment system's CSV export of application statuses: all rows or none (422 with every rejected row)", body: importBody, response: { 200: importView } },
      },
      async (request) =>
        ctx.transact(async (tx, emit) => {
          const report = await importApplications(tx, emit, request.body.csv, 'upload.csv');
          assertNothingRejected(report);
          const by = request.principal!;
          await recordAudit(tx, { actorId: by.userId, actorName: by.username, requestId: request.id }, {
            action: 'update',
            subjectKind: 'school_applications',
            subjectId: 'import',
            details: { rows: report.counts.schoolApplications ?? 0 },
          });
          return { counts: report.counts };
        }),
    );
  };
}
