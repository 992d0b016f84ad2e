import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { directorySnapshot, type DirectorySnapshot, type OfficeSchedule } from './directory-cache';
import { pickName } from './language';
import { addDays, formatInstant, instantToLocal } from './local-time';
import { computeOpeningStatus, openingIntervals, type ExceptionReason, type OpeningCause } from './opening-status';
import type { WeeklySchedule } from './time-ranges';

export type ReasonCode = 'holiday' | ExceptionReason | 'outside_hours';

/** The answer of GET /offices/:slug/opening (api-contract.md "Directory"), plus `reasonCode` and `at`. */
export interface OpeningView {
  open: boolean;
  closesAt?: string;
  opensAt?: string;
  /** Localized: the holiday's name, the exception's kind (and its note), or "outside opening hours". */
  reason?: string;
  reasonCode?: ReasonCode;
  /** The instant the answer is for, in local time. */
  at: string;
}

function describeCause(ctx: AppContext, cause: OpeningCause, lang: LanguageCode): { reason: string; reasonCode: ReasonCode } {
  switch (cause.kind) {
    case 'holiday':
      return { reason: pickName(cause.holiday.names, lang, ctx.city.defaultLanguage), reasonCode: 'holiday' };
    case 'exception': {
      const label = ctx.i18n.t(lang, `directory.reason.${cause.exception.reason}`);
      // Notes are the editor's own words (the city's language): shown after the translated kind.
      const reason = cause.exception.note ? ctx.i18n.t(lang, 'directory.reason.with_note', { reason: label, note: cause.exception.note }) : label;
      return { reason, reasonCode: cause.exception.reason };
    }
    case 'outside_hours':
      return { reason: ctx.i18n.t(lang, 'directory.reason.outside_hours'), reasonCode: 'outside_hours' };
  }
}

/** Status of a loaded office schedule; shared by the single-office endpoint and the office list. */
export function statusOf(ctx: AppContext, snapshot: DirectorySnapshot, office: OfficeSchedule, atMs: number, lang: LanguageCode): OpeningView {
  const zone = ctx.city.timezone;
  const status = computeOpeningStatus(office.weekly, office.exceptions, snapshot.calendar, atMs, { zone });
  const cause = status.cause ? describeCause(ctx, status.cause, lang) : {};
  if (status.open) return { open: true, ...(status.closesAt ? { closesAt: status.closesAt } : {}), ...cause, at: formatInstant(atMs, zone) };
  return { open: false, ...(status.opensAt ? { opensAt: status.opensAt } : {}), ...cause, at: formatInstant(atMs, zone) };
}

async function scheduleOf(ctx: AppContext, slug: string): Promise<{ snapshot: DirectorySnapshot; office: OfficeSchedule }> {
  const snapshot = await directorySnapshot(ctx);
  const office = snapshot.offices.get(slug);
  if (!office) throw new AppError('directory.office_not_found', `No office with slug "${slug.slice(0, 80)}".`);
  return { snapshot, office };
}

/** Open or closed at `at`, with the closing or next opening time in the city's zone. */
export async function openingStatus(ctx: AppContext, officeSlug: string, at: Date = new Date(), lang: LanguageCode = ctx.city.defaultLanguage): Promise<OpeningView> {
  const { snapshot, office } = await scheduleOf(ctx, officeSlug);
  return statusOf(ctx, snapshot, office, at.getTime(), lang);
}

/** The office's weekly ranges (index 0 Monday), without exceptions or holidays. */
export async function weeklyHours(ctx: AppContext, officeSlug: string): Promise<WeeklySchedule> {
  return (await scheduleOf(ctx, officeSlug)).office.weekly;
}

export interface OpeningInterval {
  start: string;
  end: string;
}

/**
 * The office's openings on the local dates `from`..`to` (inclusive, at most 400 days), holidays and
 * exceptions applied, as ISO instants with offset: what appointment slots are cut from.
 */
export async function officeOpeningIntervals(ctx: AppContext, officeSlug: string, from: string, to: string): Promise<OpeningInterval[]> {
  const { snapshot, office } = await scheduleOf(ctx, officeSlug);
  const zone = ctx.city.timezone;
  const last = to < addDays(from, 400) ? to : addDays(from, 400);
  const out: OpeningInterval[] = [];
  for (const i of openingIntervals(office.weekly, office.exceptions, snapshot.calendar, from, last, zone)) {
    out.push({ start: formatInstant(i.start, zone), end: formatInstant(i.end, zone) });
  }
  return out;
}

/** Today's local date in the city (for "upcoming" lists). */
export function todayIn(ctx: AppContext, now = Date.now()): string {
  return instantToLocal(now, ctx.city.timezone).date;
}
