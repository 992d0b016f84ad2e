import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import type { AuditActor } from '../identity';
import { bookAppointment } from './book-appointment';
import { cancelAppointment } from './manage-appointment';
import { agentBookingBody, bookingView, dayEntryView, dayQuery, idParams, officeDayParams, outcomeBody, outcomeView, statisticsQuery, statisticsView } from './schema';
import { officeDay, recordOutcome, statistics } from './staff-desk';

const tags = ['appointments (staff)'];
const handle = { access: { permission: 'contacts.handle' } } as const;

const actorOf = (request: FastifyRequest): AuditActor => ({ actorId: request.principal!.userId, actorName: request.principal!.username, requestId: request.id });

/** Agents and front desks: booking for a caller, the day's list, attendance; supervisors: statistics. */
export function staffRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/appointments/agent-bookings',
      { config: handle, schema: { tags, summary: "Book on a citizen's behalf (audited)", body: agentBookingBody, response: { 201: bookingView } } },
      async (request, reply) => {
        const { slotId, citizen, language } = request.body;
        const lang = answerLanguage(ctx, language, undefined);
        return reply.code(201).send(await bookAppointment(ctx, { slotId, citizen, language: lang, channel: 'agent', staff: actorOf(request) }));
      },
    );

    app.post(
      '/api/v1/appointments/:id/staff-cancel',
      { config: handle, schema: { tags, summary: "Cancel on a citizen's behalf (audited)", params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await cancelAppointment(ctx, request.params.id, { staff: actorOf(request) });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/appointments/day/:office',
      { config: handle, schema: { tags, summary: "A day's appointments at an office (audited)", params: officeDayParams, querystring: dayQuery, response: { 200: z.array(dayEntryView) } } },
      async (request) => officeDay(ctx, request.params.office, request.query.date, actorOf(request), request.query.service),
    );

    app.post(
      '/api/v1/appointments/:id/outcome',
      { config: handle, schema: { tags, summary: 'Mark attended or no-show', params: idParams, body: outcomeBody, response: { 200: outcomeView } } },
      async (request) => recordOutcome(ctx, request.params.id, request.body.outcome, actorOf(request)),
    );

    app.get(
      '/api/v1/appointments/statistics',
      { config: { access: { permission: 'insights.read' } }, schema: { tags, summary: 'Booked, cancelled, attended, no-shows and lead time per service and office', querystring: statisticsQuery, response: { 200: z.array(statisticsView) } } },
      async (request) => statistics(ctx, request.query),
    );
  };
}
