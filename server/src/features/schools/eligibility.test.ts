import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromRepoRoot } from '../../platform/paths';
import { evaluateEligibility, resolveDate, type ChecklistItem, type Criterion, type Question } from './eligibility';

interface SupportFile {
  questions: Question[];
  schoolTypes: { type: string; questions: string[]; criteria: Criterion[]; checklist: ChecklistItem[] }[];
}
const file = parse(readFileSync(fromRepoRoot('data/demo-milano/school-support.yaml'), 'utf8')) as SupportFile;
const windows = parse(readFileSync(fromRepoRoot('data/demo-milano/school-enrollment.yaml'), 'utf8')) as { schoolType: string; schoolYear: string; ageRule?: string }[];

function evaluate(type: string, schoolYear: string, answers: Record<string, string | boolean>) {
  const t = file.schoolTypes.find((x) => x.type === type)!;
  const questions = t.questions.map((id) => file.questions.find((q) => q.id === id)!);
  return evaluateEligibility(questions, t.criteria, t.checklist, schoolYear, answers);
}

describe('eligibility of the demo city', () => {
  it('nursery 2026/27: born 1 Jan 2024 – 31 May 2026; non-residents only if places remain', () => {
    expect(evaluate('nido', '2026/27', { birthDate: '2024-01-01', resident: true }).result).toBe('eligible');
    expect(evaluate('nido', '2026/27', { birthDate: '2026-05-31', resident: true }).result).toBe('eligible');
    expect(evaluate('nido', '2026/27', { birthDate: '2026-06-01', resident: true }).result).toBe('not-eligible');
    expect(evaluate('nido', '2026/27', { birthDate: '2023-12-31', resident: true }).result).toBe('not-eligible');
    const away = evaluate('nido', '2026/27', { birthDate: '2025-03-14', resident: false });
    expect(away.result).toBe('conditional');
    expect(away.outcomes.find((o) => o.criterion === 'residence')?.reason?.en).toContain('only if places remain');
  });

  it('pre-school 2026/27: born 2021–2023, early entry born 1 Jan – 30 Apr 2024', () => {
    expect(evaluate('scuola-infanzia', '2026/27', { birthDate: '2021-01-01', resident: true }).result).toBe('eligible');
    expect(evaluate('scuola-infanzia', '2026/27', { birthDate: '2023-12-31', resident: true }).result).toBe('eligible');
    const early = evaluate('scuola-infanzia', '2026/27', { birthDate: '2024-04-30', resident: true });
    expect(early.result).toBe('conditional');
    expect(early.outcomes[0]).toMatchObject({ criterion: 'age', result: 'conditional', params: { from: '2024-01-01', to: '2024-04-30' } });
    const late = evaluate('scuola-infanzia', '2026/27', { birthDate: '2024-05-01', resident: true });
    expect(late.result).toBe('not-eligible');
    expect(late.outcomes[0]!.params).toEqual({ from: '2021-01-01', to: '2024-04-30' });
  });

  it('primary 2027/28: born in 2021, early enrollment born 1 Jan – 30 Apr 2022', () => {
    expect(evaluate('primaria', '2027/28', { birthDate: '2021-07-04' }).result).toBe('eligible');
    expect(evaluate('primaria', '2027/28', { birthDate: '2022-02-10' }).result).toBe('conditional');
    expect(evaluate('primaria', '2027/28', { birthDate: '2022-05-01' }).result).toBe('not-eligible');
  });

  it('lower secondary: for pupils finishing primary school', () => {
    expect(evaluate('secondaria-primo-grado', '2027/28', { completesPrimaria: true }).result).toBe('eligible');
    expect(evaluate('secondaria-primo-grado', '2027/28', { completesPrimaria: false }).result).toBe('not-eligible');
  });

  it('is incomplete until the required questions are answered, but a "no" is final at once', () => {
    const open = evaluate('nido', '2026/27', { resident: true });
    expect(open).toMatchObject({ result: 'incomplete', missing: ['birthDate'] });
    expect(evaluate('nido', '2026/27', { birthDate: '2020-01-01' })).toMatchObject({ result: 'not-eligible', missing: ['resident'] });
  });

  it('personalises the checklist: ISEE only for reduced fees, the disability certificate only when needed', () => {
    const ids = (answers: Record<string, string | boolean>) => evaluate('nido', '2026/27', { birthDate: '2025-01-01', resident: true, ...answers }).checklist.map((i) => `${i.id}${i.conditional ? '?' : ''}`);
    expect(ids({ reducedFee: false, disability: false })).toEqual(['fiscal-codes', 'digital-identity', 'vaccinations']);
    expect(ids({ reducedFee: true, disability: true })).toEqual(['fiscal-codes', 'digital-identity', 'vaccinations', 'isee', 'disability-certificate']);
    expect(ids({})).toEqual(['fiscal-codes', 'digital-identity', 'vaccinations', 'isee?', 'disability-certificate?']);
  });

  it('agrees with the age rule of every enrollment window in the knowledge base', () => {
    let checked = 0;
    for (const w of windows.filter((x) => x.ageRule)) {
      const t = file.schoolTypes.find((x) => x.type === w.schoolType)!;
      const ranges = t.criteria.find((c) => c.ranges)!.ranges!.map((r) => `${resolveDate(r.from, w.schoolYear)}..${resolveDate(r.to, w.schoolYear)}`);
      expect(w.ageRule!.match(/\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}/g), `${w.schoolType} ${w.schoolYear}`).toEqual(ranges);
      checked++;
    }
    expect(checked).toBe(6);
  });
});
