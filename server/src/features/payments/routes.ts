import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { formatNoticeNumber, validateNoticeNumber } from './notice-number';
import { ledgerRoutes } from './ledger-routes';
import { findNotice } from './notices';
import { cityToday, positionByNotice, withDue } from './positions';

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
    // Only for a notice the city issued or imported; never the debtor, whoever asks.
    amount: z.object({ amount: z.number().int(), currency: z.literal('EUR') }).optional(),
    dueDate: z.string().nullable().optional(),
    description: z.string().optional(),
    status: z.enum(['unpaid', 'paid', 'cancelled']).optional(),
    // Tax instalments and fines: what is due today (the fine's reduction or the tax's penalty).
    amountDue: z
      .object({
        on: z.string(),
        amount: z.object({ amount: z.number().int(), currency: z.literal('EUR') }),
        phase: z.string(),
        nextDeadline: z.string().nullable(),
      })
      .optional(),
  }),
  z.object({ valid: z.literal(false), reason: z.string() }),
]);

export function paymentsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(ledgerRoutes(ctx));

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
        // A well-formed number the city never issued is `known: false`, with no amount.
        const notice = await findNotice(ctx.db, result.noticeNumber);
        const base = {
          ...result,
          formatted: formatNoticeNumber(result.noticeNumber),
          creditorFiscalCode: ctx.city.creditorFiscalCode,
          paymentId: `${ctx.city.creditorFiscalCode}${result.noticeNumber}`,
        };
        if (!notice) return { ...base, known: false };
        const position = notice.status === 'unpaid' ? await positionByNotice(ctx.db, notice.noticeNumber) : null;
        const due = position ? (await withDue(ctx, position, cityToday(ctx))).due : null;
        return {
          ...(due ? { amountDue: { on: due.on, amount: { amount: due.amountCents, currency: 'EUR' as const }, phase: due.phase, nextDeadline: due.nextDeadline } } : {}),
          ...base,
          known: true,
          amount: { amount: notice.amountCents, currency: 'EUR' as const },
          dueDate: notice.dueDate,
          description: notice.description,
          status: notice.status,
        };
      },
    );
  };
}
