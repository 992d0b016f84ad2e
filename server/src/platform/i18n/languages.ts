/** Languages Sportello knows how to present; a city picks its list (and order) from these. */
export const knownLanguages = {
  it: { name: 'Italiano', direction: 'ltr', textSearch: 'italian', franc: 'ita' },
  en: { name: 'English', direction: 'ltr', textSearch: 'english', franc: 'eng' },
  fr: { name: 'Français', direction: 'ltr', textSearch: 'french', franc: 'fra' },
  es: { name: 'Español', direction: 'ltr', textSearch: 'spanish', franc: 'spa' },
  de: { name: 'Deutsch', direction: 'ltr', textSearch: 'german', franc: 'deu' },
  ar: { name: 'العربية', direction: 'rtl', textSearch: 'arabic', franc: 'arb' },
  // No PostgreSQL text-search configuration segments Chinese: search uses ICU word segmentation
  // (Intl.Segmenter) plus bigrams over the 'simple' configuration, and trigram similarity.
  zh: { name: '中文', direction: 'ltr', textSearch: 'simple', franc: 'cmn' },
  ru: { name: 'Русский', direction: 'ltr', textSearch: 'russian', franc: 'rus' },
  pt: { name: 'Português', direction: 'ltr', textSearch: 'portuguese', franc: 'por' },
  ro: { name: 'Română', direction: 'ltr', textSearch: 'romanian', franc: 'ron' },
  uk: { name: 'Українська', direction: 'ltr', textSearch: 'simple', franc: 'ukr' },
} as const;

export type LanguageCode = keyof typeof knownLanguages;

export interface Language {
  code: LanguageCode;
  name: string;
  direction: 'ltr' | 'rtl';
}

export function isKnownLanguage(code: string): code is LanguageCode {
  return Object.hasOwn(knownLanguages, code);
}

export function describeLanguage(code: LanguageCode): Language {
  const { name, direction } = knownLanguages[code];
  return { code, name, direction };
}

/**
 * Picks the answer language: an explicit `lang` (must be offered: the caller gets an error otherwise),
 * else the best offered match of Accept-Language (q-values, `zh-CN` → `zh`), else the city's default.
 */
export function negotiateLanguage(
  offered: readonly LanguageCode[],
  fallback: LanguageCode,
  acceptLanguage: string | undefined,
): LanguageCode {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { primary: tag.toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const r of ranked) {
    const match = offered.find((code) => code === r.primary);
    if (match) return match;
  }
  return fallback;
}
