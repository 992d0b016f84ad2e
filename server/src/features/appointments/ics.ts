import { DateTime } from 'luxon';

/**
 * iCalendar (RFC 5545) for one appointment: the attachment of the confirmation and the file served
 * at /appointments/:id/calendar.ics. Written by hand because it is small and must be exact:
 * CRLF line ends (§3.1), lines folded at 75 octets without splitting a UTF-8 character (§3.1),
 * TEXT values escaped (§3.3.11: backslash, semicolon, comma, newline), DTSTAMP in UTC (§3.8.7.2),
 * DTSTART/DTEND as local times with TZID and a VTIMEZONE for Europe/Rome (§3.6.5), else in UTC.
 */
export interface CalendarEvent {
  /** Globally unique and stable across updates (§3.8.4.7), e.g. `<appointment id>@<host>`. */
  uid: string;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description?: string;
  /** CANCEL sends the event's withdrawal (§3.6.1 with METHOD:CANCEL, RFC 5546). */
  method?: 'PUBLISH' | 'CANCEL';
  /** Bumped on every change of the same UID (§3.8.7.4). */
  sequence?: number;
  zone?: string;
  /** BCP 47 language of the texts (§3.2.10). */
  language?: string;
}

export const PRODID = '-//Sportello//Appointments//EN';

/** TEXT escaping of RFC 5545 §3.3.11. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line to at most 75 octets per physical line (continuations start with a space). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; each continuation 74 after its leading space.
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const utc = (d: Date) => DateTime.fromJSDate(d, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyyMMdd'T'HHmmss");

// Central European Time since 1996 (EU summer time: last Sunday of March 02:00 → last Sunday of
// October 03:00, Directive 2000/84/EC).
const ROME_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function buildCalendar(event: CalendarEvent): string {
  const method = event.method ?? 'PUBLISH';
  const withZone = event.zone === 'Europe/Rome';
  const when = (name: string, d: Date) => (withZone ? `${name};TZID=Europe/Rome:${local(d, 'Europe/Rome')}` : `${name}:${utc(d)}`);
  const lang = event.language ? `;LANGUAGE=${event.language}` : '';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    ...(withZone ? ROME_TIMEZONE : []),
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utc(event.stamp)}`,
    when('DTSTART', event.start),
    when('DTEND', event.end),
    `SEQUENCE:${event.sequence ?? 0}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY${lang}:${escapeText(event.summary)}`,
    `LOCATION${lang}:${escapeText(event.location)}`,
    ...(event.description ? [`DESCRIPTION${lang}:${escapeText(event.description)}`] : []),
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
