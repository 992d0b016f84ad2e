import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { directorySnapshot } from './directory-cache';
import type { Holiday, HolidayCalendar } from './holiday-calendar';
import { pickName } from './language';

/**
 * The city's holiday calendar for other features (routing business hours, appointment slots,
 * payment deadlines that move to the next working day). Dates are local "YYYY-MM-DD".
 */
export async function holidayCalendar(ctx: AppContext): Promise<HolidayCalendar> {
  return (await directorySnapshot(ctx)).calendar;
}

export async function isHoliday(ctx: AppContext, date: string): Promise<boolean> {
  return (await holidayCalendar(ctx)).isHoliday(date);
}

export async function holidaysBetween(ctx: AppContext, from: string, to: string): Promise<Holiday[]> {
  return (await holidayCalendar(ctx)).between(from, to);
}

export interface HolidayView {
  date: string;
  key: string;
  name: string;
  scope: 'national' | 'city';
}

export async function listHolidays(ctx: AppContext, year: number, lang: LanguageCode): Promise<HolidayView[]> {
  const list = await holidaysBetween(ctx, `${year}-01-01`, `${year}-12-31`);
  return list.map((h) => ({ date: h.date, key: h.key, name: pickName(h.names, lang, ctx.city.defaultLanguage), scope: h.scope }));
}
