/**
 * For the phone line and the chat assistant: "how much is Area C for my car today?", answered as a
 * quote and one sentence in the caller's language (DESIGN.md, "Self-service first").
 */
import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { instantToLocal } from '../directory';
import { getQuote, type QuoteView } from './get-quote';
import type { Vehicle } from './quote';
import type { Permit } from './rules-schema';

export interface AreaCTodayInput {
  vehicle: Vehicle;
  resident?: boolean;
  permits?: Permit[];
  lang: LanguageCode;
  /** Default: now. */
  at?: Date;
}

export async function areaCChargeToday(ctx: AppContext, input: AreaCTodayInput): Promise<{ quote: QuoteView; text: string }> {
  const zone = ctx.city.timezone;
  const { date, minutes } = instantToLocal((input.at ?? new Date()).getTime(), zone);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const quote = await getQuote(ctx, { scheme: 'area-c', date, time, vehicle: input.vehicle, resident: input.resident, permits: input.permits }, input.lang);
  let text = quote.reason;
  if (quote.payBy) {
    // "24:00 of the day after": say the day, which is how the city words the deadline.
    const payDay = new Date(Date.parse(quote.payBy) - 1);
    const day = new Intl.DateTimeFormat(input.lang, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(payDay);
    text += ` ${ctx.i18n.t(input.lang, 'mobility.text.pay_by', { day })}`;
  }
  return { quote, text };
}
