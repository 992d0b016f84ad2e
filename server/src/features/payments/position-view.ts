/**
 * The answer shapes of positions (zod, fed to Fastify and the OpenAPI document) and the mapping
 * from a position to them. Citizens see their position without the identifying data they typed;
 * staff also see the debtor's fiscal code and the plate.
 */
import { z } from 'zod';
import type { FineDue, TaxDue } from './amount-due';
import type { PositionWithDue } from './positions';

const money = z.object({ amount: z.number().int().describe('euro cents'), currency: z.literal('EUR') });
const eur = (amount: number) => ({ amount, currency: 'EUR' as const });
const date = z.string().describe('local date YYYY-MM-DD');

const dueSchema = z.object({
  amount: money,
  phase: z.enum(['reduced', 'minimum', 'half-maximum', 'on-time', 'late-reduced-penalty', 'late-full-penalty', 'late-no-rule']),
  nextDeadline: date.nullable().describe('last day of the current amount; null when it can only stay'),
  breakdown: z.object({
    sanction: money.optional(),
    costs: money.optional(),
    reduction: money.optional(),
    tax: money.optional(),
    penalty: money.optional(),
    penaltyRatePercent: z.number().optional(),
  }),
  dueDate: date.optional().describe('taxes: the due date moved to the next working day'),
  daysLate: z.number().int().optional(),
  schedule: z.array(z.object({ phase: z.string(), amount: money, until: date.nullable() })).optional(),
  rule: z.object({ validFrom: z.string(), source: z.string() }).nullable(),
});

export const positionSchema = z.object({
  kind: z.enum(['tari', 'imu', 'fine']),
  noticeNumber: z.string(),
  formatted: z.string(),
  paymentId: z.string(),
  description: z.string(),
  status: z.enum(['unpaid', 'paid', 'cancelled']),
  paidAt: z.string().nullable(),
  on: date.describe('the day the amount due is computed for'),
  due: dueSchema.nullable().describe('null once paid or cancelled'),
  tax: z.object({ ref: z.string(), year: z.number(), instalment: z.string(), amount: money, dueDate: date }).optional(),
  fine: z
    .object({
      verbale: z.string(),
      offenceDate: date,
      notificationDate: date,
      article: z.string(),
      minimum: money,
      maximum: money,
      costs: money,
      accessorySanction: z.enum(['none', 'licence-suspension', 'confiscation']),
      reductionApplies: z.boolean(),
      plate: z.string().optional(),
    })
    .optional(),
  debtorFiscalCode: z.string().optional(),
  qrCode: z.string().optional(),
});
export type PositionAnswer = z.infer<typeof positionSchema>;

export function presentDue(due: FineDue | TaxDue): z.infer<typeof dueSchema> {
  if (due.kind === 'fine') {
    return {
      amount: eur(due.amountCents),
      phase: due.phase,
      nextDeadline: due.nextDeadline,
      breakdown: { sanction: eur(due.breakdown.sanctionCents), costs: eur(due.breakdown.costsCents), reduction: eur(due.breakdown.reductionCents) },
      schedule: due.schedule.map((s) => ({ phase: s.phase, amount: eur(s.amountCents), until: s.until })),
      rule: due.rule,
    };
  }
  return {
    amount: eur(due.amountCents),
    phase: due.phase,
    nextDeadline: due.nextDeadline,
    breakdown: { tax: eur(due.breakdown.taxCents), penalty: eur(due.breakdown.penaltyCents), penaltyRatePercent: due.breakdown.penaltyRateBp / 100 },
    dueDate: due.dueDate,
    daysLate: due.daysLate,
    rule: due.rule,
  };
}

export function presentPosition(p: PositionWithDue, audience: 'citizen' | 'staff'): PositionAnswer {
  const staff = audience === 'staff';
  return {
    kind: p.kind,
    noticeNumber: p.notice.noticeNumber,
    formatted: p.notice.formatted,
    paymentId: p.notice.paymentId,
    description: p.notice.description,
    status: p.notice.status,
    paidAt: p.notice.paidAt?.toISOString() ?? null,
    on: p.on,
    due: p.due ? presentDue(p.due) : null,
    ...(p.tax ? { tax: { ref: p.tax.ref, year: p.tax.year, instalment: p.tax.instalment, amount: eur(p.tax.amountCents), dueDate: p.notice.dueDate! } } : {}),
    ...(p.fine
      ? {
          fine: {
            verbale: p.fine.verbale,
            offenceDate: p.fine.offenceDate,
            notificationDate: p.fine.notificationDate,
            article: p.fine.article,
            minimum: eur(p.fine.minCents),
            maximum: eur(p.fine.maxCents),
            costs: eur(p.fine.costsCents),
            accessorySanction: p.fine.accessorySanction,
            reductionApplies: p.due?.kind === 'fine' ? p.due.reductionApplies : p.fine.accessorySanction === 'none',
            ...(staff ? { plate: p.fine.plate } : {}),
          },
        }
      : {}),
    ...(staff ? { debtorFiscalCode: p.debtorFiscalCode, qrCode: p.notice.qrCode } : {}),
  };
}
