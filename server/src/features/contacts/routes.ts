import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import type { StaffAccess } from '../citizens';
import { openContact, transitionContact } from './contact-lifecycle';
import { listContacts } from './list-contacts';
import { addNote, appendMessage } from './messages';
import {
  citizenTimelineView,
  contactIdParams,
  contactSummary,
  contactTimelineView,
  contactView,
  listQuery,
  messageBody,
  messageView,
  noteBody,
  noteView,
  openContactBody,
  reasonQuery,
  topicsView,
  transitionBody,
  wrapUpBody,
} from './schema';
import { citizenTimeline, contactTimeline } from './timeline';
import { listTopics } from './topics';
import { wrapUpContact } from './wrap-up';

const tags = ['contacts'];
const reasonOnly = z.object({ reason: reasonQuery });
const staff = (request: FastifyRequest, reason?: string): StaffAccess => ({ principal: request.principal!, requestId: request.id, reason });

/** The agents' endpoints. Channels and routing call the use-cases of index.ts directly. */
export function contactsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/contact-topics',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'The wrap-up topics, named in a language', querystring: z.object({ lang: z.string().max(16).optional() }), response: { 200: topicsView } },
      },
      async (request) => {
        const language = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return { language, topics: await listTopics(ctx.db, language, ctx.city.defaultLanguage) };
      },
    );

    app.post(
      '/api/v1/contacts',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Open a contact: an outbound call, a walk-in, a letter…', body: openContactBody, response: { 201: contactView } },
      },
      async (request, reply) => {
        const { start, ...input } = request.body;
        const opened = await ctx.transact((tx, emit) => openContact(tx, emit, { ...input, agentId: start ? request.principal!.userId : undefined }));
        return reply.code(201).send(opened.contact);
      },
    );

    app.get(
      '/api/v1/contacts',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Contacts by state, queue, channel or agent, oldest first (no personal data)', querystring: listQuery, response: { 200: z.object({ contacts: z.array(contactSummary) }) } },
      },
      async (request) => {
        const { mine, ...filter } = request.query;
        return { contacts: await listContacts(ctx.db, { ...filter, agentId: mine === 'true' ? request.principal!.userId : undefined }) };
      },
    );

    app.get(
      '/api/v1/contacts/:id/timeline',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'A contact with its transitions, messages, notes, wrap-up and survey in time order (audited)', params: contactIdParams, querystring: reasonOnly, response: { 200: contactTimelineView } },
      },
      async (request) => contactTimeline(ctx, request.params.id, staff(request, request.query.reason)),
    );

    app.get(
      '/api/v1/citizens/:id/timeline',
      {
        config: { access: { permission: 'citizens.read' } },
        schema: { tags, summary: 'A citizen’s contacts on every channel and their entries in time order (audited)', params: contactIdParams, querystring: reasonOnly.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) }), response: { 200: citizenTimelineView } },
      },
      async (request) => citizenTimeline(ctx, request.params.id, staff(request, request.query.reason), request.query.limit),
    );

    app.post(
      '/api/v1/contacts/:id/messages',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Post a message to the citizen as the signed-in agent (idempotent with clientMessageId)', params: contactIdParams, body: messageBody, response: { 200: messageView, 201: messageView } },
      },
      async (request, reply) => {
        const { message, duplicate } = await ctx.transact((tx, emit) =>
          appendMessage(tx, emit, { contactId: request.params.id, sender: 'agent', agentId: request.principal!.userId, ...request.body }),
        );
        return reply.code(duplicate ? 200 : 201).send(message);
      },
    );

    app.post(
      '/api/v1/contacts/:id/notes',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Add an internal note (staff only, never shown to the citizen)', params: contactIdParams, body: noteBody, response: { 201: noteView } },
      },
      async (request, reply) => {
        const note = await ctx.transact((tx) => addNote(tx, { contactId: request.params.id, authorId: request.principal!.userId, body: request.body.body }));
        return reply.code(201).send(note);
      },
    );

    app.post(
      '/api/v1/contacts/:id/transitions',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Move a contact by one event of its state machine', params: contactIdParams, body: transitionBody, response: { 200: contactView } },
      },
      async (request) => {
        const { event, ...options } = request.body;
        // Accepting, the agent is the signed-in one unless routing names another.
        const agentId = options.agentId ?? (event === 'accept' ? request.principal!.userId : undefined);
        return ctx.transact((tx, emit) => transitionContact(tx, emit, request.params.id, event, { ...options, agentId }));
      },
    );

    app.post(
      '/api/v1/contacts/:id/wrap-up',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Record topic and outcome and close the contact', params: contactIdParams, body: wrapUpBody, response: { 200: contactView } },
      },
      async (request) => ctx.transact((tx, emit) => wrapUpContact(tx, emit, request.params.id, { ...request.body, agentId: request.principal!.userId })),
    );
  };
}
