import { answerLanguage } from '../../platform/i18n/answer-language';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { parseInstant } from './date-expressions';
import { EVENT_CATEGORIES, MUNICIPI, cancelEvent, createEvent, getEvent, getEventForEditing, listEvents, updateEvent } from './events';

const tags = ['events'];

export const langQuery = z.string().max(16).optional().describe('Answer language (one of the city’s languages); default: Accept-Language');
const eventId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'an event id: lower-case letters, digits and dashes');
const when = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}.*)?$/, 'expected a date (YYYY-MM-DD) or an ISO date-time')
  .optional();

const listQuery = z.object({
  from: when.describe('Start of the window (default: now); a date is the start of that local day'),
  to: when.describe('End of the window (default: from + 30 days, at most 366 days after from); a date includes that whole day'),
  category: z.enum(EVENT_CATEGORIES).optional(),
  municipio: z.coerce.number().int().min(1).max(MUNICIPI).optional(),
  free: z.enum(['true', 'false']).optional().describe('true: free events only'),
  q: z.string().trim().min(1).max(200).optional().describe('Words to find in title or description, in the answer language'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  lang: langQuery,
});

const money = z.object({ amount: z.number().int().min(0).describe('euro cents'), currency: z.literal('EUR') });
const status = z.enum(['published', 'cancelled']);

export const eventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  venue: z.string(),
  address: z.string(),
  municipio: z.number(),
  price: money,
  category: z.string(),
});
const eventView = eventSummarySchema.extend({ description: z.string(), status, language: z.string() });
const listResponse = z.object({ from: z.string(), to: z.string(), language: z.string(), events: z.array(eventView) });
const editorView = eventSummarySchema.omit({ title: true }).extend({
  status,
  translations: z.record(z.string(), z.object({ title: z.string(), description: z.string() })),
  updatedAt: z.string(),
});

/** The editor's body: every one of the city's languages must have a title and a description. */
function eventBody(ctx: AppContext) {
  const instant = z
    .string()
    .max(40)
    .refine((v) => parseInstant(v, ctx.city.timezone) !== null, `an ISO date-time, with offset or local to ${ctx.city.timezone} (YYYY-MM-DDTHH:MM)`);
  const text = z.object(
    { title: z.string().trim().min(1).max(300), description: z.string().trim().min(1).max(5000) },
    { error: 'missing translation' },
  );
  return z.object({
    category: z.enum(EVENT_CATEGORIES),
    start: instant,
    end: instant,
    venue: z.string().trim().min(1).max(300),
    address: z.string().trim().min(1).max(300),
    municipio: z.number().int().min(1).max(MUNICIPI),
    price: money,
    translations: z.strictObject(Object.fromEntries(ctx.city.languages.map((l) => [l, text]))),
  });
}

export function eventRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const body = eventBody(ctx);
  const createBody = body.extend({ id: eventId.optional().describe('Stable id (slug); default: a new UUID') });
  const params = z.object({ id: eventId });

  return async (app) => {
    app.get(
      '/api/v1/events',
      {
        config: { access: { public: true } },
        schema: { tags, summary: 'Published events overlapping a time window, soonest first', querystring: listQuery, response: { 200: listResponse } },
      },
      async (request) => {
        const { lang, free, ...filters } = request.query;
        const language = answerLanguage(ctx, lang, request.headers['accept-language']);
        return listEvents(ctx, { ...filters, free: free === 'true' }, language, new Date());
      },
    );

    app.get(
      '/api/v1/events/:id',
      {
        config: { access: { public: true } },
        schema: { tags, summary: 'One event in a language (cancelled ones too)', params, querystring: z.object({ lang: langQuery }), response: { 200: eventView } },
      },
      async (request) => getEvent(ctx, request.params.id, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.get(
      '/api/v1/events/:id/translations',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags, summary: 'An event with every translation, for editing', params, response: { 200: editorView } },
      },
      async (request) => getEventForEditing(ctx, request.params.id),
    );

    app.post(
      '/api/v1/events',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags, summary: 'Publish a new event (every language required)', body: createBody, response: { 201: editorView } },
      },
      async (request, reply) => reply.code(201).send(await createEvent(ctx, request.body, request.principal!, request.id)),
    );

    app.put(
      '/api/v1/events/:id',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags, summary: 'Replace an event’s details and texts (every language required)', params, body, response: { 200: editorView } },
      },
      async (request) => updateEvent(ctx, request.params.id, request.body, request.principal!, request.id),
    );

    app.post(
      '/api/v1/events/:id/cancel',
      {
        config: { access: { permission: 'knowledge.edit' } },
        schema: { tags, summary: 'Cancel an event: it leaves listings and answers', params, response: { 200: editorView } },
      },
      async (request) => cancelEvent(ctx, request.params.id, request.principal!, request.id),
    );
  };
}
