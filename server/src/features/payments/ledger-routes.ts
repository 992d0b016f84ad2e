import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { assertNothingRejected } from '../../platform/import-report';
import { recordAudit } from '../identity';
import { isRealDate } from './amount-due';
import { importLedgers } from './import-ledgers';
import { findPositionFor, staffPositions } from './lookup';
import { positionSchema, presentPosition } from './position-view';
import { authenticateReceipt, bookReceipt, receiptBody, receiptResult } from './receipts';
import { SIGNATURE_HEADER } from './webhook-signature';

const tags = ['payments'];
const localDate = z
  .string()
  .max(10)
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v), 'expected a real date YYYY-MM-DD')
  .optional()
  .describe('Local date to compute the amount due for (default: today in the city)');

const lookupQuery = z
  .object({
    notice: z.string().min(1).max(64).describe('pagoPA notice number, any printed form'),
    fiscalCode: z.string().min(1).max(32).optional().describe("the debtor's fiscal code"),
    plate: z.string().min(1).max(16).optional().describe('for a fine: the vehicle plate'),
    date: localDate,
  })
  .refine((q) => (q.fiscalCode === undefined) !== (q.plate === undefined), { message: 'give exactly one of fiscalCode or plate', path: ['fiscalCode'] });

const csvText = z.string().max(8 * 1024 * 1024).optional();
const importBody = z.object({
  taxDeadlines: csvText.describe('tax-deadlines.csv: tax,year,instalment,due_date'),
  tari: csvText.describe('tari.csv: ref,fiscal_code,year,instalment,amount,notice_number'),
  imu: csvText.describe('imu.csv: same columns as tari.csv'),
  fines: csvText.describe('fines.csv: verbale,notice_number,fiscal_code,plate,offence_date,notification_date,article,min_amount,max_amount,costs,accessory_sanction'),
});

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: string;
  }
}

export function ledgerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/payments/lookup',
      {
        // Strict: a notice number with a guessed second factor is what an attacker would try.
        config: { access: { public: true }, rateLimit: { max: ctx.config.PAYMENT_LOOKUP_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'A citizen’s tax instalment or fine by notice number and fiscal code (or plate for a fine), with the amount due',
          description: 'An unknown notice and a wrong second factor get the same 404 (payments.position_not_found).',
          querystring: lookupQuery,
          response: { 200: positionSchema },
        },
      },
      async (request) => {
        const { notice, fiscalCode, plate, date } = request.query;
        return presentPosition(await findPositionFor(ctx, notice, { fiscalCode, plate }, date), 'citizen');
      },
    );

    app.get(
      '/api/v1/payments/positions',
      {
        config: { access: { permission: 'citizens.read' } },
        schema: {
          tags,
          summary: 'Every tax instalment and fine of a taxpayer, with the amounts due (audited)',
          querystring: z.object({ fiscalCode: z.string().min(11).max(32), date: localDate }),
          response: { 200: z.object({ fiscalCode: z.string(), on: z.string(), positions: z.array(positionSchema) }) },
        },
      },
      async (request) => {
        const found = await staffPositions(ctx, request.query.fiscalCode, request.principal!, request.id, request.query.date);
        return { ...found, positions: found.positions.map((p) => presentPosition(p, 'staff')) };
      },
    );

    app.post(
      '/api/v1/payments/ledgers/import',
      {
        config: { access: { permission: 'imports.run' } },
        bodyLimit: 40 * 1024 * 1024,
        schema: {
          tags,
          summary: 'Import tax due dates, TARI/IMU instalments and traffic fines (CSV texts), all or nothing',
          description: 'Any rejected row aborts the import: 422 import.rows_rejected with every row’s file, line and reason.',
          body: importBody,
          response: { 200: z.object({ counts: z.record(z.string(), z.number()) }) },
        },
      },
      async (request) => {
        const by = request.principal!;
        const report = await ctx.transact(async (tx, emit) => {
          const r = await importLedgers(tx, emit, ctx.city, request.body);
          assertNothingRejected(r);
          await recordAudit(tx, { actorId: by.userId, actorName: by.username, requestId: request.id }, { action: 'create', subjectKind: 'ledger_import', subjectId: request.id, details: r.counts });
          return r;
        });
        return { counts: report.counts };
      },
    );

    // The receipt webhook keeps the raw body: the signature is over the exact bytes sent.
    await app.register(async (hook) => {
      hook.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        request.rawBody = body as string;
        try {
          done(null, JSON.parse(body as string));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
      hook.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>().post(
        '/api/v1/payments/receipts',
        {
          config: { access: { public: true }, rateLimit: { max: 600, timeWindow: '1 minute' } },
          schema: {
            tags,
            summary: 'pagoPA receipt webhook (paSendRT): marks the notice paid',
            description: `Signed with HMAC-SHA256: header \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<raw body>")>\`. The same receiptId again answers the stored result.`,
            headers: z.object({ [SIGNATURE_HEADER]: z.string().max(200).optional() }),
            body: receiptBody,
            response: { 200: receiptResult },
          },
          // Authenticate before the body is validated: an unsigned caller learns nothing about the shape.
          preValidation: async (request) => {
            authenticateReceipt(ctx, request.rawBody ?? '', request.headers[SIGNATURE_HEADER] as string | undefined);
          },
        },
        async (request) => bookReceipt(ctx, request.body),
      );
    });
  };
}
