import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { formatInstant } from '../directory';
import { answerLanguage } from '../../platform/i18n/answer-language';
import type { Principal } from '../../platform/http/access';
import { addCaseNote, changeCaseStatus } from './case-status';
import { createCase, type CaseActor } from './create-case';
import { departmentWorklist, getCaseForStaff } from './read-cases';
import { caseParams, caseView, createCaseBody, createdCaseView, langQuery, noteBody, noteView, statusBody, statusView, worklistItem, worklistQuery } from './schema';

const tags = ['cases'];
const actorOf = (p: Principal, requestId: string): CaseActor => ({ id: p.userId, name: p.username, requestId });

/** The staff face of cases: escalation by agents, the back-office worklist, status and notes. */
export function casesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const iso = (d: Date) => formatInstant(d.getTime(), ctx.city.timezone);
  return async (app) => {
    app.post(
      '/api/v1/cases',
      {
        config: { access: { permission: 'contacts.handle' } },
        schema: { tags, summary: 'Escalate a contact to a case for the responsible back office', body: createCaseBody, response: { 201: createdCaseView } },
      },
      async (request, reply) => {
        const b = request.body;
        const language = answerLanguage(ctx, b.language, undefined);
        const created = await createCase(
          ctx,
          {
            serviceCode: b.serviceCode,
            attributes: b.attributes,
            description: b.description,
            lat: b.location?.lat,
            long: b.location?.long,
            address: b.location?.address,
            addressId: b.location?.addressId,
            zipcode: b.location?.zipcode,
            mediaUrl: b.mediaUrl,
            requester: b.requester,
            citizenId: b.citizenId,
            contactId: b.contactId,
            channel: b.channel,
            language,
          },
          actorOf(request.principal!, request.id),
        );
        return reply.code(201).send({
          id: created.id,
          number: String(created.number),
          token: created.token,
          serviceCode: created.service.code,
          department: created.service.department,
          status: 'open' as const,
          requestedAt: iso(created.requestedAt),
          expectedAt: iso(created.expectedAt),
        });
      },
    );

    app.get(
      '/api/v1/cases',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'A department’s worklist, nearest SLA deadline first (no personal data)', querystring: worklistQuery, response: { 200: z.array(worklistItem) } },
      },
      async (request) => {
        const q = request.query;
        const lang = answerLanguage(ctx, q.lang, request.headers['accept-language']);
        return departmentWorklist(ctx, { department: q.department, statuses: q.status, limit: q.limit, offset: q.offset }, lang);
      },
    );

    app.get(
      '/api/v1/cases/:id',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'One case in full, requester included (the read is audited)', params: caseParams, querystring: z.object({ lang: langQuery }), response: { 200: caseView } },
      },
      async (request) => {
        const lang = answerLanguage(ctx, request.query.lang, request.headers['accept-language']);
        return getCaseForStaff(ctx, request.params.id, actorOf(request.principal!, request.id), lang);
      },
    );

    app.post(
      '/api/v1/cases/:id/status',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'Move a case on (open → acknowledged → in_progress → closed, or rejected)', params: caseParams, body: statusBody, response: { 200: statusView } },
      },
      async (request) => {
        const changed = await changeCaseStatus(ctx, request.params.id, request.body, actorOf(request.principal!, request.id));
        return { ...changed, updatedAt: iso(changed.updatedAt) };
      },
    );

    app.post(
      '/api/v1/cases/:id/notes',
      {
        config: { access: { permission: 'cases.work' } },
        schema: { tags, summary: 'Add a public (shown to the citizen) or internal note', params: caseParams, body: noteBody, response: { 201: noteView } },
      },
      async (request, reply) => {
        const note = await addCaseNote(ctx, request.params.id, request.body, actorOf(request.principal!, request.id));
        return reply.code(201).send({ ...note, at: iso(note.at) });
      },
    );
  };
}
