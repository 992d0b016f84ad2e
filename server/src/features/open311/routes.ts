/**
 * Open311 GeoReport v2 under /open311/v2 (api-contract.md): discovery, services, service
 * definitions, requests (GET and POST), one request, tokens; each in .json and .xml. Errors are the
 * spec's list of {code, description} in the asked format, with 400, 403 or 404 (and 429 for the
 * public rate limit), never the platform's problem documents.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import { toAppError } from '../../platform/http/problem';
import { answerLanguage } from '../../platform/i18n/answer-language';
import type { LanguageCode } from '../../platform/i18n/languages';
import { caseSettingsOf, createCase, findPublicRequest, findPublicRequests, findRequestByToken, findServiceRecord, listServiceRecords, pick, publicUpdates } from '../cases';
import { formatInstant, listDepartments } from '../directory';
import { verifyApiKey } from './api-keys';
import { FORM_BODY_LIMIT, parseOpen311Form, type Open311Form } from './form-body';
import { readPostedRequest, readRequestsQuery } from './parameters';
import { formatOfUrl, sendErrors, sendGeoReport, splitFormat, type Format } from './render';
import { geoRequest, geoService, geoServiceDefinition } from './views';

export const OPEN311_PREFIX = '/open311/v2';
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
const formats = ['json', 'xml'] as const;
const pub = { access: { public: true } } as const;

const param = (max: number) => z.string().max(max).optional();
const common = { jurisdiction_id: param(200), lang: param(16) };
const requestsQuery = z.object({
  ...common,
  service_request_id: param(20_000),
  service_code: param(2000),
  start_date: param(40),
  end_date: param(40),
  status: param(20),
  page: param(10),
  page_size: param(10),
  extensions: param(10),
});
const fileParams = z.object({ file: z.string().max(300) });

/** Open311 statuses: the spec's 400/403/404, 429 for the rate limit; a body problem is a 400. */
function geoStatus(status: number): number {
  if (status >= 500) return 500;
  if (status === 403 || status === 404 || status === 429) return status;
  if (status === 401) return 403;
  return 400;
}

export function open311Routes(ctx: AppContext): FastifyPluginAsyncZod {
  const iso = (d: Date) => formatInstant(d.getTime(), ctx.city.timezone);
  const language = (request: FastifyRequest, lang: string | undefined): LanguageCode => answerLanguage(ctx, lang, request.headers['accept-language']);

  async function checkJurisdiction(given: string | undefined): Promise<void> {
    if (given === undefined) return;
    const { jurisdictionId } = await caseSettingsOf(ctx.db);
    if (given !== jurisdictionId) {
      throw new AppError('open311.invalid_parameter', `jurisdiction_id "${given.slice(0, 100)}" is not served here`, [{ field: 'jurisdiction_id', message: `must be ${jurisdictionId ?? 'omitted'}` }]);
    }
  }

  async function departmentNames(lang: LanguageCode): Promise<Map<string, string>> {
    return new Map((await listDepartments(ctx, lang)).map((d) => [d.slug, d.name]));
  }

  function fileFormat(file: string): { name: string; format: Format } {
    const split = splitFormat(file);
    if (!split) throw new AppError('request.not_found', 'Paths end in .json or .xml.');
    return split;
  }

  return async (app) => {
    // Form bodies for POST requests, for this plugin only (the rest of the API takes JSON).
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, parseOpen311Form(body as string));
    });

    app.setErrorHandler((error, request, reply) => {
      const appError = toAppError(error);
      const status = geoStatus(appError.status);
      if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url }, 'open311 request failed');
      const described = appError.errors?.length
        ? appError.errors.map((e) => ({ code: status, description: `${e.field.replace(/^(query|body|params)\./, '')}: ${e.message}` }))
        : [{ code: status, description: status >= 500 ? 'internal error' : appError.message }];
      if (appError.code === 'request.rate_limited') reply.header('retry-after', '60');
      return sendErrors(reply, formatOfUrl(request.url), status, described);
    });
    app.setNotFoundHandler((request, reply) => sendErrors(reply, formatOfUrl(request.url), 404, [{ code: 404, description: 'no such resource' }]));

    for (const format of formats) {
      app.get(`/discovery.${format}`, { config: pub, schema: { hide: true, querystring: z.object(common) } }, async (request, reply) => {
        const settings = await caseSettingsOf(ctx.db);
        const services = await listServiceRecords(ctx.db);
        // The changeset moves when the catalogue or the settings change: clients refresh their cache.
        const changed = Math.max(settings.updatedAt?.getTime() ?? 0, ...services.map((s) => s.updatedAt.getTime()));
        const changeset = iso(new Date(changed || Date.now()));
        return sendGeoReport(reply, format, 'discovery', {
          changeset,
          contact: settings.contact,
          key_service: settings.keyService,
          endpoints: [
            { specification: SPECIFICATION, url: `${request.protocol}://${request.host}${OPEN311_PREFIX}`, changeset, type: 'production', formats: ['text/xml', 'application/json'] },
          ],
        });
      });

      app.get(`/services.${format}`, { config: pub, schema: { hide: true, querystring: z.object(common) } }, async (request, reply) => {
        await checkJurisdiction(request.query.jurisdiction_id);
        const lang = language(request, request.query.lang);
        const services = await listServiceRecords(ctx.db);
        return sendGeoReport(reply, format, 'services', services.map((s) => geoService(ctx, s, lang)));
      });

      app.get(`/requests.${format}`, { config: pub, schema: { hide: true, querystring: requestsQuery } }, async (request, reply) => {
        const q = request.query;
        await checkJurisdiction(q.jurisdiction_id);
        const lang = language(request, q.lang);
        const rows = await findPublicRequests(ctx.db, readRequestsQuery(q, ctx.city.timezone, Date.now()));
        const updates = q.extensions === 'true' ? await publicUpdates(ctx.db, rows.map((r) => r.id)) : undefined;
        const names = await departmentNames(lang);
        return sendGeoReport(reply, format, 'service_requests', rows.map((r) => geoRequest(ctx, r, { lang, departmentNames: names, updates })));
      });

      app.post(
        `/requests.${format}`,
        { config: pub, schema: { hide: true, querystring: z.object({ ...common, api_key: param(200) }) } },
        async (request, reply) => postRequest(request as FastifyRequest<{ Querystring: { jurisdiction_id?: string; lang?: string; api_key?: string } }>, reply, format),
      );
    }

    async function postRequest(request: FastifyRequest<{ Querystring: { jurisdiction_id?: string; lang?: string; api_key?: string } }>, reply: FastifyReply, format: Format) {
      const form = request.body as Open311Form | undefined;
      if (!form || typeof form !== 'object' || !('fields' in form)) {
        throw new AppError('open311.invalid_parameter', 'The body must be application/x-www-form-urlencoded.');
      }
      const fields = form.fields;
      const apiKey = fields.api_key ?? request.query.api_key ?? '';
      const appId = await verifyApiKey(ctx.db, apiKey);
      if (!appId) throw new AppError('open311.invalid_api_key', apiKey ? 'api_key is not valid' : 'api_key is required');
      await checkJurisdiction(fields.jurisdiction_id ?? request.query.jurisdiction_id);
      const lang = language(request, fields.lang ?? request.query.lang);
      const posted = readPostedRequest(fields);
      const service = await findServiceRecord(ctx.db, posted.serviceCode);
      if (!service) throw new AppError('open311.service_not_found', `service_code "${posted.serviceCode.slice(0, 100)}" not found`);
      let created;
      try {
        created = await createCase(
          ctx,
          {
            serviceCode: service.code,
            attributes: form.attributes,
            description: posted.description,
            lat: posted.lat,
            long: posted.long,
            address: posted.address,
            addressId: posted.addressId,
            mediaUrl: posted.mediaUrl,
            requester: { firstName: posted.firstName, lastName: posted.lastName, email: posted.email, phone: posted.phone },
            accountId: posted.accountId,
            deviceId: posted.deviceId,
            channel: 'open311',
            language: lang,
            apiKeyId: appId,
          },
          { id: null, name: 'open311', requestId: request.id },
        );
      } catch (error) {
        if (error instanceof AppError && error.code === 'cases.invalid_attributes') throw new AppError('open311.invalid_parameter', error.message, error.errors);
        throw error;
      }
      // GeoReport v2: realtime answers the id, batch a token for tokens/{token}, blackbox neither.
      const answer = {
        ...(service.type === 'realtime' ? { service_request_id: String(created.number) } : {}),
        ...(service.type === 'batch' ? { token: created.token } : {}),
        service_notice: Object.keys(service.notices).length ? pick(service.notices, lang, ctx.city.defaultLanguage) : null,
        account_id: posted.accountId ?? null,
      };
      return sendGeoReport(reply, format, 'service_requests', [answer]);
    }

    app.get('/services/:file', { config: pub, schema: { hide: true, params: fileParams, querystring: z.object(common) } }, async (request, reply) => {
      const { name, format } = fileFormat(request.params.file);
      await checkJurisdiction(request.query.jurisdiction_id);
      const lang = language(request, request.query.lang);
      const service = await findServiceRecord(ctx.db, name);
      if (!service) throw new AppError('open311.service_not_found', `service_code "${name.slice(0, 100)}" not found`);
      return sendGeoReport(reply, format, 'service_definition', geoServiceDefinition(ctx, service, lang));
    });

    app.get('/requests/:file', { config: pub, schema: { hide: true, params: fileParams, querystring: requestsQuery.pick({ jurisdiction_id: true, lang: true, extensions: true }) } }, async (request, reply) => {
      const { name, format } = fileFormat(request.params.file);
      await checkJurisdiction(request.query.jurisdiction_id);
      const lang = language(request, request.query.lang);
      const row = /^\d{1,15}$/.test(name) ? await findPublicRequest(ctx.db, Number(name)) : null;
      if (!row) throw new AppError('open311.request_not_found', `service_request_id "${name.slice(0, 100)}" not found`);
      const updates = request.query.extensions === 'true' ? await publicUpdates(ctx.db, [row.id]) : undefined;
      return sendGeoReport(reply, format, 'service_requests', [geoRequest(ctx, row, { lang, departmentNames: await departmentNames(lang), updates })]);
    });

    app.get('/tokens/:file', { config: pub, schema: { hide: true, params: fileParams, querystring: z.object(common) } }, async (request, reply) => {
      const { name, format } = fileFormat(request.params.file);
      await checkJurisdiction(request.query.jurisdiction_id);
      const found = name.length <= 100 ? await findRequestByToken(ctx.db, name) : null;
      if (!found) throw new AppError('open311.token_not_found', `token "${name.slice(0, 100)}" not found`);
      return sendGeoReport(reply, format, 'service_requests', [{ service_request_id: String(found.number), token: found.token }]);
    });
  };
}
