/**
 * Eligibility for a school type, evaluated from a family's answers (pure, no I/O). The criteria are
 * city data (school-support.yaml) whose birth-date ranges are relative to the school year, so one
 * entry serves every year: for 2026/27 the "start year" is 2026, and `{years: -2, month: 1, day: 1}`
 * is 1 Jan 2024 (Milan's nurseries take children born 1 Jan two years before to 31 May of the start
 * year; milan-facts.md "The city" and the knowledge windows' age rules say the same).
 */
export type Answer = string | boolean;
export type Answers = Readonly<Record<string, Answer | undefined>>;

export type Outcome = 'eligible' | 'conditional' | 'not-eligible';
export type Result = Outcome | 'incomplete';

export interface Question {
  id: string;
  kind: 'date' | 'boolean';
  required: boolean;
  label: Record<string, string>;
}

export interface RelativeDate {
  /** Years from the start year of the school year (negative: before). */
  years: number;
  month: number;
  day: number;
}

export interface BirthRange {
  from: RelativeDate;
  to: RelativeDate;
  result: Outcome;
  reason?: Record<string, string> | undefined;
}

export interface Criterion {
  id: string;
  question: string;
  /** A date question: the first range holding the answer decides. */
  ranges?: BirthRange[] | undefined;
  /** A boolean question: the expected answer. */
  equals?: boolean | undefined;
  /** The outcome when no range holds the date, or the answer is not the expected one. */
  otherwise: { result: Outcome; reason: Record<string, string> };
}

export interface ChecklistItem {
  id: string;
  label: Record<string, string>;
  /** Needed only when a question has this answer (an ISEE statement only for reduced fees). */
  when?: { question: string; equals: boolean } | undefined;
}

export interface CriterionOutcome {
  criterion: string;
  result: Outcome;
  /** The reason in the city's data, with {from} and {to} filled with the range's dates. */
  reason: Record<string, string> | null;
  params: Record<string, string>;
}

export interface Evaluation {
  result: Result;
  missing: string[];
  outcomes: CriterionOutcome[];
  checklist: { id: string; label: Record<string, string>; conditional: boolean }[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** "2026/27" → 2026. */
export const startYear = (schoolYear: string) => Number(schoolYear.slice(0, 4));

export function resolveDate(d: RelativeDate, schoolYear: string): string {
  return `${pad(startYear(schoolYear) + d.years, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

const rank: Record<Outcome, number> = { eligible: 0, conditional: 1, 'not-eligible': 2 };

export function evaluateEligibility(questions: readonly Question[], criteria: readonly Criterion[], checklist: readonly ChecklistItem[], schoolYear: string, answers: Answers): Evaluation {
  const missing = questions.filter((q) => q.required && answers[q.id] === undefined).map((q) => q.id);
  const outcomes: CriterionOutcome[] = [];
  for (const c of criteria) {
    const answer = answers[c.question];
    if (answer === undefined) continue;
    if (c.ranges) {
      const ranges = c.ranges.map((r) => ({ ...r, fromDate: resolveDate(r.from, schoolYear), toDate: resolveDate(r.to, schoolYear) }));
      const hit = typeof answer === 'string' ? ranges.find((r) => answer >= r.fromDate && answer <= r.toDate) : undefined;
      if (hit) {
        outcomes.push({ criterion: c.id, result: hit.result, reason: hit.reason ?? null, params: { from: hit.fromDate, to: hit.toDate } });
      } else {
        const from = ranges.map((r) => r.fromDate).sort()[0] ?? '';
        const to = ranges.map((r) => r.toDate).sort().at(-1) ?? '';
        outcomes.push({ criterion: c.id, result: c.otherwise.result, reason: c.otherwise.reason, params: { from, to } });
      }
    } else {
      const ok = answer === c.equals;
      outcomes.push(ok ? { criterion: c.id, result: 'eligible', reason: null, params: {} } : { criterion: c.id, result: c.otherwise.result, reason: c.otherwise.reason, params: {} });
    }
  }
  const worst = outcomes.reduce<Outcome>((w, o) => (rank[o.result] > rank[w] ? o.result : w), 'eligible');
  // A "no" from an answered criterion is final even with questions still open; otherwise the open
  // questions must be answered first.
  const result: Result = worst === 'not-eligible' ? worst : missing.length ? 'incomplete' : worst;
  const items = checklist
    .filter((item) => !item.when || answers[item.when.question] === undefined || answers[item.when.question] === item.when.equals)
    .map((item) => ({ id: item.id, label: item.label, conditional: item.when !== undefined && answers[item.when.question] === undefined }));
  return { result, missing, outcomes, checklist: items };
}
