import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { categoryOf, eventIntent, foldText, isoInZone, parseEventQuestion, parseInstant, parseLocalDateTime, parseTimeWindow } from './date-expressions';

const ZONE = 'Europe/Rome';
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mmZZ");

// The moments questions are asked at.
const WEDNESDAY = at('2026-12-02T10:00');
const SATURDAY_EVENING = at('2026-12-05T20:30');
const SUNDAY = at('2026-12-06T11:00');
const YEAR_END = at('2026-12-30T15:00'); // a Wednesday
const MONTH_END = at('2027-01-31T10:00'); // a Sunday

/** [kind, from, to] of the question's window, in local time with offset; null when there is none. */
function windowOf(question: string, now: Date) {
  const parsed = parseEventQuestion(question, now, ZONE);
  return parsed && [parsed.window.kind, fmt(parsed.window.from), fmt(parsed.window.to)];
}

function expectAll(phrases: Record<string, string[]>, now: Date, expected: [string, string, string]) {
  for (const [lang, list] of Object.entries(phrases)) {
    for (const phrase of list) expect(windowOf(phrase, now), `${lang}: ${phrase}`).toEqual(expected);
  }
}

describe('this weekend, in every language', () => {
  const phrases = {
    it: ["cosa c'è da fare questo weekend a Milano", 'eventi nel fine settimana', 'concerti sabato e domenica', 'che mostre ci sono questo week-end?', 'cosa ce da fare sto weekend'],
    en: ["what's on this weekend", 'things to do this weekend in Milan', 'any concerts at the weekend?', 'Events on the weekend'],
    fr: ['que faire ce week-end à Milan', 'quels événements ce weekend ?', 'concerts ce week-end'],
    es: ['qué hacer este fin de semana', 'eventos el fin de semana en Milán', 'conciertos este finde', 'que hacer este fin de semana'],
    de: ['was ist am Wochenende los', 'Veranstaltungen dieses Wochenende', 'Konzerte am Wochenende in Mailand'],
    ar: ['ما هي الفعاليات في نهاية هذا الأسبوع', 'فعاليات عطلة نهاية الأسبوع في ميلانو', 'حفلات موسيقية في نهاية الأسبوع'],
    zh: ['这个周末米兰有什么活动', '周末有什么演出', '本周末有什么展览'],
    ru: ['куда сходить в эти выходные', 'мероприятия на выходных в Милане', 'какие концерты в выходные'],
    pt: ['o que fazer neste fim de semana', 'eventos no fim de semana em Milão', 'shows neste fim de semana'],
  };

  it('asked on a Wednesday: the coming Saturday 00:00 to Monday 00:00', () => {
    expectAll(phrases, WEDNESDAY, ['this-weekend', '2026-12-05T00:00+01:00', '2026-12-07T00:00+01:00']);
  });
  it('asked on a Saturday evening or a Sunday: the weekend we are in', () => {
    expectAll(phrases, SATURDAY_EVENING, ['this-weekend', '2026-12-05T00:00+01:00', '2026-12-07T00:00+01:00']);
    expectAll(phrases, SUNDAY, ['this-weekend', '2026-12-05T00:00+01:00', '2026-12-07T00:00+01:00']);
  });
  it('asked at the end of a year: the first weekend of the next', () => {
    expectAll(phrases, YEAR_END, ['this-weekend', '2027-01-02T00:00+01:00', '2027-01-04T00:00+01:00']);
  });
  it('asked at the end of a month: Saturday 30 January to Monday 1 February', () => {
    expectAll({ it: ['eventi questo weekend'] }, MONTH_END, ['this-weekend', '2027-01-30T00:00+01:00', '2027-02-01T00:00+01:00']);
  });
  it('spans the change to summer time (47 hours, offsets +01:00 then +02:00)', () => {
    expect(windowOf('eventi questo weekend', at('2027-03-24T09:00'))).toEqual(['this-weekend', '2027-03-27T00:00+01:00', '2027-03-29T00:00+02:00']);
  });
  it('asked on a Friday evening: still the coming weekend', () => {
    expect(windowOf("what's on this weekend", at('2026-12-04T21:00'))).toEqual(['this-weekend', '2026-12-05T00:00+01:00', '2026-12-07T00:00+01:00']);
  });
});

describe('next weekend', () => {
  const phrases = {
    it: ['eventi il prossimo weekend', 'concerti il fine settimana prossimo'],
    en: ["what's on next weekend"],
    fr: ['que faire le week-end prochain'],
    es: ['eventos el próximo fin de semana', 'qué hacer el fin de semana que viene'],
    de: ['Veranstaltungen nächstes Wochenende'],
    ar: ['فعاليات نهاية الأسبوع القادم'],
    zh: ['下周末有什么活动', '下个周末有什么演出'],
    ru: ['куда сходить в следующие выходные'],
    pt: ['eventos no próximo fim de semana', 'o que fazer no fim de semana que vem'],
  };
  it('is the weekend after this weekend, whatever day it is asked', () => {
    for (const now of [WEDNESDAY, SATURDAY_EVENING, SUNDAY]) expectAll(phrases, now, ['next-weekend', '2026-12-12T00:00+01:00', '2026-12-14T00:00+01:00']);
    expectAll(phrases, YEAR_END, ['next-weekend', '2027-01-09T00:00+01:00', '2027-01-11T00:00+01:00']);
  });
});

describe('days: today, tonight, tomorrow, the day after', () => {
  it('tomorrow is the next local day, across month and year ends', () => {
    const phrases = {
      it: ['concerti domani'], en: ['events tomorrow'], fr: ['que faire demain'], es: ['qué hacer mañana'], de: ['Veranstaltungen morgen'],
      ar: ['فعاليات غداً', 'فعاليات غدا'], zh: ['明天有什么活动'], ru: ['куда сходить завтра'], pt: ['o que fazer amanhã'],
    };
    expectAll(phrases, WEDNESDAY, ['tomorrow', '2026-12-03T00:00+01:00', '2026-12-04T00:00+01:00']);
    expectAll(phrases, YEAR_END, ['tomorrow', '2026-12-31T00:00+01:00', '2027-01-01T00:00+01:00']);
    expectAll(phrases, MONTH_END, ['tomorrow', '2027-02-01T00:00+01:00', '2027-02-02T00:00+01:00']);
  });

  it('tomorrow evening is 18:00 to midnight of the next day', () => {
    const phrases = {
      it: ['concerti domani sera'], en: ['concerts tomorrow night', 'events tomorrow evening'], fr: ['concerts demain soir'],
      es: ['conciertos mañana por la noche'], de: ['Konzerte morgen Abend'], ar: ['حفلات غدا مساء'], zh: ['明天晚上有什么演出', '明晚有什么演出'],
      ru: ['концерты завтра вечером'], pt: ['shows amanhã à noite'],
    };
    expectAll(phrases, WEDNESDAY, ['tomorrow', '2026-12-03T18:00+01:00', '2026-12-04T00:00+01:00']);
  });

  it('tonight is today from 18:00', () => {
    const phrases = {
      it: ['eventi stasera', 'cosa fare questa sera'], en: ["what's on tonight"], fr: ['que faire ce soir'], es: ['qué hacer esta noche'],
      de: ['was ist heute Abend los'], ar: ['فعاليات الليلة'], zh: ['今晚有什么演出'], ru: ['куда сходить сегодня вечером'], pt: ['o que fazer hoje à noite'],
    };
    expectAll(phrases, SATURDAY_EVENING, ['tonight', '2026-12-05T18:00+01:00', '2026-12-06T00:00+01:00']);
  });

  it('today is the whole local day', () => {
    const phrases = {
      it: ['eventi oggi'], en: ['events today'], fr: ["événements aujourd'hui", 'evenements aujourd’hui'], es: ['eventos hoy'], de: ['Veranstaltungen heute'],
      ar: ['فعاليات اليوم'], zh: ['今天有什么活动'], ru: ['мероприятия сегодня'], pt: ['eventos hoje'],
    };
    expectAll(phrases, SUNDAY, ['today', '2026-12-06T00:00+01:00', '2026-12-07T00:00+01:00']);
  });

  it('the day after tomorrow is not tomorrow', () => {
    for (const q of ['eventi dopodomani', 'events the day after tomorrow', 'que faire après-demain', 'eventos pasado mañana', 'Veranstaltungen übermorgen', 'فعاليات بعد غد', '后天有什么活动', 'мероприятия послезавтра', 'eventos depois de amanhã']) {
      expect(windowOf(q, WEDNESDAY), q).toEqual(['day-after-tomorrow', '2026-12-04T00:00+01:00', '2026-12-05T00:00+01:00']);
    }
  });

  it('"morning" is not "tomorrow" (mañana, Morgen)', () => {
    expect(windowOf('eventos esta mañana', WEDNESDAY)?.[0]).not.toBe('tomorrow');
    expect(windowOf('Veranstaltungen heute Morgen', WEDNESDAY)?.[0]).toBe('today');
    expect(windowOf('eventos mañana por la mañana', WEDNESDAY)?.[0]).toBe('tomorrow');
  });

  it('a weekday is its next occurrence, today included', () => {
    expect(windowOf('concerti sabato sera', WEDNESDAY)).toEqual(['weekday', '2026-12-05T18:00+01:00', '2026-12-06T00:00+01:00']);
    expect(windowOf('concerti sabato sera', SATURDAY_EVENING)).toEqual(['weekday', '2026-12-05T18:00+01:00', '2026-12-06T00:00+01:00']);
    expect(windowOf('concerts on Saturday', SUNDAY)).toEqual(['weekday', '2026-12-12T00:00+01:00', '2026-12-13T00:00+01:00']);
    expect(windowOf('周六有什么活动', WEDNESDAY)).toEqual(['weekday', '2026-12-05T00:00+01:00', '2026-12-06T00:00+01:00']);
    expect(windowOf('куда сходить в пятницу', YEAR_END)).toEqual(['weekday', '2027-01-01T00:00+01:00', '2027-01-02T00:00+01:00']);
    expect(windowOf('eventos no domingo', WEDNESDAY)).toEqual(['weekday', '2026-12-06T00:00+01:00', '2026-12-07T00:00+01:00']);
  });
});

describe('weeks and months', () => {
  it('this week is Monday to Monday (ISO weeks), across the year end', () => {
    const phrases = {
      it: ['eventi questa settimana'], en: ['events this week'], fr: ['événements cette semaine'], es: ['eventos esta semana'], de: ['Veranstaltungen diese Woche'],
      ar: ['فعاليات هذا الأسبوع'], zh: ['这周有什么活动', '本周有什么活动'], ru: ['мероприятия на этой неделе'], pt: ['eventos nesta semana'],
    };
    expectAll(phrases, WEDNESDAY, ['this-week', '2026-11-30T00:00+01:00', '2026-12-07T00:00+01:00']);
    expectAll(phrases, SUNDAY, ['this-week', '2026-11-30T00:00+01:00', '2026-12-07T00:00+01:00']);
    expectAll(phrases, YEAR_END, ['this-week', '2026-12-28T00:00+01:00', '2027-01-04T00:00+01:00']);
  });

  it('next week is the following Monday to Monday', () => {
    const phrases = {
      it: ['eventi la prossima settimana', 'concerti settimana prossima'], en: ['events next week'], fr: ['événements la semaine prochaine'],
      es: ['eventos la próxima semana', 'eventos la semana que viene'], de: ['Veranstaltungen nächste Woche'], ar: ['فعاليات الأسبوع القادم'],
      zh: ['下周有什么活动'], ru: ['мероприятия на следующей неделе'], pt: ['eventos na próxima semana', 'eventos semana que vem'],
    };
    expectAll(phrases, WEDNESDAY, ['next-week', '2026-12-07T00:00+01:00', '2026-12-14T00:00+01:00']);
    expectAll(phrases, YEAR_END, ['next-week', '2027-01-04T00:00+01:00', '2027-01-11T00:00+01:00']);
  });

  it('this month and next month are calendar months', () => {
    const thisMonth = {
      it: ['mostre questo mese'], en: ['exhibitions this month'], fr: ['expositions ce mois-ci'], es: ['exposiciones este mes'], de: ['Ausstellungen diesen Monat'],
      ar: ['معارض هذا الشهر'], zh: ['这个月有什么展览'], ru: ['выставки в этом месяце'], pt: ['exposições este mês'],
    };
    const nextMonth = {
      it: ['mostre il prossimo mese'], en: ['exhibitions next month'], fr: ['expositions le mois prochain'], es: ['exposiciones el próximo mes'],
      de: ['Ausstellungen nächsten Monat'], ar: ['معارض الشهر القادم'], zh: ['下个月有什么展览'], ru: ['выставки в следующем месяце'], pt: ['exposições no próximo mês'],
    };
    expectAll(thisMonth, YEAR_END, ['this-month', '2026-12-01T00:00+01:00', '2027-01-01T00:00+01:00']);
    expectAll(nextMonth, YEAR_END, ['next-month', '2027-01-01T00:00+01:00', '2027-02-01T00:00+01:00']);
    expectAll(nextMonth, MONTH_END, ['next-month', '2027-02-01T00:00+01:00', '2027-03-01T00:00+01:00']);
  });

  it('a named month is its next occurrence (the current one included)', () => {
    const december = {
      it: ['mostre a dicembre'], en: ['exhibitions in December'], fr: ['expositions en décembre'], es: ['exposiciones en diciembre'], de: ['Ausstellungen im Dezember'],
      ar: ['معارض في ديسمبر', 'معارض في كانون الأول'], zh: ['十二月有什么展览', '12月有什么展览'], ru: ['выставки в декабре'], pt: ['exposições em dezembro'],
    };
    expectAll(december, WEDNESDAY, ['month', '2026-12-01T00:00+01:00', '2027-01-01T00:00+01:00']);
    expectAll(december, MONTH_END, ['month', '2027-12-01T00:00+01:00', '2028-01-01T00:00+01:00']);
    expect(windowOf('concerti a gennaio', YEAR_END)).toEqual(['month', '2027-01-01T00:00+01:00', '2027-02-01T00:00+01:00']);
    expect(windowOf('concerti a marzo 2028', YEAR_END)).toEqual(['month', '2028-03-01T00:00+01:00', '2028-04-01T00:00+02:00']);
    expect(windowOf('concerts in May', YEAR_END)).toEqual(['month', '2027-05-01T00:00+02:00', '2027-06-01T00:00+02:00']);
  });
});

describe('explicit dates', () => {
  const seventh = {
    it: ['eventi il 7 dicembre', 'cosa fare il 7 dicembre'], en: ['events on December 7', 'events on 7th December', 'concerts Dec 7th'],
    fr: ['événements le 7 décembre'], es: ['eventos el 7 de diciembre'], de: ['Veranstaltungen am 7. Dezember'], ar: ['فعاليات 7 ديسمبر', 'فعاليات ٧ ديسمبر'],
    zh: ['12月7日有什么活动', '十二月七号有什么活动'], ru: ['мероприятия 7 декабря'], pt: ['eventos dia 7 de dezembro'],
  };
  it('a day and month is the next such day', () => {
    expectAll(seventh, WEDNESDAY, ['date', '2026-12-07T00:00+01:00', '2026-12-08T00:00+01:00']);
    expectAll(seventh, at('2026-12-07T09:00'), ['date', '2026-12-07T00:00+01:00', '2026-12-08T00:00+01:00']);
    expectAll(seventh, YEAR_END, ['date', '2027-12-07T00:00+01:00', '2027-12-08T00:00+01:00']);
  });
  it('numeric dates are day/month, with an optional year', () => {
    expect(windowOf('eventi il 12/12', WEDNESDAY)).toEqual(['date', '2026-12-12T00:00+01:00', '2026-12-13T00:00+01:00']);
    expect(windowOf('eventi il 3/1', YEAR_END)).toEqual(['date', '2027-01-03T00:00+01:00', '2027-01-04T00:00+01:00']);
    expect(windowOf('Veranstaltungen am 12.12.2027', WEDNESDAY)).toEqual(['date', '2027-12-12T00:00+01:00', '2027-12-13T00:00+01:00']);
    expect(windowOf('events on 2027-01-06', WEDNESDAY)).toEqual(['date', '2027-01-06T00:00+01:00', '2027-01-07T00:00+01:00']);
    // 12/25 has no month 25: read as month/day.
    expect(windowOf('events on 12/25', WEDNESDAY)).toEqual(['date', '2026-12-25T00:00+01:00', '2026-12-26T00:00+01:00']);
  });
  it('an explicit year wins, an impossible date is no date', () => {
    expect(windowOf('eventos el 7 de diciembre de 2027', WEDNESDAY)).toEqual(['date', '2027-12-07T00:00+01:00', '2027-12-08T00:00+01:00']);
    expect(windowOf('concerti il 31 febbraio', WEDNESDAY)?.[0]).not.toBe('date');
    expect(windowOf('concerti alle 21.30', WEDNESDAY)?.[0]).not.toBe('date');
  });
  it('an evening on a date is 18:00 to midnight', () => {
    expect(windowOf('concerti il 12/12 sera', WEDNESDAY)).toEqual(['date', '2026-12-12T18:00+01:00', '2026-12-13T00:00+01:00']);
  });
});

describe('whether a question is about events at all', () => {
  it('service questions, even with a time in them, are not', () => {
    for (const q of [
      'orari anagrafe domani', "ho perso la carta d'identità cosa fare", 'what to do if I lost my ID card', 'que faire si je perds ma carte', 'TARI scadenza dicembre',
      'come pagare una multa', 'office opening hours this weekend', '明天身份证办理', 'паспорт завтра', 'مواعيد المكتب غدا', 'Wann ist das Bürgeramt morgen offen?',
      'horario de la oficina mañana', 'qual o horário do cartório amanhã', 'my TARI bill shows two payments',
    ]) {
      expect(parseEventQuestion(q, WEDNESDAY, ZONE), q).toBeNull();
    }
  });

  it('clear event words without a time mean the coming seven days', () => {
    for (const q of ['eventi a Milano', 'concerts in Milan', '活动', 'мероприятия в Милане', 'فعاليات في ميلانو']) {
      expect(windowOf(q, WEDNESDAY), q).toEqual(['upcoming', '2026-12-02T10:00+01:00', '2026-12-09T10:00+01:00']);
    }
  });

  it('vague words need a time ("cosa fare" may be "what to do if…")', () => {
    expect(eventIntent('cosa fare')).toBe('weak');
    expect(parseEventQuestion('cosa fare a Milano', WEDNESDAY, ZONE)).toBeNull();
    expect(eventIntent('concerti')).toBe('strong');
    expect(eventIntent('rinnovo carta identità')).toBeNull();
  });

  it('a time alone is not a question about events', () => {
    expect(parseTimeWindow('domani', WEDNESDAY, ZONE)?.kind).toBe('tomorrow');
    expect(parseEventQuestion('domani', WEDNESDAY, ZONE)).toBeNull();
  });
});

describe('event categories named in a question', () => {
  it('finds the one category a question names, none when it names two or none', () => {
    expect(categoryOf('concerti domani sera')).toBe('concert');
    expect(categoryOf('mostre a dicembre')).toBe('exhibition');
    expect(categoryOf('выставки в декабре')).toBe('exhibition');
    expect(categoryOf('今晚有什么演唱会')).toBe('concert');
    expect(categoryOf('Weihnachtsmarkt am Wochenende')).toBe('fair');
    expect(categoryOf("what's on this weekend")).toBeNull();
    expect(categoryOf('concerti e mostre')).toBeNull();
  });
});

describe('local date-times of the data', () => {
  it('read a wall-clock time in Europe/Rome', () => {
    expect(parseLocalDateTime('2026-12-04T10:00')?.toISO()).toBe('2026-12-04T10:00:00.000+01:00');
    expect(parseLocalDateTime('2027-06-24T21:30')?.toISO()).toBe('2027-06-24T21:30:00.000+02:00');
  });
  it('take the first occurrence of the hour repeated in October (summer time)', () => {
    expect(parseLocalDateTime('2026-10-25T02:30')?.toISO()).toBe('2026-10-25T02:30:00.000+02:00');
  });
  it('refuse the hour skipped in March, impossible dates and other shapes', () => {
    for (const bad of ['2027-03-28T02:30', '2026-02-30T10:00', '2026-12-04T24:00', '2026-13-01T10:00', '2026-12-04', '4/12/2026 10:00', '']) {
      expect(parseLocalDateTime(bad), bad).toBeNull();
    }
  });
  it('accept ISO instants with an offset as well', () => {
    expect(parseInstant('2026-12-04T09:00:00Z')?.toUTC().toISO()).toBe('2026-12-04T09:00:00.000Z');
    expect(parseInstant('2026-12-04T10:00+01:00')?.toUTC().toISO()).toBe('2026-12-04T09:00:00.000Z');
    expect(parseInstant('tomorrow+01:00')).toBeNull();
  });
  it('print instants with the local offset', () => {
    expect(isoInZone(new Date('2026-12-04T09:00:00Z'))).toBe('2026-12-04T10:00:00+01:00');
    expect(isoInZone(new Date('2027-06-24T19:30:00Z'))).toBe('2027-06-24T21:30:00+02:00');
  });
});

describe('text folding', () => {
  it('removes accents and harakat, unifies letters and digits', () => {
    expect(foldText('Événements  À  MILAN')).toBe('evenements a milan');
    expect(foldText('غداً ٧')).toBe('غدا 7');
    expect(foldText('Ёлка в субботу')).toBe('елка в субботу');
    expect(foldText('１２月')).toBe('12月');
  });
});
