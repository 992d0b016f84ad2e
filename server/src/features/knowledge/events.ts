/**
 * Cultural events: what is on in a time window (with filters), one event in a language, answers to
 * "what's on this weekend?", and the editors' changes (create, update, cancel). Times are stored as
 * instants and shown with the city's offset; prices are euro cents.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Principal } from '../../platform/http/access';
import { knownLanguages, type LanguageCode } from '../../platform/i18n/languages';
import { recordAudit } from '../identity';
import { categoryOf, isoInZone, parseEventQuestion, parseInstant } from './date-expressions';
import { eventTranslations, events, type EventStatus } from './events-tables';

export const EVENT_CATEGORIES = ['concert', 'exhibition', 'theatre', 'cinema', 'festival', 'fair', 'family', 'talk', 'sport', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
/** Milan's nine Municipi (domain/milan-facts.md, "The city"). */
export const MUNICIPI = 9;
export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 366;
/** A spoken or chat answer lists a handful of events, not a programme. */
export const QUESTION_LIMIT = 10;

export interface Money {
  amount: number;
  currency: 'EUR';
}

export interface EventSummary {
  id: string;
  title: string;
  start: string;
  end: string;
  venue: string;
  address: string;
  municipio: number;
  price: Money;
  category: string;
}

export interface EventView extends EventSummary {
  description: string;
  status: EventStatus;
  /** The language of title and description: the one asked for, or the city's default without a translation. */
  language: LanguageCode;
}

export type EventTexts = Record<string, { title: string; description: string }>;

/** An event as the city's data or an editor gives it; the importer and the API both write these. */
export interface EventRecord {
  id: string;
  category: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string;
  municipio: number;
  priceCents: number;
  status: EventStatus;
  translations: EventTexts;
}

export interface EventEditorView extends Omit<EventSummary, 'title'> {
  status: EventStatus;
  translations: EventTexts;
  updatedAt: string;
}

export interface EventInput {
  category: string;
  /** ISO with offset, or local time in the city's zone ("2026-12-07T18:00"). */
  start: string;
  end: string;
  venue: string;
  address: string;
  municipio: number;
  price: Money;
  translations: EventTexts;
}

export interface EventFilters {
  from?: string | undefined;
  to?: string | undefined;
  category?: string | undefined;
  municipio?: number | undefined;
  free?: boolean | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The window of a listing: `from` defaults to now, `to` to 30 days later; a date alone is a whole local day. */
export function resolveWindow(filters: Pick<EventFilters, 'from' | 'to'>, now: Date, zone: string): { from: Date; to: Date } {
  const problems: { field: string; message: string }[] = [];
  const read = (field: 'from' | 'to', raw: string | undefined) => {
    if (raw === undefined) return undefined;
    // An unencoded "+01:00" in a query string arrives as " 01:00".
    const value = raw.replace(/ (\d{2}:?\d{2})$/, '+$1');
    const d = DATE_ONLY.test(value) ? DateTime.fromISO(value, { zone }) : parseInstant(value, zone);
    if (!d?.isValid) {
      problems.push({ field: `query.${field}`, message: 'expected a date (YYYY-MM-DD) or an ISO date-time' });
      return undefined;
    }
    // `to` as a date includes that whole day.
    return field === 'to' && DATE_ONLY.test(value) ? d.plus({ days: 1 }) : d;
  };
  const fromDt = read('from', filters.from) ?? DateTime.fromJSDate(now, { zone });
  const toDt = read('to', filters.to) ?? fromDt.plus({ days: DEFAULT_WINDOW_DAYS });
  if (!problems.length && toDt <= fromDt) problems.push({ field: 'query.to', message: 'must be after from' });
  if (!problems.length && toDt > fromDt.plus({ days: MAX_WINDOW_DAYS })) {
    problems.push({ field: 'query.to', message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
  }
  if (problems.length) throw new AppError('request.invalid_parameters', 'The time window is not valid.', problems);
  return { from: fromDt.toJSDate(), to: toDt.toJSDate() };
}

/** Published events overlapping the window, soonest first. */
export async function listEvents(ctx: AppContext, filters: EventFilters, lang: LanguageCode, now: Date) {
  const zone = ctx.city.timezone;
  const { from, to } = resolveWindow(filters, now, zone);
  const where: SQL[] = [overlaps(from, to), eq(events.status, 'published')];
  if (filters.category) where.push(eq(events.category, filters.category));
  if (filters.municipio) where.push(eq(events.municipio, filters.municipio));
  if (filters.free) where.push(eq(events.priceCents, 0));
  if (filters.q) where.push(textMatch(filters.q, lang));
  const list = await fetchViews(ctx, lang, and(...where), filters.limit ?? 100);
  return { from: isoInZone(from, zone), to: isoInZone(to, zone), language: lang, events: list };
}

/** One event in a language, cancelled ones included (citizens ask about those too). */
export async function getEvent(ctx: AppContext, id: string, lang: LanguageCode): Promise<EventView> {
  const [view] = await fetchViews(ctx, lang, eq(events.id, id), 1);
  if (!view) throw new AppError('knowledge.event_not_found', `No event with id "${id}".`);
  return view;
}

/**
 * For the assistant and the agents' search: when the question asks what is on in a time window,
 * the published events overlapping it (from now on), in the question's language, soonest first.
 * A question naming one kind of event ("concerti domani sera") gets only that kind.
 */
export async function findEventsForQuestion(
  ctx: AppContext,
  q: string,
  lang: LanguageCode,
  now: Date,
): Promise<null | { from: string; to: string; events: EventSummary[] }> {
  const zone = ctx.city.timezone;
  const parsed = parseEventQuestion(q, now, zone);
  if (!parsed) return null;
  const from = new Date(Math.max(parsed.window.from.getTime(), now.getTime()));
  const to = parsed.window.to;
  const category = categoryOf(q);
  const where: SQL[] = [overlaps(from, to), eq(events.status, 'published')];
  if (category) where.push(eq(events.category, category));
  const views = to > from ? await fetchViews(ctx, lang, and(...where), QUESTION_LIMIT) : [];
  return {
    from: isoInZone(from, zone),
    to: isoInZone(to, zone),
    events: views.map(({ id, title, start, end, venue, address, municipio, price, category: c }) => ({ id, title, start, end, venue, address, municipio, price, category: c })),
  };
}

function overlaps(from: Date, to: Date): SQL {
  // Written as a range overlap so that the GiST index events_period answers it.
  return sql`tstzrange(${events.startsAt}, ${events.endsAt}, '[)') && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`;
}

function textMatch(text: string, lang: LanguageCode): SQL {
  // Full text in the language's configuration, plus a substring match: Chinese has no word breaks.
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`exists (select 1 from event_translations s where s.event_id = ${events.id} and s.language = ${lang}
    and (s.search @@ websearch_to_tsquery(${knownLanguages[lang].textSearch}::regconfig, ${text}) or s.title ilike ${like} or s.description ilike ${like}))`;
}

async function fetchViews(ctx: AppContext, lang: LanguageCode, where: SQL | undefined, limit: number): Promise<EventView[]> {
  const wanted = alias(eventTranslations, 'wanted');
  const fallback = alias(eventTranslations, 'fallback');
  const rows = await ctx.db
    .select({
      event: events,
      title: wanted.title,
      description: wanted.description,
      fallbackTitle: fallback.title,
      fallbackDescription: fallback.description,
    })
    .from(events)
    .leftJoin(wanted, and(eq(wanted.eventId, events.id), eq(wanted.language, lang)))
    .leftJoin(fallback, and(eq(fallback.eventId, events.id), eq(fallback.language, ctx.city.defaultLanguage)))
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
  const zone = ctx.city.timezone;
  return rows.map(({ event: e, title, description, fallbackTitle, fallbackDescription }) => ({
    id: e.id,
    title: title ?? fallbackTitle ?? e.id,
    description: description ?? fallbackDescription ?? '',
    start: isoInZone(e.startsAt, zone),
    end: isoInZone(e.endsAt, zone),
    venue: e.venue,
    address: e.address,
    municipio: e.municipio,
    price: { amount: e.priceCents, currency: 'EUR' as const },
    category: e.category,
    status: e.status,
    language: title !== null ? lang : ctx.city.defaultLanguage,
  }));
}

// ---------------------------------------------------------------------------------------------
// Editors' changes and the importer's writes.

/** Inserts or replaces an event and all its translations (the importer re-loads by id). */
export async function writeEvent(tx: Db, record: EventRecord): Promise<void> {
  const row = {
    category: record.category,
    startsAt: record.startsAt,
    endsAt: record.endsAt,
    venue: record.venue,
    address: record.address,
    municipio: record.municipio,
    priceCents: record.priceCents,
    status: record.status,
    updatedAt: new Date(),
  };
  await tx.insert(events).values({ id: record.id, ...row }).onConflictDoUpdate({ target: events.id, set: row });
  await tx.delete(eventTranslations).where(eq(eventTranslations.eventId, record.id));
  const texts = Object.entries(record.translations).map(([language, t]) => ({ eventId: record.id, language, title: t.title, description: t.description }));
  if (texts.length) await tx.insert(eventTranslations).values(texts);
}

export async function getEventForEditing(ctx: AppContext, id: string, db: Db = ctx.db): Promise<EventEditorView> {
  const [e] = await db.select().from(events).where(eq(events.id, id));
  if (!e) throw new AppError('knowledge.event_not_found', `No event with id "${id}".`);
  const texts = await db.select().from(eventTranslations).where(eq(eventTranslations.eventId, id)).orderBy(asc(eventTranslations.language));
  const zone = ctx.city.timezone;
  return {
    id: e.id,
    category: e.category,
    start: isoInZone(e.startsAt, zone),
    end: isoInZone(e.endsAt, zone),
    venue: e.venue,
    address: e.address,
    municipio: e.municipio,
    price: { amount: e.priceCents, currency: 'EUR' },
    status: e.status,
    translations: Object.fromEntries(texts.map((t) => [t.language, { title: t.title, description: t.description }])),
    updatedAt: e.updatedAt.toISOString(),
  };
}

function toRecord(ctx: AppContext, id: string, input: EventInput, status: EventStatus): EventRecord {
  const zone = ctx.city.timezone;
  const start = parseInstant(input.start, zone);
  const end = parseInstant(input.end, zone);
  const problems: { field: string; message: string }[] = [];
  if (!start) problems.push({ field: 'body.start', message: 'not a valid date-time (or a local time that does not exist)' });
  if (!end) problems.push({ field: 'body.end', message: 'not a valid date-time (or a local time that does not exist)' });
  if (start && end && end <= start) problems.push({ field: 'body.end', message: 'must be after start' });
  if (problems.length) throw new AppError('request.invalid_body', 'The event times are not valid.', problems);
  const translations = Object.fromEntries(ctx.city.languages.map((l) => [l, input.translations[l]!]));
  return { id, category: input.category, startsAt: start!.toJSDate(), endsAt: end!.toJSDate(), venue: input.venue, address: input.address, municipio: input.municipio, priceCents: input.price.amount, status, translations };
}

const actorOf = (by: Principal, requestId?: string) => ({ actorId: by.userId, actorName: by.username, requestId });

export async function createEvent(ctx: AppContext, input: EventInput & { id?: string | undefined }, by: Principal, requestId?: string): Promise<EventEditorView> {
  const record = toRecord(ctx, input.id ?? randomUUID(), input, 'published');
  return ctx.transact(async (tx, emit) => {
    const [existing] = await tx.select({ id: events.id }).from(events).where(eq(events.id, record.id));
    if (existing) throw new AppError('knowledge.event_exists', `An event with id "${record.id}" already exists.`);
    await writeEvent(tx, record);
    await recordAudit(tx, actorOf(by, requestId), { action: 'create', subjectKind: 'event', subjectId: record.id, details: { category: record.category } });
    emit('event.published', { eventId: record.id });
    return getEventForEditing(ctx, record.id, tx);
  });
}

/** Replaces an event's details and texts; a cancelled event stays cancelled. */
export async function updateEvent(ctx: AppContext, id: string, input: EventInput, by: Principal, requestId?: string): Promise<EventEditorView> {
  return ctx.transact(async (tx, emit) => {
    const before = await getEventForEditing(ctx, id, tx);
    const record = toRecord(ctx, id, input, before.status);
    await writeEvent(tx, record);
    const after = await getEventForEditing(ctx, id, tx);
    await recordAudit(tx, actorOf(by, requestId), { action: 'update', subjectKind: 'event', subjectId: id, details: { fields: changedFields(before, after) } });
    if (after.status === 'published') emit('event.published', { eventId: id });
    return after;
  });
}

/** Cancels an event: it leaves listings and answers, and still answers by id with status `cancelled`. */
export async function cancelEvent(ctx: AppContext, id: string, by: Principal, requestId?: string): Promise<EventEditorView> {
  return ctx.transact(async (tx, emit) => {
    const [row] = await tx.update(events).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(events.id, id)).returning({ id: events.id });
    if (!row) throw new AppError('knowledge.event_not_found', `No event with id "${id}".`);
    await recordAudit(tx, actorOf(by, requestId), { action: 'update', subjectKind: 'event', subjectId: id, details: { fields: ['status'], status: 'cancelled' } });
    emit('event.cancelled', { eventId: id });
    return getEventForEditing(ctx, id, tx);
  });
}

/** Names of the fields an update changed (the audit keeps names, not values). */
function changedFields(before: EventEditorView, after: EventEditorView): string[] {
  const scalar = (['category', 'start', 'end', 'venue', 'address', 'municipio'] as const).filter((k) => before[k] !== after[k]);
  const price = before.price.amount !== after.price.amount ? ['price'] : [];
  const texts = Object.keys(after.translations).filter((l) => JSON.stringify(before.translations[l]) !== JSON.stringify(after.translations[l]));
  return [...scalar, ...price, ...texts.map((l) => `translations.${l}`)];
}
