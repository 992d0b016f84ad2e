import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { createCitizen, getCitizen, updateCitizen, type StaffAccess } from './citizens';
import { searchCitizens } from './citizen-search';
import { recordConsent } from './consents';
import { validateFiscalCode } from './fiscal-code';
import { eraseCitizen, exportCitizen, type CitizenDataHolder } from './privacy';
import { citizenBody, citizenIdParams, citizenView, consentBody, eraseBody, erasureView, reasonQuery, searchQuery } from './schema';

const fiscalCodeAnswer = z.union([
  z.object({
    valid: z.literal(true),
    code: z.string(),
    birthDate: z.string(),
    sex: z.enum(['M', 'F']),
    placeCode: z.string(),
    omocode: z.boolean(),
  }),
  z.object({ valid: z.literal(false), reason: z.string() }),
]);

const tags = ['citizens'];
const reasonOnly = z.object({ reason: reasonQuery });

const access = (request: FastifyRequest, reason?: string): StaffAccess => ({ principal: request.principal!, requestId: request.id, reason });

export interface CitizensRouteOptions {
  /** Features that hold data about citizens, for export and erasure (see privacy.ts). */
  dataHolders?: readonly CitizenDataHolder[];
}

export function citizensRoutes(ctx: AppContext, options: CitizensRouteOptions = {}): FastifyPluginAsyncZod {
  const holders = options.dataHolders ?? [];
  return async (app) => {
    app.get(
      '/api/v1/fiscal-codes/:code',
      {
        // Checking a code reads nothing stored, so it is public; the tight limit stops enumeration.
        config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Validate and decode an Italian codice fiscale (omocodia included)',
          params: z.object({ code: z.string().max(64) }),
          response: { 200: fiscalCodeAnswer },
        },
      },
      async (request) => validateFiscalCode(request.params.code),
    );

    app.get(
      '/api/v1/citizens',
      {
        config: { access: { permission: 'citizens.read' } },
        schema: { tags, summary: 'Search citizens by name, phone, email or codice fiscale (each result is an audited read)', querystring: searchQuery, response: { 200: z.object({ results: z.array(citizenView) }) } },
      },
      async (request) => {
        const { reason, ...search } = request.query;
        return { results: await searchCitizens(ctx, search, access(request, reason)) };
      },
    );

    app.post(
      '/api/v1/citizens',
      {
        config: { access: { permission: 'citizens.write' } },
        schema: { tags, summary: 'Create a citizen profile', querystring: reasonOnly, body: citizenBody, response: { 201: citizenView } },
      },
      async (request, reply) => reply.code(201).send(await createCitizen(ctx, request.body, access(request, request.query.reason))),
    );

    app.get(
      '/api/v1/citizens/:id',
      {
        config: { access: { permission: 'citizens.read' } },
        schema: { tags, summary: 'One citizen profile (an audited read)', params: citizenIdParams, querystring: reasonOnly, response: { 200: citizenView } },
      },
      async (request) => getCitizen(ctx, request.params.id, access(request, request.query.reason)),
    );

    app.patch(
      '/api/v1/citizens/:id',
      {
        config: { access: { permission: 'citizens.write' } },
        schema: { tags, summary: 'Change a profile; null clears a field; contactPoints replaces the list', params: citizenIdParams, querystring: reasonOnly, body: citizenBody, response: { 200: citizenView } },
      },
      async (request) => updateCitizen(ctx, request.params.id, request.body, access(request, request.query.reason)),
    );

    app.post(
      '/api/v1/citizens/:id/consents',
      {
        config: { access: { permission: 'citizens.write' } },
        schema: { tags, summary: 'Record that a consent was given or withdrawn, when and how', params: citizenIdParams, querystring: reasonOnly, body: consentBody, response: { 201: citizenView } },
      },
      async (request, reply) => {
        const { at, ...consent } = request.body;
        const view = await recordConsent(ctx, request.params.id, { ...consent, at: at ? new Date(at) : undefined }, access(request, request.query.reason));
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/api/v1/citizens/:id/export',
      {
        config: { access: { permission: 'citizens.privacy' } },
        schema: {
          tags,
          summary: 'Everything held about a citizen, as JSON (GDPR art. 15); audited',
          params: citizenIdParams,
          querystring: reasonOnly,
          response: { 200: z.object({ exportedAt: z.string(), citizen: citizenView }).catchall(z.unknown()) },
        },
      },
      async (request) => exportCitizen(ctx, holders, request.params.id, access(request, request.query.reason)),
    );

    app.post(
      '/api/v1/citizens/:id/erase',
      {
        config: { access: { permission: 'citizens.privacy' } },
        schema: { tags, summary: 'Anonymise a citizen everywhere, keeping statistics (GDPR art. 17)', params: citizenIdParams, body: eraseBody, response: { 200: erasureView } },
      },
      async (request) => eraseCitizen(ctx, holders, request.params.id, access(request, request.body.reason)),
    );
  };
}
