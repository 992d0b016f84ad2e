/**
 * Residents of Area C: a permit per plate and year gives so many free entries (40 a year from 2012,
 * 50 from 2024), then the resident's charge (EUR 2, EUR 3 from 30 Oct 2023) — milan-facts.md, "Area C".
 * Entries seen at the gates are recorded here: a charged day first uses a free entry, then a ticket
 * already bought, and otherwise raises a ticket with its pagoPA notice.
 * The permit holds a fiscal code: every staff read of it is audited.
 */
import { and, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import type { LanguageCode } from '../../platform/i18n/languages';
import { validateFiscalCode } from '../citizens';
import { addDays, instantToLocal, todayIn } from '../directory';
import { recordAudit } from '../identity';
import { findTicket, issueTicket, type TicketView } from './area-c-tickets';
import { quoteEnvironment, reasonText } from './get-quote';
import { quote, versionOn, type Vehicle } from './quote';
import { ruleSet } from './rule-store';
import type { Permit, RuleVersion } from './rules-schema';
import { plateOf } from './plates';
import { areaCEntries, residentPermits, type EntryOutcome } from './tables';

const actorOf = (by: Principal, requestId?: string) => ({ actorId: by.userId, actorName: by.username, requestId });

export interface PermitView {
  id: string;
  plate: string;
  fiscalCode: string;
  year: number;
  freeEntries: number;
  used: number;
  remaining: number;
}

/** The year's free entries: those of the version in force on the day asked, else the year's last. */
function allowance(versions: readonly RuleVersion[], year: number, day: string): number {
  const inYear = versions.filter((v) => v.rules.resident && v.validFrom <= `${year}-12-31` && (v.validTo === null || v.validTo >= `${year}-01-01`));
  const chosen = (day.startsWith(String(year)) ? versionOn(inYear, day) : null) ?? inYear.at(-1);
  return chosen?.rules.resident?.freeEntriesPerYear ?? 0;
}

async function usedEntries(db: Db, permitId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(areaCEntries).where(and(eq(areaCEntries.permitId, permitId), eq(areaCEntries.outcome, 'free-entry')));
  return Number(row?.n ?? 0);
}

export async function registerPermit(ctx: AppContext, input: { plate: string; fiscalCode: string; year: number }, by: Principal, requestId?: string): Promise<PermitView> {
  const plate = plateOf(input.plate);
  const fc = validateFiscalCode(input.fiscalCode);
  if (!fc.valid) throw new AppError('request.invalid_body', 'The fiscal code is not valid.', [{ field: 'body.fiscalCode', message: `not a valid fiscal code (${fc.reason})` }]);
  const versions = (await ruleSet(ctx)).get('area-c') ?? [];
  const free = allowance(versions, input.year, todayIn(ctx));
  if (!versions.some((v) => v.rules.resident && v.validFrom <= `${input.year}-12-31` && (v.validTo === null || v.validTo >= `${input.year}-01-01`))) {
    throw new AppError('mobility.no_rules_for_date', `No Area C resident terms in ${input.year}.`, [{ field: 'body.year', message: 'no Area C version with resident terms in this year' }]);
  }
  return ctx.transact(async (tx, emit) => {
    const [existing] = await tx.select({ id: residentPermits.id }).from(residentPermits).where(and(eq(residentPermits.plate, plate), eq(residentPermits.year, input.year)));
    if (existing) throw new AppError('mobility.permit_exists', `This plate already has a resident permit for ${input.year}.`);
    const [row] = await tx.insert(residentPermits).values({ plate, fiscalCode: fc.code, year: input.year }).returning();
    await recordAudit(tx, actorOf(by, requestId), { action: 'create', subjectKind: 'area-c-permit', subjectId: row!.id, details: { fields: ['plate', 'fiscalCode', 'year'] } });
    emit('mobility.permit_registered', { permitId: row!.id });
    return { id: row!.id, plate: row!.plate, fiscalCode: row!.fiscalCode, year: row!.year, freeEntries: free, used: 0, remaining: free };
  });
}

/** A permit with its entries used and remaining; a staff read of a fiscal code, so audited. */
export async function getPermit(ctx: AppContext, rawPlate: string, year: number, by: Principal, requestId?: string): Promise<PermitView> {
  const plate = plateOf(rawPlate, 'query.plate');
  const versions = (await ruleSet(ctx)).get('area-c') ?? [];
  return ctx.transact(async (tx) => {
    const [row] = await tx.select().from(residentPermits).where(and(eq(residentPermits.plate, plate), eq(residentPermits.year, year)));
    if (!row) throw new AppError('mobility.permit_not_found', `No resident permit for this plate in ${year}.`);
    await recordAudit(tx, actorOf(by, requestId), { action: 'read', subjectKind: 'area-c-permit', subjectId: row.id, details: { fields: ['fiscalCode'] } });
    const free = allowance(versions, year, todayIn(ctx));
    const used = await usedEntries(tx, row.id);
    return { id: row.id, plate: row.plate, fiscalCode: row.fiscalCode, year: row.year, freeEntries: free, used, remaining: Math.max(0, free - used) };
  });
}

export interface EntryInput {
  plate: string;
  /** The instant the gate saw the vehicle. */
  at: number;
  vehicle: Vehicle;
  permits?: Permit[] | undefined;
}

export interface EntryView {
  plate: string;
  date: string;
  /** `not-charged`: nothing to pay or count (outside hours, exempt vehicle); nothing stored. */
  outcome: EntryOutcome | 'not-charged';
  /** A second sighting the same day: the day's first outcome stands. */
  alreadyRecorded: boolean;
  reasonCode: string;
  reason: string;
  id?: string;
  freeEntriesRemaining?: number;
  ticket?: TicketView;
}

/**
 * Records a vehicle seen at an Area C gate. Area C charges per day, so a day is counted once: the
 * first charged sighting uses a resident's free entry if one is left, else a ticket already bought,
 * else raises a ticket (the resident's charge for permit holders) with its pagoPA notice.
 */
export async function recordEntry(ctx: AppContext, raw: EntryInput, lang: LanguageCode): Promise<EntryView> {
  const input = { ...raw, plate: plateOf(raw.plate) };
  const { date, minutes } = instantToLocal(input.at, ctx.city.timezone);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const year = Number(date.slice(0, 4));
  const env = await quoteEnvironment(ctx, 'area-c');
  return ctx.transact(async (tx, emit) => {
    // Locked: two gates seeing the same car at once must not both use the last free entry.
    const [permit] = await tx.select().from(residentPermits).where(and(eq(residentPermits.plate, input.plate), eq(residentPermits.year, year))).for('update');
    const q = quote({ scheme: 'area-c', date, time, vehicle: input.vehicle, resident: permit !== undefined, permits: input.permits }, env);
    const base = { plate: input.plate, date, reasonCode: q.reasonCode, reason: reasonText(ctx, q, lang) };
    if (!q.inForce || q.exempt || q.charge.amount === 0) return { ...base, outcome: 'not-charged', alreadyRecorded: false };

    const [seen] = await tx.select().from(areaCEntries).where(and(eq(areaCEntries.plate, input.plate), eq(areaCEntries.day, date)));
    if (seen) {
      const ticket = seen.ticketId ? await findTicket(tx, ctx, input.plate, date) : null;
      return { ...base, id: seen.id, outcome: seen.outcome, alreadyRecorded: true, ...(ticket ? { ticket } : {}) };
    }
    const entry = { plate: input.plate, day: date, enteredAt: new Date(input.at) };
    let result: Pick<EntryView, 'outcome' | 'ticket' | 'freeEntriesRemaining'> & { permitId?: string; ticketId?: string };
    const free = permit ? q.residentFreeEntriesPerYear ?? 0 : 0;
    const used = permit ? await usedEntries(tx, permit.id) : 0;
    const bought = await findTicket(tx, ctx, input.plate, date);
    if (permit && used < free) {
      result = { outcome: 'free-entry', permitId: permit.id, freeEntriesRemaining: free - used - 1 };
    } else if (bought && bought.status !== 'cancelled') {
      result = { outcome: 'ticket', ticket: bought, ticketId: bought.id };
    } else {
      const ticket = await issueTicket(tx, emit, ctx, {
        plate: input.plate,
        date,
        amountCents: q.charge.amount,
        // payBy is the midnight that ends the day after the entry: that day is the notice's due date.
        dueDate: addDays(q.payBy!.slice(0, 10), -1),
        origin: 'entry',
        versionId: q.version,
      });
      result = { outcome: 'charged', ticket, ticketId: ticket.id };
    }
    const [row] = await tx
      .insert(areaCEntries)
      .values({ ...entry, outcome: result.outcome as EntryOutcome, permitId: result.permitId ?? null, ticketId: result.ticketId ?? null })
      .returning({ id: areaCEntries.id });
    emit('mobility.entry_recorded', { entryId: row!.id, outcome: result.outcome });
    const { permitId: _p, ticketId: _t, ...shown } = result;
    return { ...base, id: row!.id, alreadyRecorded: false, ...shown, ...(permit && result.outcome !== 'free-entry' ? { freeEntriesRemaining: Math.max(0, free - used) } : {}) };
  });
}
