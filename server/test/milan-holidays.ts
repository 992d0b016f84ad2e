import type { HolidayRule } from '../src/features/directory';

/** Test fixture: Milan's holiday rules as in data/demo-milano/holidays.yaml (milan-facts.md "Calendar"). */
export const names = (it: string) => ({ it, en: it });
export const milanRules: HolidayRule[] = [
  { key: 'capodanno', month: 1, day: 1, scope: 'national', names: names('Capodanno') },
  { key: 'epifania', month: 1, day: 6, scope: 'national', names: names('Epifania') },
  { key: 'pasqua', easterOffset: 0, scope: 'national', names: names('Pasqua') },
  { key: 'pasquetta', easterOffset: 1, scope: 'national', names: names('Pasquetta') },
  { key: 'liberazione', month: 4, day: 25, scope: 'national', names: names('Festa della Liberazione') },
  { key: 'festa-lavoro', month: 5, day: 1, scope: 'national', names: names('Festa dei Lavoratori') },
  { key: 'festa-repubblica', month: 6, day: 2, scope: 'national', names: names('Festa della Repubblica') },
  { key: 'ferragosto', month: 8, day: 15, scope: 'national', names: names('Ferragosto') },
  { key: 'san-francesco', month: 10, day: 4, validFrom: '2026-01-01', scope: 'national', names: names('San Francesco') },
  { key: 'ognissanti', month: 11, day: 1, scope: 'national', names: names('Ognissanti') },
  { key: 'sant-ambrogio', month: 12, day: 7, scope: 'city', names: { it: "Sant'Ambrogio", en: 'Saint Ambrose' } },
  { key: 'immacolata', month: 12, day: 8, scope: 'national', names: { it: 'Immacolata Concezione', en: 'Immaculate Conception' } },
  { key: 'natale', month: 12, day: 25, scope: 'national', names: names('Natale') },
  { key: 'santo-stefano', month: 12, day: 26, scope: 'national', names: names('Santo Stefano') },
];
