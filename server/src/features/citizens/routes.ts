import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { validateFiscalCode } from './fiscal-code';

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

export function citizensRoutes(_ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/fiscal-codes/:code',
      {
        // Checking a code reads nothing stored, so it is public; the tight limit stops enumeration.
        config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['citizens'],
          summary: 'Validate and decode an Italian codice fiscale (omocodia included)',
          params: z.object({ code: z.string().max(64) }),
          response: { 200: fiscalCodeAnswer },
        },
      },
      async (request) => validateFiscalCode(request.params.code),
    );
  };
}
