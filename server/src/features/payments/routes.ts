import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { formatNoticeNumber, validateNoticeNumber } from './notice-number';

const noticeAnswer = z.union([
  z.object({
    valid: z.literal(true),
    noticeNumber: z.string(),
    formatted: z.string(),
    auxDigit: z.number(),
    iuv: z.string(),
    segregationCode: z.string().optional(),
    applicationCode: z.string().optional(),
    checkDigits: z.string().optional(),
    creditorFiscalCode: z.string(),
    paymentId: z.string(),
    known: z.boolean(),
  }),
  z.object({ valid: z.literal(false), reason: z.string() }),
]);

export function paymentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/payments/notices/:noticeNumber',
      {
        config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['payments'],
          summary: 'Check a pagoPA notice number (all aux-digit forms, mod-93 check digits)',
          params: z.object({ noticeNumber: z.string().max(64) }),
          response: { 200: noticeAnswer },
        },
      },
      async (request) => {
        const result = validateNoticeNumber(request.params.noticeNumber);
        if (!result.valid) return result;
        // The payment id is the creditor's fiscal code followed by the notice number (pagoPA).
        // The city's ledgers (amounts, due dates, status) come with the payments service; until a
        // notice is found there, `known` is false and no amount is shown.
        return {
          ...result,
          formatted: formatNoticeNumber(result.noticeNumber),
          creditorFiscalCode: ctx.city.creditorFiscalCode,
          paymentId: `${ctx.city.creditorFiscalCode}${result.noticeNumber}`,
          known: false,
        };
      },
    );
  };
}
