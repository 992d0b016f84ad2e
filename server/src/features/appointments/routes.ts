import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import { bookAppointment } from './book-appointment';
import { appointmentCalendar, cancelAppointment, getAppointment, rescheduleAppointment } from './manage-appointment';
import {
  acceptBody,
  appointmentView,
  bookingBody,
  bookingView,
  cancelQuery,
  codeQuery,
  idParams,
  idempotencyHeaders,
  rescheduleBody,
  serviceView,
  servicesQuery,
  slotsQuery,
  slotView,
  waitlistBody,
  waitlistJoined,
  waitlistView,
} from './schema';
import { listServices } from './services';
import { listSlots } from './slots';
import { staffRoutes } from './staff-routes';
import { acceptOffer, getWaitlistEntry, joinWaitlist, leaveWaitlist } from './waitlist';

const tags = ['appointments'];
const pub = { access: { public: true } } as const;

/** The citizens' side of appointments (api-contract.md "Appointments"), and the staff routes. */
export function appointmentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/appointments/services',
      { config: pub, schema: { tags, summary: 'Bookable services, with what to bring, in the answer language', querystring: servicesQuery, response: { 200: z.array(serviceView) } } },
      async (request) => listServices(ctx, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.get(
      '/api/v1/appointments/slots',
      { config: pub, schema: { tags, summary: 'Slots of a service that have not started, with their free seats', querystring: slotsQuery, response: { 200: z.array(slotView) } } },
      async (request) => {
        const q = request.query;
        return listSlots(ctx, { service: q.service, office: q.office, from: q.from, to: q.to, available: q.available === 'true' });
      },
    );

    app.post(
      '/api/v1/appointments',
      {
        config: pub,
        schema: { tags, summary: 'Book a slot (409 when full); Idempotency-Key makes retries safe', headers: idempotencyHeaders, body: bookingBody, response: { 201: bookingView } },
      },
      async (request, reply) => {
        const { slotId, citizen, language } = request.body;
        const lang = answerLanguage(ctx, language, request.headers['accept-language']);
        const result = await bookAppointment(ctx, { slotId, citizen, language: lang, channel: 'web' }, { idempotencyKey: request.headers['idempotency-key'] });
        return reply.code(201).send(result);
      },
    );

    app.get(
      '/api/v1/appointments/:id',
      { config: pub, schema: { tags, summary: 'An appointment, for the citizen holding its code', params: idParams, querystring: codeQuery, response: { 200: appointmentView } } },
      async (request) => getAppointment(ctx, request.params.id, request.query.code, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.delete(
      '/api/v1/appointments/:id',
      { config: pub, schema: { tags, summary: 'Cancel an appointment with its code', params: idParams, querystring: cancelQuery, response: { 204: z.null() } } },
      async (request, reply) => {
        await cancelAppointment(ctx, request.params.id, { code: request.query.code });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/appointments/:id/reschedule',
      { config: pub, schema: { tags, summary: 'Move an appointment to another slot of the same service, atomically', params: idParams, body: rescheduleBody, response: { 200: appointmentView } } },
      async (request) => rescheduleAppointment(ctx, request.params.id, request.body.code, request.body.slotId),
    );

    app.get(
      '/api/v1/appointments/:id/calendar.ics',
      { config: pub, schema: { tags, summary: 'The appointment as an iCalendar file (RFC 5545)', params: idParams, querystring: cancelQuery, produces: ['text/calendar'] } },
      async (request, reply) => {
        const ics = await appointmentCalendar(ctx, request.params.id, request.query.code);
        return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="appuntamento.ics"').send(ics);
      },
    );

    app.post(
      '/api/v1/appointments/waitlist',
      { config: pub, schema: { tags, summary: 'Join the waiting list of a service (optionally one office and dates)', body: waitlistBody, response: { 201: waitlistJoined } } },
      async (request, reply) => {
        const { citizen, language, ...wish } = request.body;
        const lang = answerLanguage(ctx, language, request.headers['accept-language']);
        return reply.code(201).send(await joinWaitlist(ctx, { ...wish, citizen, language: lang }));
      },
    );

    app.get(
      '/api/v1/appointments/waitlist/:id',
      { config: pub, schema: { tags, summary: 'A waiting-list entry and its offer, for the citizen holding its code', params: idParams, querystring: codeQuery, response: { 200: waitlistView } } },
      async (request) => getWaitlistEntry(ctx, request.params.id, request.query.code, answerLanguage(ctx, request.query.lang, request.headers['accept-language'])),
    );

    app.post(
      '/api/v1/appointments/waitlist/:id/accept',
      { config: pub, schema: { tags, summary: 'Accept the held offer: it becomes an appointment', params: idParams, body: acceptBody, response: { 201: bookingView } } },
      async (request, reply) => reply.code(201).send(await acceptOffer(ctx, request.params.id, request.body.code)),
    );

    app.delete(
      '/api/v1/appointments/waitlist/:id',
      { config: pub, schema: { tags, summary: 'Leave the waiting list (a held seat passes on)', params: idParams, querystring: cancelQuery, response: { 204: z.null() } } },
      async (request, reply) => {
        await leaveWaitlist(ctx, request.params.id, request.query.code);
        return reply.code(204).send(null);
      },
    );

    await app.register(staffRoutes(ctx));
  };
}
