import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { answerLanguage } from '../../platform/i18n/answer-language';
import { bookForCaller, nextFreeSlot } from '../appointments';
import { certificateRequestStatus } from '../certificates';
import { FUELS, VEHICLE_KINDS, areaCChargeToday } from '../mobility';
import { fineAmountDue } from '../payments';
import { applicationStatus } from '../schools';

// Each answer: `text`, one sentence in the caller's language, and the structured part that the
// feature's own API documents (slot, amount due, quote, status).
const spoken = <T extends z.ZodTypeAny>(data: T) => z.object({ text: z.string() }).extend({ data });

const lang = z.string().max(10).optional();
const code = z.string().trim().min(1).max(40);
const fiscalCode = z.string().trim().min(11).max(16);

/** Stricter than the general public limit: these answers touch citizens' positions. */
const limited = { access: { public: true as const }, rateLimit: { max: 30, timeWindow: '1 minute' } };

export function selfServiceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['self-service'];
    const say = (requested: string | undefined, accept: string | undefined) => answerLanguage(ctx, requested, accept);

    app.get(
      '/api/v1/self-service/appointments/next-slot',
      {
        config: limited,
        schema: {
          tags,
          summary: 'The next free appointment slot for a service, as a sentence',
          querystring: z.object({ service: z.string().min(1).max(40), office: z.string().max(80).optional(), lang }),
          response: { 200: spoken(z.any()) },
        },
      },
      async (request) => {
        const { slot, text } = await nextFreeSlot(ctx, { service: request.query.service, office: request.query.office, lang: say(request.query.lang, request.headers['accept-language']) });
        return { text, data: { slot } };
      },
    );

    app.post(
      '/api/v1/self-service/appointments',
      {
        config: limited,
        schema: {
          tags,
          summary: "Book a slot for the caller (the phone line's or the chat's booking)",
          body: z.object({
            slotId: z.string().min(1).max(80),
            fiscalCode,
            name: z.string().trim().min(2).max(120),
            phone: z.string().max(30).optional(),
            email: z.string().max(254).optional(),
            lang,
            channel: z.enum(['phone', 'chat']).optional(),
          }),
          response: { 201: spoken(z.any()) },
        },
      },
      async (request, reply) => {
        const { lang: requested, ...booking } = request.body;
        const answer = await bookForCaller(ctx, { ...booking, lang: say(requested, request.headers['accept-language']) });
        return reply.code(201).send({ text: answer.text, data: { code: answer.code, appointmentId: answer.appointmentId, slot: answer.slot } });
      },
    );

    app.get(
      '/api/v1/self-service/fines/:noticeNumber',
      {
        config: limited,
        schema: {
          tags,
          summary: 'The amount due today on a fine, by notice number and plate or fiscal code',
          params: z.object({ noticeNumber: z.string().min(1).max(64) }),
          querystring: z
            .object({ plate: z.string().max(16).optional(), fiscalCode: fiscalCode.optional(), lang })
            .refine((q) => q.plate !== undefined || q.fiscalCode !== undefined, { message: 'plate or fiscalCode is required', path: ['plate'] }),
          response: { 200: spoken(z.any()) },
        },
      },
      async (request) => {
        const { plate, fiscalCode: cf, lang: requested } = request.query;
        const { due, text } = await fineAmountDue(ctx, { noticeNumber: request.params.noticeNumber, plate, fiscalCode: cf, lang: say(requested, request.headers['accept-language']) });
        return { text, data: { due } };
      },
    );

    app.post(
      '/api/v1/self-service/area-c/today',
      {
        config: limited,
        schema: {
          tags,
          summary: 'The Area C charge for a vehicle entering now',
          body: z.object({
            vehicle: z.object({
              kind: z.enum(VEHICLE_KINDS),
              fuel: z.enum(FUELS),
              euro: z.number().int().min(0).max(6),
              particulateFilter: z.boolean().optional(),
              co2: z.number().min(0).max(1000).optional(),
            }),
            resident: z.boolean().optional(),
            lang,
          }),
          response: { 200: spoken(z.any()) },
        },
      },
      async (request) => {
        const { quote, text } = await areaCChargeToday(ctx, { vehicle: request.body.vehicle, resident: request.body.resident, lang: say(request.body.lang, request.headers['accept-language']) });
        return { text, data: { quote } };
      },
    );

    app.get(
      '/api/v1/self-service/certificates/:code',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Where a certificate delivered at home is, by request code and fiscal code',
          params: z.object({ code }),
          querystring: z.object({ fiscalCode, lang }),
          response: { 200: spoken(z.any()) },
        },
      },
      async (request) => {
        const { status, text } = await certificateRequestStatus(ctx, { code: request.params.code, fiscalCode: request.query.fiscalCode, lang: say(request.query.lang, request.headers['accept-language']) });
        return { text, data: { status } };
      },
    );

    app.get(
      '/api/v1/self-service/schools/applications/:code',
      {
        config: limited,
        schema: {
          tags,
          summary: "A school application's status, by application code and fiscal code",
          params: z.object({ code }),
          querystring: z.object({ fiscalCode, lang }),
          response: { 200: spoken(z.any()) },
        },
      },
      async (request) => {
        const { status, text } = await applicationStatus(ctx, { code: request.params.code, fiscalCode: request.query.fiscalCode, lang: say(request.query.lang, request.headers['accept-language']) });
        return { text, data: { status } };
      },
    );
  };
}
