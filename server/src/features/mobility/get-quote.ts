/**
 * The quote use-case: the engine (quote.ts) over the cached rules and the directory's holiday
 * calendar, with the reason told in the caller's language.
 */
import type { AppContext } from '../../platform/context';
import type { LanguageCode } from '../../platform/i18n/languages';
import { holidayCalendar } from '../directory';
import { quote, type Money, type Quote, type QuoteEnvironment, type QuoteRequest } from './quote';
import type { Scheme } from './rules-schema';
import { ruleSet } from './rule-store';

export interface QuoteView extends Omit<Quote, 'reasonParams'> {
  /** The reason in `language`; `reasonCode` is the stable code clients branch on. */
  reason: string;
  language: LanguageCode;
}

// Building an Intl formatter costs far more than using one: one per language, kept.
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€7.50" in the language's own way of writing money. */
export function formatMoney(amountCents: number, lang: LanguageCode): string {
  let format = moneyFormats.get(lang);
  if (!format) moneyFormats.set(lang, (format = new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' })));
  return format.format(amountCents / 100);
}

export function reasonText(ctx: AppContext, q: Pick<Quote, 'reasonCode' | 'reasonParams'>, lang: LanguageCode): string {
  const params: Record<string, string | number> = { ...q.reasonParams };
  if (typeof params.amount === 'number') params.amount = formatMoney(params.amount, lang);
  return ctx.i18n.t(lang, `mobility.reason.${q.reasonCode}`, params);
}

/**
 * What the engine needs for a scheme, from the caches. Load it BEFORE opening a transaction: on
 * PGlite (one session) a cache reload from inside a transaction would wait for that transaction.
 */
export async function quoteEnvironment(ctx: AppContext, scheme: Scheme): Promise<QuoteEnvironment> {
  const [rules, calendar] = await Promise.all([ruleSet(ctx), holidayCalendar(ctx)]);
  return { versions: rules.get(scheme) ?? [], isHoliday: (d) => calendar.isHoliday(d), zone: ctx.city.timezone };
}

export async function computeQuote(ctx: AppContext, req: QuoteRequest): Promise<Quote> {
  return quote(req, await quoteEnvironment(ctx, req.scheme));
}

export async function getQuote(ctx: AppContext, req: QuoteRequest, lang: LanguageCode): Promise<QuoteView> {
  const q = await computeQuote(ctx, req);
  const { reasonParams: _params, ...rest } = q;
  return { ...rest, reason: reasonText(ctx, q, lang), language: lang };
}

export type { Money };
