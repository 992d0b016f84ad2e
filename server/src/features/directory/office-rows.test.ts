import { describe, expect, it } from 'vitest';
import { coordinateProblem, officeColumns, validateExceptionsCsv, validateOfficesCsv } from './office-rows';

const refs = { departments: new Set(['anagrafe']), municipi: new Set([1, 2, 3]) };
const header = officeColumns.join(',');
const row = (slug: string, extra: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    slug, title: `Ufficio ${slug}`, department: 'anagrafe', address: 'Via Larga 12', zipcode: '20122', municipio: '1', neighbourhood: '',
    lat: '45.4615', long: '9.1933', phone: '02 1234', extension: '', services: 'cie;certificati', hours: 'lun-ven 08:30-15:30', notes: '', ...extra,
  };
  return officeColumns.map((c) => (/[",\n]/.test(values[c]!) ? `"${values[c]!.replace(/"/g, '""')}"` : values[c])).join(',');
};

describe('offices CSV', () => {
  it('reads good rows into records, with a BOM and CRLF line ends', () => {
    const { offices, rejected } = validateOfficesCsv(`\ufeff${header}\r\n${row('a')}\r\n${row('b', { services: '', municipio: '', lat: '', long: '' })}\r\n`, 'offices.csv', refs);
    expect(rejected).toEqual([]);
    expect(offices[0]).toMatchObject({ slug: 'a', services: ['cie', 'certificati'], municipio: 1, lat: 45.4615, extension: null, neighbourhood: null, line: 2 });
    expect(offices[0]!.hours[0]).toEqual([{ opens: 510, closes: 930 }]);
    expect(offices[1]).toMatchObject({ services: [], municipio: null, lat: null, long: null });
  });

  it('counts lines from where a record starts, past notes that span lines', () => {
    const text = `${header}\n${row('a', { notes: 'prima riga\nseconda riga' })}\n${row('b', { hours: 'lun 25:00-26:00' })}\n`;
    expect(validateOfficesCsv(text, 'offices.csv', refs).rejected).toEqual([{ file: 'offices.csv', line: 4, reason: expect.stringMatching(/^hours: bad time range/) }]);
  });

  it('gives one rejection per bad row, listing all its problems', () => {
    const text = `${header}\n${row('Bad Slug', { department: 'x', phone: 'call me', hours: 'lun 9-10' })}\n`;
    const [rejection] = validateOfficesCsv(text, 'offices.csv', refs).rejected;
    expect(rejection!.reason).toMatch(/slug: .*phone: not a phone number.*hours: bad time range/s);
  });

  it('checks extensions against stored offices, except those the file itself replaces', () => {
    const others = [{ slug: 'stored', extension: '4101', lat: null, long: null }];
    const clash = `${header}\n${row('new', { extension: '4101' })}\n`;
    expect(validateOfficesCsv(clash, 'f', { ...refs, others }).rejected[0]!.reason).toMatch(/4101 is already used by office stored/);
    const move = `${header}\n${row('new', { extension: '4101' })}\n${row('stored', { extension: '4102' })}\n`;
    expect(validateOfficesCsv(move, 'f', { ...refs, others }).rejected).toEqual([]);
  });
});

describe('coordinates', () => {
  const milan = [{ lat: 45.46, long: 9.19 }, { lat: 45.5, long: 9.22 }, { lat: 45.44, long: 9.12 }];
  it('accepts a place in the city and refuses swapped, null-island, half or impossible coordinates', () => {
    expect(coordinateProblem(45.48, 9.2, milan)).toBeNull();
    expect(coordinateProblem(null, null, milan)).toBeNull();
    expect(coordinateProblem(9.19, 45.46, milan)).toMatch(/swapped/);
    expect(coordinateProblem(0, 0, [])).toMatch(/placeholder/);
    expect(coordinateProblem(45.4, null, [])).toMatch(/together/);
    expect(coordinateProblem(91, 9, [])).toMatch(/outside the globe/);
    // With fewer than three other offices there is no centre to compare with.
    expect(coordinateProblem(9.19, 45.46, milan.slice(0, 2))).toBeNull();
  });
});

describe('exceptions CSV', () => {
  it('requires closures to be "chiuso" and extended or reduced days to have hours', () => {
    const text = 'office,date,hours,reason,note\na,2027-01-08,09:00-10:00,closure,\na,2027-01-09,chiuso,reduced,\na,2027-01-10,chiuso,strike,\na,2027-01-11,08:30-11:00,strike,\n';
    const { exceptions, rejected } = validateExceptionsCsv(text, 'x.csv', new Set(['a']));
    expect(rejected.map((r) => r.line)).toEqual([2, 3]);
    expect(exceptions.map((e) => [e.date, e.closed])).toEqual([['2027-01-10', true], ['2027-01-11', false]]);
  });
});
