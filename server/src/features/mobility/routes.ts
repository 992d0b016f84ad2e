import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import { parseInstant } from '../directory';
import { recordEntry, getPermit, registerPermit } from './area-c-residents';
import { buyTicket, checkTicket } from './area-c-tickets';
import { getQuote } from './get-quote';
import { deleteVersion, listVersions, putVersion } from './rule-versions';
import {
  entryBody,
  entryView,
  permitBody,
  permitQuery,
  permitView,
  quoteBody,
  quoteView,
  ticketBody,
  ticketCheckView,
  ticketQuery,
  ticketView,
  versionBody,
  versionParams,
  versionView,
  versionsQuery,
} from './schema';

const tags = ['mobility'];
const pub = { access: { public: true } } as const;
const editRules = { access: { permission: 'mobility.edit' } } as const;
const areaC = { access: { permission: 'mobility.area_c' } } as const;

/** The mobility API: the public quote and Area C tickets, the rules' administration, residents and gates. */
export function mobilityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/mobility/quote',
      {
        config: pub,
        schema: { tags, summary: 'What a vehicle pays, or whether it may enter, in Ecopass, Area C or Area B on a day (api-contract.md "Mobility")', body: quoteBody, response: { 200: quoteView } },
      },
      async (request) => {
        const { lang, ...req } = request.body;
        return getQuote(ctx, req, answerLanguage(ctx, lang, request.headers['accept-language']));
      },
    );

    app.get(
      '/api/v1/mobility/rules/versions',
      { config: editRules, schema: { tags, summary: 'Every version of the rules, by scheme and date', querystring: versionsQuery, response: { 200: z.array(versionView) } } },
      async (request) => listVersions(ctx, request.query.scheme),
    );

    app.put(
      '/api/v1/mobility/rules/:scheme/versions/:id',
      {
        config: editRules,
        schema: { tags, summary: 'Create or replace a version of a scheme (409 when it overlaps another)', params: versionParams, body: versionBody, response: { 200: versionView, 201: versionView } },
      },
      async (request, reply) => {
        const { change, version } = await putVersion(ctx, request.params.scheme, { id: request.params.id, ...request.body });
        return reply.code(change === 'created' ? 201 : 200).send(version);
      },
    );

    app.delete(
      '/api/v1/mobility/rules/:scheme/versions/:id',
      { config: editRules, schema: { tags, summary: 'Delete a version that has not started yet', params: versionParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteVersion(ctx, request.params.scheme, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/mobility/area-c/tickets',
      {
        config: pub,
        schema: { tags, summary: 'Buy (activate) an Area C ticket for a plate and a day: a pagoPA notice to pay', body: ticketBody, response: { 201: ticketView } },
      },
      async (request, reply) => reply.code(201).send(await buyTicket(ctx, request.body)),
    );

    app.get(
      '/api/v1/mobility/area-c/tickets',
      { config: pub, schema: { tags, summary: 'Whether a plate has an Area C ticket for a day, and whether it is paid', querystring: ticketQuery, response: { 200: ticketCheckView } } },
      async (request) => checkTicket(ctx, request.query.plate, request.query.date),
    );

    app.post(
      '/api/v1/mobility/area-c/permits',
      { config: areaC, schema: { tags, summary: "Register a resident's permit for a plate and a year (audited)", body: permitBody, response: { 201: permitView } } },
      async (request, reply) => reply.code(201).send(await registerPermit(ctx, request.body, request.principal!, request.id)),
    );

    app.get(
      '/api/v1/mobility/area-c/permits',
      { config: areaC, schema: { tags, summary: "A resident's permit with its free entries used and remaining (audited read)", querystring: permitQuery, response: { 200: permitView } } },
      async (request) => getPermit(ctx, request.query.plate, request.query.year, request.principal!, request.id),
    );

    app.post(
      '/api/v1/mobility/area-c/entries',
      { config: areaC, schema: { tags, summary: 'Record a vehicle seen at an Area C gate: free entry, ticket, or a new ticket to pay', body: entryBody, response: { 200: entryView } } },
      async (request) => {
        const { lang, at, ...rest } = request.body;
        return recordEntry(ctx, { ...rest, at: parseInstant(at, ctx.city.timezone)! }, answerLanguage(ctx, lang, request.headers['accept-language']));
      },
    );
  };
}
