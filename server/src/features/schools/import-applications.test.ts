import { describe, expect, it } from 'vitest';
import { readApplications } from './import-applications';

const header = 'code,school_type,school_year,child_fiscal_code,parent_fiscal_code,status,school,waitlist_position,status_date';

describe('reading the applications export', () => {
  it('reads good rows, normalising codes to upper case', () => {
    const { records, rejected } = readApplications(`${header}\nnid-2026-1,nido,2026/27,rssmra80a01f205x,RSSMRA80A01F205X,waitlisted,,3,2026-05-20\n`);
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      { code: 'NID-2026-1', schoolType: 'nido', schoolYear: '2026/27', childFiscalCode: 'RSSMRA80A01F205X', parentFiscalCode: 'RSSMRA80A01F205X', status: 'waitlisted', school: null, waitlistPosition: 3, statusDate: '2026-05-20' },
    ]);
  });

  it('reports every bad row with its line and reasons', () => {
    const csv = [
      header,
      'NID-1,nido,2026/27,RSSMRA80A01F205X,RSSMRA80A01F205X,admitted,Nido Via Pezzotti 5,,2026-05-20',
      'NID-2,nido,2026/28,RSSMRA80A01F205Y,RSSMRA80A01F205X,accepted,,,2026-02-30',
      'NID-3,nido,2026/27,RSSMRA80A01F205X,RSSMRA80A01F205X,admitted,,4,2026-05-20',
      'NID-1,nido,2026/27,RSSMRA80A01F205X,RSSMRA80A01F205X,admitted,,,2026-05-20',
      'NID-4,nido,2026/27',
    ].join('\n');
    const { rejected } = readApplications(csv);
    expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6]);
    expect(rejected[0]!.reason).toContain('school_year: the two years must follow each other');
    expect(rejected[0]!.reason).toContain('child_fiscal_code: not a valid fiscal code (check-character)');
    expect(rejected[0]!.reason).toContain('status: must be one of');
    expect(rejected[0]!.reason).toContain('status_date: not a real date');
    expect(rejected[1]!.reason).toContain('waitlist_position');
    expect(rejected[2]!.reason).toBe('code: NID-1 is already on line 2');
    expect(rejected[3]!.reason).toBe('expected 9 fields, found 3');
  });

  it('refuses a file without the needed columns or unreadable', () => {
    expect(readApplications('code,status\nA-1,admitted').rejected[0]!.reason).toMatch(/^missing column\(s\): school_type/);
    expect(readApplications(`${header}\n"unclosed`).rejected[0]!.reason).toMatch(/^unreadable CSV/);
    expect(readApplications('').rejected[0]!.reason).toBe('empty file: no header row');
  });
});
