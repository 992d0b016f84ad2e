import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { isoInZone, parseInstant } from './date-expressions';
import { langQuery } from './event-routes';
import { answerLanguage } from '../../platform/i18n/answer-language';
import { currentEnrollmentWindow, listEnrollmentWindows } from './schools';

const tags = ['schools'];

const schoolType = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a school type such as nido, scuola-infanzia, primaria');

const windowView = z.object({
  type: z.string(),
  schoolYear: z.string(),
  title: z.string(),
  status: z.enum(['upcoming', 'open', 'closed']),
  opensAt: z.string(),
  closesAt: z.string(),
  confirmed: z.boolean().describe('false: provisional dates, to be checked against the official notice'),
  ageRule: z.string().nullable(),
  eligibility: z.string(),
  documents: z.array(z.string()),
  howToApply: z.string(),
  language: z.string(),
});

export function schoolRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const zone = ctx.city.timezone;
  const at = z
    .string()
    .max(40)
    .refine((v) => parseInstant(v, zone) !== null, 'an ISO date-time')
    .optional()
    .describe('The moment the status is computed for (default: now)');
  const moment = (value: string | undefined) => (value ? parseInstant(value, zone)!.toJSDate() : new Date());

  return async (app) => {
    app.get(
      '/api/v1/schools/enrollment',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: 'School enrollment windows with their status (upcoming, open, closed), earliest first',
          querystring: z.object({
            lang: langQuery,
            type: schoolType.optional(),
            year: z.string().regex(/^\d{4}\/\d{2}$/, 'a school year such as 2026/27').optional(),
            at,
          }),
          response: { 200: z.object({ language: z.string(), at: z.string(), windows: z.array(windowView) }) },
        },
      },
      async (request) => {
        const { lang, type, year } = request.query;
        const language = answerLanguage(ctx, lang, request.headers['accept-language']);
        const now = moment(request.query.at);
        return { language, at: isoInZone(now, zone), windows: await listEnrollmentWindows(ctx, { type, year }, language, now) };
      },
    );

    app.get(
      '/api/v1/schools/enrollment/:type',
      {
        config: { access: { public: true } },
        schema: {
          tags,
          summary: 'The enrollment window of a school type that is open now, else the next one, else the latest',
          params: z.object({ type: schoolType }),
          querystring: z.object({ lang: langQuery, at }),
          response: { 200: windowView },
        },
      },
      async (request) =>
        currentEnrollmentWindow(ctx, request.params.type, answerLanguage(ctx, request.query.lang, request.headers['accept-language']), moment(request.query.at)),
    );
  };
}
