/**
 * "What's on this weekend?": recognises, in the nine default languages, that a question asks what is
 * on (events, concerts, things to do) and which time window it means, resolved against `now` in the
 * city's time zone. Pure: no database, no clock. Rules chosen (docs/events-and-schools.md):
 * - windows are half-open [from, to) in local time; a day is 00:00–24:00, an evening 18:00–24:00;
 * - "this weekend" is Saturday 00:00 to Monday 00:00: asked on Saturday or Sunday, the weekend we are
 *   in; asked Monday–Friday, the coming one. "Next weekend" is the one after that (+7 days);
 * - weeks run Monday–Sunday (ISO 8601, as in Italy); a month or a date without a year is its next
 *   occurrence (today and the current month included);
 * - numeric dates are day/month (European order), month/day only when day/month is impossible.
 * Most of the file is the vocabulary of nine languages, kept beside the rules that read it.
 */
import { DateTime } from 'luxon';

export const DEFAULT_ZONE = 'Europe/Rome';

export type WindowKind =
  | 'date' | 'tonight' | 'today' | 'tomorrow' | 'day-after-tomorrow' | 'weekday'
  | 'this-weekend' | 'next-weekend' | 'this-week' | 'next-week' | 'this-month' | 'next-month' | 'month'
  | 'upcoming';

export interface TimeWindow {
  kind: WindowKind;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only the evening of the day(s) (18:00–24:00). */
  evening: boolean;
}

/** strong: clearly about events ("concerti"); weak: only with a time ("cosa fare" may be "what to do if…"). */
export type EventIntent = 'strong' | 'weak';

/** With a strong signal and no time expression, the question means "what's on" from now for this long. */
export const UPCOMING_DAYS = 7;

// ---------------------------------------------------------------------------------------------
// Text folding: one form for questions and patterns (accents, Arabic letter variants, digits).

/** Lower case, no diacritics (also й→и, ё→е, Arabic harakat and hamza seats), ASCII digits. */
export function foldText(text: string): string {
  return foldPattern(
    text
      .normalize('NFKC') // full-width digits and letters
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .toLowerCase(),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The folding of foldText that is safe on regular-expression source (no case change). */
function foldPattern(source: string): string {
  return source
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ـ/g, '')
    .replace(/[’‘`´ʼ]/g, "'");
}

const LEFT = '(?<![\\p{L}\\p{N}])';
const RIGHT = '(?![\\p{L}\\p{N}])';
/** Whole words of space-separated scripts (Latin, Cyrillic, Arabic): not part of a longer word. */
const w = (...alternatives: string[]) => [`${LEFT}(?:${alternatives.join('|')})${RIGHT}`];
/** Substrings: Chinese has no spaces, Arabic attaches و ف ب ل ال to the word. */
const s = (...alternatives: string[]) => alternatives;
const rx = (...parts: string[][]) => new RegExp(parts.flat().map(foldPattern).join('|'), 'u');

// ---------------------------------------------------------------------------------------------
// Vocabulary. Patterns are written lower case; foldPattern removes their accents like the text's.

const STRONG_INTENT = rx(
  w('event[io]', 'concert[io]', 'mostre', 'spettacol[io]', 'manifestazion[ei]', 'rassegn[ae]', 'mercatin[io]', 'sagr[ae]', 'fiere',
    "cosa c'? ?e di bello", 'cosa si fa', 'in programma', 'visite guidate', 'iniziative culturali'),
  w('events?', 'concerts?', 'gigs?', 'exhibitions?', 'festivals?', "what'?s on", 'what is on',
    "what'?s happening", 'things to do', 'stuff to do', 'performances?', 'christmas markets?', 'activities for kids'),
  w('evenements?', 'expositions?', 'expos', 'spectacles?', 'manifestations?', 'marches? de noel', 'sorties culturelles'),
  w('eventos?', 'conciertos?', 'exposicion(?:es)?', 'espectaculos?', 'festivales', 'mercadillos?', 'agenda cultural', 'ferias'),
  w('veranstaltung(?:en)?', 'konzerte?', 'ausstellung(?:en)?', 'auffuhrung(?:en)?', 'weihnachtsmarkt\\p{L}*', 'kulturprogramm', 'unternehmungen'),
  s('فعاليات', 'فعاليه', 'حفلات', 'حفل موسيقي', 'حفله موسيقيه', 'معارض', 'معرض فني', 'مهرجان', 'انشطه ثقافيه', 'ترفيه', 'سوق عيد الميلاد'),
  s('活动', '活動', '演出', '展览', '展覽', '音乐会', '音樂會', '演唱会', '音乐节', '电影节', '市集', '集市', '庙会', '展会', '好玩', '玩什么', '去哪[儿里]?玩', '娱乐', '节目'),
  w('мероприяти\\p{L}*', 'концерт\\p{L}*', 'выставк\\p{L}*', 'спектакл\\p{L}*', 'фестивал\\p{L}*', 'куда (?:сходить|пойти|сходит\\p{L}*)',
    'чем заняться', 'афиш\\p{L}*', 'ярмарк\\p{L}*', 'развлечени\\p{L}*'),
  w('concertos?', 'exposic(?:ao|oes)', 'espetaculos?', 'festivais', 'programacao cultural', 'o que rola', 'feiras'),
);

const WEAK_INTENT = rx(
  w("cosa c'? ?e da fare", 'cosa (?:posso |possiamo |si puo )?fare', 'che fare', 'cosa vedere', 'dove andare', 'uscire', 'divertir\\p{L}*',
    'mostra', 'teatro', 'cinema', 'fiera', 'musica'),
  w('what (?:can|could|should) (?:i|we) do', 'what to do', 'anything to do', 'where to go', 'going out', 'something fun',
    'theat(?:re|er)', 'cinema', 'movies', 'markets?', 'fairs?', 'music', 'plays', 'shows', 'exhibits'),
  w('que faire', 'quoi faire', "qu'est-ce qu'on (?:peut )?faire", 'que voir', 'sortir', 'sorties?', 'animations?', 'activites', 'theatre', 'musique'),
  w('que hacer', 'que ver', 'planes', 'actividades', 'salir', 'teatro', 'cine', 'musica'),
  w('was ist .{0,40}los', 'was kann man .{0,40}(?:machen|unternehmen)', 'was tun', 'ausgehen', 'freizeit', 'theater', 'kino', 'musik', 'markte'),
  s('ماذا (?:يمكن\\p{L}* )?(?:ان )?(?:افعل|نفعل)', 'اين اذهب', 'مسرح', 'سينما', 'عروض', 'انشطه', 'موسيقى'),
  s('做什么', '干什么', '戏剧', '话剧', '电影', '音乐'),
  w('что (?:делать|посмотреть)', 'театр\\p{L}*', 'кино', 'музык\\p{L}*'),
  w('o que fazer', 'o que ver', 'onde ir', 'aonde ir', 'passeios?', 'atividades', 'sair', 'teatro', 'cinema', 'musica'),
);

const EVENING = rx(
  w('sera', 'serata', 'evening', 'night', 'soir', 'soiree', 'nuit', 'noche', 'abend', 'abends', 'nacht', 'вечер\\p{L}*', 'ночью', 'noite'),
  s('مساء', 'ليل', '晚'),
);

const TONIGHT = rx(
  w('stasera', 'stanotte', 'questa sera', 'sta sera', 'tonight', 'tonite', 'this evening', 'ce soir', 'cette nuit', 'esta noche',
    'heute abend', 'heute nacht', 'сегодня вечером', 'сегодня ночью', 'этим вечером', 'esta noite', 'nesta noite', 'hoje a noite',
    'hoje de noite'),
  s('الليله', 'هذا المساء', 'مساء اليوم', '今晚', '今天晚上', '今夜'),
);

const DAY_AFTER_TOMORROW = rx(
  w('dopodomani', 'day after tomorrow', 'apres-demain', 'apres demain', 'pasado manana', 'ubermorgen', 'послезавтра', 'depois de amanha'),
  s('بعد غد', 'بعد الغد', '后天', '後天'),
);

const TOMORROW = rx(
  // "mañana"/"morgen" are also "morning": not after "la", "esta", "heute", "am", "guten"…
  w('domani', 'tomorrow', 'demain', '(?<!(?:la|esta|cada) )manana', '(?<!(?:heute|am|guten|jeden|den|der) )morgen', 'завтра', 'amanha'),
  s('غدا(?!ء)', 'الغد', 'بكره', '明天', '明日', '明晚'),
);

const TODAY = rx(
  w('oggi', 'today', "aujourd'hui", 'aujourd hui', 'hoy', 'heute', 'сегодня', 'hoje'),
  s('اليوم', '今天', '今日'),
);

const NEXT_WEEKEND = rx(
  w('prossim[oa] (?:week-?end|fine settimana)', '(?:week-?end|fine settimana) prossim[oa]', 'next weekend', 'week-?end prochain',
    'prochain week-?end', 'proximo fin de semana', 'fin de semana (?:que viene|proximo)', 'nachste[ns]? wochenende',
    'следующ\\p{L}* выходн\\p{L}*', 'proximo fim de semana', 'fim de semana que vem'),
  s('نهايه الاسبوع (?:القادم|المقبل)', 'عطله نهايه الاسبوع (?:القادمه|المقبله)', '下个?[周週]末', '下個[周週]末'),
);

const THIS_WEEKEND = rx(
  w('week-?end', 'fine settimana', 'fine-settimana', 'finesettimana', 'sabato e domenica', 'fin de semaine', 'fin de semana', 'finde',
    'wochenende', 'samstag und sonntag', 'выходн\\p{L}*', 'fim de semana', 'fds'),
  s('نهايه (?:هذا )?الاسبوع', 'الويكند', '[周週]末'),
);

const NEXT_WEEK = rx(
  w('prossima settimana', 'settimana prossima', 'next week', 'semaine prochaine', 'prochaine semaine', 'proxima semana', 'semana que viene',
    'semana proxima', 'nachste[nr]? woche', 'kommende[nr]? woche', 'следующ\\p{L}* недел\\p{L}*', 'semana que vem'),
  s('الاسبوع (?:القادم|المقبل)', '下个?[周週星]', '下个?礼拜', '下個?[周週星禮]'),
);

const THIS_WEEK = rx(
  w('questa settimana', 'in settimana', 'this week', 'cette semaine', 'esta semana', 'nesta semana', 'essa semana', 'nessa semana',
    'diese[rn]? woche', 'этой неделе', 'эту неделю', 'на неделе'),
  s('هذا الاسبوع', '[这這]个?[周週]', '[这這]个?星期', '[这這]个?礼拜', '本[周週]'),
);

const NEXT_MONTH = rx(
  w('prossimo mese', 'mese prossimo', 'next month', 'mois prochain', 'prochain mois', 'proximo mes', 'mes que viene', 'mes que vem',
    'nachste[nr]? monat', 'следующ\\p{L}* месяц\\p{L}*'),
  s('الشهر (?:القادم|المقبل)', '下个?月', '下個月'),
);

const THIS_MONTH = rx(
  w('questo mese', 'this month', 'ce mois(?:-ci)?', 'este mes', 'esse mes', 'neste mes', 'nesse mes', 'diese[nm] monat', 'этом месяце', 'этот месяц'),
  s('هذا الشهر', '[这這]个?月', '本月'),
);

/** Month names by number: full names (also valid alone, "a dicembre"), abbreviations only beside a day. */
const MONTHS: { full: string[]; abbr?: string[] }[] = [
  { full: ['gennaio', 'january', 'janvier', 'enero', 'januar', 'janner', 'январ\\p{L}*', 'janeiro', 'يناير', 'كانون الثاني'], abbr: ['jan', 'janv'] },
  { full: ['febbraio', 'february', 'fevrier', 'febrero', 'februar', 'феврал\\p{L}*', 'fevereiro', 'فبراير', 'شباط'], abbr: ['feb', 'fev', 'fevr'] },
  { full: ['marzo', 'mars', 'marz', 'март\\p{L}*', 'marco', 'مارس', 'اذار'], abbr: ['march', 'mar'] },
  { full: ['aprile', 'april', 'avril', 'abril', 'апрел\\p{L}*', 'ابريل', 'نيسان'], abbr: ['apr', 'avr'] },
  { full: ['maggio', 'mai', 'mayo', 'ма[йяе]', 'maio', 'مايو', 'ايار'], abbr: ['may'] },
  { full: ['giugno', 'june', 'juin', 'junio', 'juni', 'июн\\p{L}*', 'junho', 'يونيو', 'حزيران'], abbr: ['jun'] },
  { full: ['luglio', 'july', 'juillet', 'julio', 'juli', 'июл\\p{L}*', 'julho', 'يوليو', 'تموز'], abbr: ['jul', 'juil'] },
  { full: ['agosto', 'august', 'aout', 'август\\p{L}*', 'اغسطس'], abbr: ['aug'] },
  { full: ['settembre', 'september', 'septembre', 'septiembre', 'setiembre', 'сентябр\\p{L}*', 'setembro', 'سبتمبر', 'ايلول'], abbr: ['sep', 'sept', 'set'] },
  { full: ['ottobre', 'october', 'octobre', 'octubre', 'oktober', 'октябр\\p{L}*', 'outubro', 'اكتوبر', 'تشرين الاول'], abbr: ['oct', 'okt', 'out'] },
  { full: ['novembre', 'november', 'noviembre', 'ноябр\\p{L}*', 'novembro', 'نوفمبر', 'تشرين الثاني'], abbr: ['nov'] },
  { full: ['dicembre', 'december', 'decembre', 'diciembre', 'dezember', 'декабр\\p{L}*', 'dezembro', 'ديسمبر', 'كانون الاول'], abbr: ['dec', 'dic', 'dez'] },
];
const monthPatterns = MONTHS.map((m) => new RegExp(`^(?:${[...m.full, ...(m.abbr ?? [])].map(foldPattern).join('|')})$`, 'u'));
const ANY_MONTH = MONTHS.flatMap((m) => [...m.full, ...(m.abbr ?? [])]).map(foldPattern).join('|');
const FULL_MONTH = MONTHS.flatMap((m) => m.full).map(foldPattern).join('|');
const monthOf = (word: string) => monthPatterns.findIndex((p) => p.test(word)) + 1;

const DAY_SUFFIX = '(?:st|nd|rd|th|er|o|\\.)?';
const YEAR = '(?:,? (?:de )?(\\d{4}))?';
const DAY_MONTH = new RegExp(`${LEFT}(\\d{1,2})${DAY_SUFFIX}(?: de| of)? (${ANY_MONTH})${RIGHT}${YEAR}`, 'u');
const MONTH_DAY = new RegExp(`${LEFT}(${ANY_MONTH}) (\\d{1,2})(?:st|nd|rd|th)?(?!\\d)${YEAR}`, 'u');
const NUMERIC_DATE = /(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/])/u;
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u;
const ZH_NUMBER = '\\d{1,2}|[一二三四五六七八九十]{1,3}';
const ZH_DATE = new RegExp(`(?:(\\d{4})年)?(${ZH_NUMBER})月(?:(${ZH_NUMBER})[日号號])?`, 'u');
// "March" and "May" are also English words: alone they need "in" ("in May").
const MONTH_ALONE = new RegExp(`${LEFT}(${FULL_MONTH}|(?<=(?:in|during|of) )(?:march|may))${RIGHT}(?: (\\d{4}))?`, 'u');

const WEEKDAYS: string[][] = [
  ['lunedi', 'monday', 'lundi', 'lunes', 'montag', 'الاثنين', 'понедельник\\p{L}*', 'segunda(?:-| )feira'],
  ['martedi', 'tuesday', 'mardi', 'martes', 'dienstag', 'الثلاثاء', 'вторник\\p{L}*', 'terca(?:-| )feira'],
  ['mercoledi', 'wednesday', 'mercredi', 'miercoles', 'mittwoch', 'الاربعاء', 'сред[ауы]', 'quarta(?:-| )feira'],
  ['giovedi', 'thursday', 'jeudi', 'jueves', 'donnerstag', 'الخميس', 'четверг\\p{L}*', 'quinta(?:-| )feira'],
  ['venerdi', 'friday', 'vendredi', 'viernes', 'freitag', 'الجمعه', 'пятниц\\p{L}*', 'sexta(?:-| )feira'],
  ['sabato', 'saturday', 'samedi', 'sabado', 'samstag', 'sonnabend', 'السبت', 'суббот\\p{L}*'],
  ['domenica', 'sunday', 'dimanche', 'domingo', 'sonntag', 'الاحد', 'воскресень\\p{L}*'],
];
const weekdayPatterns = WEEKDAYS.map((names) => rx(w(...names)));
const ZH_WEEKDAY = /(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])/u;

/** Words that narrow a question to one category of the city's events ("concerti domani" → concert). */
const CATEGORY_WORDS: [string, RegExp][] = [
  ['concert', rx(w('concert[io]', 'concerts?', 'gigs?', 'conciertos?', 'konzert\\p{L}*', 'концерт\\p{L}*', 'concertos?'), s('حفل', '音乐会', '音樂會', '演唱会'))],
  ['exhibition', rx(w('mostr[ae]', 'exhibitions?', 'exhibits?', 'expositions?', 'expos?', 'exposicion(?:es)?', 'ausstellung(?:en)?', 'выставк\\p{L}*', 'exposic(?:ao|oes)'), s('معرض', 'معارض', '展览', '展覽'))],
  ['theatre', rx(w('teatro', 'theat(?:re|er)', 'plays', 'театр\\p{L}*', 'спектакл\\p{L}*'), s('مسرح', '戏剧', '话剧'))],
  ['cinema', rx(w('cinema', 'film', 'films', 'movies?', 'cine', 'kino', 'кино', 'фильм\\p{L}*'), s('سينما', '电影'))],
  ['fair', rx(w('mercatin[io]', 'fier[ae]', 'markets?', 'marches?', 'mercadillos?', 'ferias?', 'markte', 'weihnachtsmarkt\\p{L}*', 'ярмарк\\p{L}*', 'feiras'), s('سوق', '市集', '集市', '庙会'))],
];

/** The one event category the question names, if any. */
export function categoryOf(question: string): string | null {
  const text = foldText(question);
  const found = CATEGORY_WORDS.filter(([, pattern]) => pattern.test(text));
  return found.length === 1 ? found[0]![0] : null;
}

// ---------------------------------------------------------------------------------------------

/** Whether the question is about events and how clearly; null when it is not. */
export function eventIntent(question: string): EventIntent | null {
  const text = foldText(question);
  if (STRONG_INTENT.test(text)) return 'strong';
  if (WEAK_INTENT.test(text)) return 'weak';
  return null;
}

/** The time window a question names, resolved against `now` in `zone`; null when it names none. */
export function parseTimeWindow(question: string, now: Date, zone = DEFAULT_ZONE): TimeWindow | null {
  const text = foldText(question);
  const at = DateTime.fromJSDate(now, { zone });
  const evening = EVENING.test(text);
  const date = explicitDate(text, at);
  if (date) return dayWindow('date', date, evening);
  if (TONIGHT.test(text)) return dayWindow('tonight', at, true);
  if (DAY_AFTER_TOMORROW.test(text)) return dayWindow('day-after-tomorrow', at.plus({ days: 2 }), evening);
  if (TOMORROW.test(text)) return dayWindow('tomorrow', at.plus({ days: 1 }), evening);
  if (TODAY.test(text)) return dayWindow('today', at, evening);
  const weekdays = namedWeekdays(text);
  if (weekdays.length === 1) return dayWindow('weekday', nextWeekday(at, weekdays[0]!), evening);
  if (NEXT_WEEKEND.test(text)) return weekend('next-weekend', at, 1);
  if (THIS_WEEKEND.test(text) || (weekdays.includes(6) && weekdays.includes(7))) return weekend('this-weekend', at, 0);
  if (NEXT_WEEK.test(text)) return span('next-week', at.startOf('week').plus({ weeks: 1 }), { weeks: 1 });
  if (THIS_WEEK.test(text)) return span('this-week', at.startOf('week'), { weeks: 1 });
  if (NEXT_MONTH.test(text)) return span('next-month', at.startOf('month').plus({ months: 1 }), { months: 1 });
  if (THIS_MONTH.test(text)) return span('this-month', at.startOf('month'), { months: 1 });
  const month = namedMonth(text, at);
  if (month) return span('month', month, { months: 1 });
  return null;
}

/**
 * The window of a question about what's on; null when it is not one. A clear event question with no
 * time ("concerti a Milano") means the coming UPCOMING_DAYS days; a vague one ("cosa fare") needs a time.
 */
export function parseEventQuestion(question: string, now: Date, zone = DEFAULT_ZONE): { intent: EventIntent; window: TimeWindow } | null {
  const intent = eventIntent(question);
  if (!intent) return null;
  const window = parseTimeWindow(question, now, zone);
  if (window) return { intent, window };
  if (intent === 'weak') return null;
  const at = DateTime.fromJSDate(now, { zone });
  return { intent, window: { kind: 'upcoming', from: at.toJSDate(), to: at.plus({ days: UPCOMING_DAYS }).toJSDate(), evening: false } };
}

function dayWindow(kind: WindowKind, day: DateTime, evening: boolean): TimeWindow {
  const start = day.startOf('day');
  return { kind, from: (evening ? start.set({ hour: 18 }) : start).toJSDate(), to: start.plus({ days: 1 }).toJSDate(), evening };
}

function span(kind: WindowKind, start: DateTime, length: { weeks?: number; months?: number }): TimeWindow {
  return { kind, from: start.toJSDate(), to: start.plus(length).toJSDate(), evening: false };
}

function weekend(kind: WindowKind, at: DateTime, weeksAhead: number): TimeWindow {
  const today = at.startOf('day');
  // Saturday (6) or Sunday (7): the weekend we are in; Monday–Friday: the coming one.
  const saturday = at.weekday >= 6 ? today.minus({ days: at.weekday - 6 }) : today.plus({ days: 6 - at.weekday });
  const start = saturday.plus({ weeks: weeksAhead });
  return { kind, from: start.toJSDate(), to: start.plus({ days: 2 }).toJSDate(), evening: false };
}

function namedWeekdays(text: string): number[] {
  const found = new Set<number>();
  weekdayPatterns.forEach((p, i) => {
    if (p.test(text)) found.add(i + 1);
  });
  const zh = ZH_WEEKDAY.exec(text);
  if (zh) found.add('一二三四五六'.indexOf(zh[1]!) + 1 || 7);
  return [...found];
}

/** The next day with this ISO weekday (1 = Monday), today included. */
function nextWeekday(at: DateTime, weekday: number): DateTime {
  return at.plus({ days: (weekday - at.weekday + 7) % 7 });
}

function zhNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (c: string | undefined) => (c ? '一二三四五六七八九'.indexOf(c) + 1 : 0);
  const [tens = '', ones] = text.split('十');
  if (!text.includes('十')) return digit(tens);
  return (tens ? digit(tens) : 1) * 10 + digit(ones || undefined);
}

/** A calendar date the text names, as the next such day from `at` when it has no year. */
function explicitDate(text: string, at: DateTime): DateTime | null {
  let m: RegExpExecArray | null;
  if ((m = ISO_DATE.exec(text))) return calendarDay(at, Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = DAY_MONTH.exec(text))) return calendarDay(at, Number(m[1]), monthOf(m[2]!), m[3] ? Number(m[3]) : undefined);
  if ((m = MONTH_DAY.exec(text))) return calendarDay(at, Number(m[2]), monthOf(m[1]!), m[3] ? Number(m[3]) : undefined);
  if ((m = ZH_DATE.exec(text)) && m[3]) return calendarDay(at, zhNumber(m[3]), zhNumber(m[2]!), m[1] ? Number(m[1]) : undefined);
  if ((m = NUMERIC_DATE.exec(text))) {
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : undefined;
    return calendarDay(at, Number(m[1]), Number(m[2]), year) ?? calendarDay(at, Number(m[2]), Number(m[1]), year);
  }
  return null;
}

function calendarDay(at: DateTime, day: number, month: number, year?: number): DateTime | null {
  const make = (y: number) => DateTime.fromObject({ year: y, month, day }, { zone: at.zone });
  if (year !== undefined) {
    const d = make(year);
    return d.isValid ? d : null;
  }
  // The next occurrence: this year's unless it is already past (29 February looks up to 8 years ahead).
  for (let y = at.year; y <= at.year + 8; y++) {
    const d = make(y);
    if (d.isValid && d >= at.startOf('day')) return d;
  }
  return null;
}

function namedMonth(text: string, at: DateTime): DateTime | null {
  const zh = ZH_DATE.exec(text);
  let month = 0;
  let year: number | undefined;
  if (zh) {
    month = zhNumber(zh[2]!);
    year = zh[1] ? Number(zh[1]) : undefined;
  } else {
    const m = MONTH_ALONE.exec(text);
    if (!m) return null;
    month = monthOf(m[1]!);
    year = m[2] ? Number(m[2]) : undefined;
  }
  if (month < 1 || month > 12) return null;
  const y = year ?? (month >= at.month ? at.year : at.year + 1);
  return DateTime.fromObject({ year: y, month, day: 1 }, { zone: at.zone });
}

// ---------------------------------------------------------------------------------------------
// Local date-times of the city's data and editors ("2026-12-07T18:00", no offset).

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time in `zone` as an instant, or null when it is malformed or does not exist (the
 * hour skipped when clocks go forward in March). A time that occurs twice (the hour repeated in
 * October) is its first occurrence, in summer time, as Temporal's 'compatible' disambiguation does.
 */
export function parseLocalDateTime(value: string, zone = DEFAULT_ZONE): DateTime | null {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const d = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  if (!d.isValid || d.hour !== hour || d.minute !== minute || d.day !== day) return null;
  const earlier = d.minus({ hours: 1 });
  return earlier.hour === d.hour && earlier.minute === d.minute && earlier.day === d.day ? earlier : d;
}

const HAS_OFFSET = /(?:z|[+-]\d{2}:?\d{2})$/i;

/** An ISO date-time with an offset ("…+01:00", "…Z"), or a local one in `zone`; null when invalid. */
export function parseInstant(value: string, zone = DEFAULT_ZONE): DateTime | null {
  if (!HAS_OFFSET.test(value)) return parseLocalDateTime(value, zone);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = DateTime.fromISO(value, { zone });
  return d.isValid ? d : null;
}

/** An instant as ISO 8601 with the zone's offset, e.g. 2026-12-07T18:00:00+01:00. */
export function isoInZone(instant: Date, zone = DEFAULT_ZONE): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true })!;
}
