import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import type { LanguageCode } from '../../platform/i18n/languages';
import { advanceCertificateRequest } from './advance-request';
import { certificateCatalog } from './catalog';
import { fileCertificateRequest } from './file-request';
import { certificateRequestRecord, listCertificateRequests, trackCertificateRequest } from './read-requests';
import {
  assistedRequestBody,
  catalogView,
  citizenView,
  fileRequestBody,
  filedView,
  idempotencyHeaders,
  langQuery,
  requestCodeParams,
  staffView,
  trackQuery,
  transitionBody,
  transitionView,
  worklistItem,
  worklistQuery,
} from './schema';

const tags = ['certificates'];
// Filing and tracking are public; both limits are tighter than the general one, so that codes and
// fiscal codes cannot be tried in bulk and a script cannot file requests (and €16 notices) in bulk.
const filingLimit = { max: 10, timeWindow: '1 minute' };
const trackingLimit = { max: 30, timeWindow: '1 minute' };

export function certificatesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/certificates/catalog',
      {
        config: { access: { public: true } },
        schema: { tags, summary: 'Certificate types, the stamp duty and its exemptions, validity and delivery time in force today', querystring: z.object({ lang: langQuery }), response: { 200: catalogView } },
      },
      async (request) => certificateCatalog(ctx, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.post(
      '/api/v1/certificates/requests',
      {
        config: { access: { public: true }, rateLimit: filingLimit },
        schema: {
          tags,
          summary: 'File a home-delivery certificate request; a pagoPA notice is issued when the €16 stamp duty applies. Idempotent with an Idempotency-Key header.',
          headers: idempotencyHeaders,
          body: fileRequestBody,
          response: { 200: filedView, 201: filedView },
        },
      },
      async (request, reply) => {
        const { language, ...rest } = request.body;
        const result = await fileCertificateRequest(ctx, { ...rest, language: language as LanguageCode }, { kind: 'citizen' }, request.headers['idempotency-key']);
        return reply.code(result.created ? 201 : 200).send(result.request);
      },
    );

    app.get(
      '/api/v1/certificates/requests/:code',
      {
        config: { access: { public: true }, rateLimit: trackingLimit },
        schema: {
          tags,
          summary: "A request's status and steps, for the citizen holding its code and fiscal code (both must match; a miss is always the same 404)",
          params: requestCodeParams,
          querystring: trackQuery,
          response: { 200: citizenView },
        },
      },
      async (request) => trackCertificateRequest(ctx, request.params.code, request.query.fiscalCode, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.post(
      '/api/v1/certificates/assisted-requests',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: {
          tags,
          summary: "An agent files a request on the citizen's behalf (audited). Idempotent with an Idempotency-Key header.",
          headers: idempotencyHeaders,
          body: assistedRequestBody,
          response: { 200: filedView, 201: filedView },
        },
      },
      async (request, reply) => {
        const { language, reason, ...rest } = request.body;
        const filer = { kind: 'agent' as const, principal: request.principal!, requestId: request.id, reason };
        const result = await fileCertificateRequest(ctx, { ...rest, language: language as LanguageCode }, filer, request.headers['idempotency-key']);
        return reply.code(result.created ? 201 : 200).send(result.request);
      },
    );

    app.get(
      '/api/v1/certificates/worklist',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'Requests for the back office (no personal data), oldest first within a status', querystring: worklistQuery, response: { 200: z.array(worklistItem) } },
      },
      async (request) => listCertificateRequests(ctx, request.query),
    );

    app.get(
      '/api/v1/certificates/requests/:code/record',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: "One request's full record with address, contacts and history (audited)", params: requestCodeParams, response: { 200: staffView } },
      },
      async (request) => certificateRequestRecord(ctx, request.params.code, request.principal!, request.id),
    );

    app.post(
      '/api/v1/certificates/requests/:code/transitions',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'Move a request to its next status (approved, rejected, issued, shipped, delivered); the citizen is notified', params: requestCodeParams, body: transitionBody, response: { 200: transitionView } },
      },
      async (request) => advanceCertificateRequest(ctx, request.params.code.toUpperCase(), request.body, request.principal!, request.id),
    );
  };
}
