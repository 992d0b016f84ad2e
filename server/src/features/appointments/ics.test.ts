import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine } from './ics';

const base = {
  uid: '0b3f5a1e-1111-4c2d-9e8f-000000000001@sportello',
  stamp: new Date('2026-12-03T10:00:00Z'),
  start: new Date('2026-12-09T08:30:00Z'),
  end: new Date('2026-12-09T08:50:00Z'),
  summary: "Carta d'identità elettronica",
  location: 'Anagrafe Centrale, Via Larga 12, Milano',
  zone: 'Europe/Rome',
};

/** Undoes folding (RFC 5545 §3.1): a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and newlines', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
});

describe('foldLine', () => {
  it('leaves short lines alone', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('folds at 75 octets, continuations starting with a space, and unfolds to the original', () => {
    const line = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(Buffer.byteLength(physical[0]!)).toBe(75);
    for (const p of physical.slice(1)) {
      expect(p.startsWith(' ')).toBe(true);
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    }
    expect(unfold(folded)).toBe(line);
  });

  it('never splits a multi-byte UTF-8 character', () => {
    const line = `SUMMARY:${'身份证预约'.repeat(20)}`;
    const folded = foldLine(line);
    for (const p of folded.split('\r\n')) {
      expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
  });
});

describe('buildCalendar', () => {
  const text = buildCalendar({ ...base, description: 'Portare: foto; vecchia carta, documento\nCosto 22,20 €', language: 'it' });

  it('uses CRLF everywhere and ends with one', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has the required calendar and event properties', () => {
    const lines = unfold(text).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines).toContain(`UID:${base.uid}`);
    expect(lines).toContain('DTSTAMP:20261203T100000Z');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });

  it('gives local start and end with TZID Europe/Rome and its VTIMEZONE (winter: +01:00)', () => {
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('DTSTART;TZID=Europe/Rome:20261209T093000');
    expect(lines).toContain('DTEND;TZID=Europe/Rome:20261209T095000');
    expect(lines).toContain('TZID:Europe/Rome');
    expect(lines).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
  });

  it('uses summer time in July (+02:00)', () => {
    const summer = unfold(buildCalendar({ ...base, start: new Date('2027-07-01T07:00:00Z'), end: new Date('2027-07-01T07:20:00Z') }));
    expect(summer).toContain('DTSTART;TZID=Europe/Rome:20270701T090000');
  });

  it('falls back to UTC for other zones', () => {
    const other = unfold(buildCalendar({ ...base, zone: 'America/New_York' }));
    expect(other).toContain('DTSTART:20261209T083000Z');
    expect(other).not.toContain('VTIMEZONE');
  });

  it('escapes summary, location and description, tagged with their language', () => {
    const lines = unfold(text);
    expect(lines).toContain("SUMMARY;LANGUAGE=it:Carta d'identità elettronica");
    expect(lines).toContain('LOCATION;LANGUAGE=it:Anagrafe Centrale\\, Via Larga 12\\, Milano');
    expect(lines).toContain('DESCRIPTION;LANGUAGE=it:Portare: foto\\; vecchia carta\\, documento\\nCosto 22\\,20 €');
  });

  it('marks a withdrawal with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const cancel = unfold(buildCalendar({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain('STATUS:CANCELLED');
    expect(cancel).toContain('SEQUENCE:2');
  });
});
