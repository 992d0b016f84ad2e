import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { isKnownLanguage, type LanguageCode } from './i18n/languages';

const languageCode = z.string().refine(isKnownLanguage, 'unknown language code') as unknown as z.ZodType<LanguageCode>;

export const cityProfileSchema = z.object({
  name: z.string().min(1),
  timezone: z.string().min(1),
  defaultLanguage: languageCode,
  languages: z.array(languageCode).min(1),
  creditorFiscalCode: z.string().regex(/^\d{11}$/),
  /** pagoPA segregation code (2 digits) of the city's own notices: aux digit 3 + this + IUV base. */
  pagoPaSegregationCode: z.string().regex(/^\d{2}$/).default('01'),
  contactCenter: z.object({ number: z.string(), displayNumber: z.string() }),
});

export type CityProfile = z.infer<typeof cityProfileSchema>;

/** The city's identity (`city.yaml`): its name, time zone and languages. */
export function loadCityProfile(cityDir: string, languagesOverride?: string): CityProfile {
  const file = join(cityDir, 'city.yaml');
  const parsed = cityProfileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const profile = parsed.data;
  if (languagesOverride) {
    const list = languagesOverride.split(',');
    const unknown = list.filter((l) => !isKnownLanguage(l));
    if (unknown.length) throw new Error(`SPORTELLO_LANGUAGES: unknown language(s) ${unknown.join(', ')}`);
    profile.languages = list as LanguageCode[];
  }
  if (!profile.languages.includes(profile.defaultLanguage)) {
    throw new Error(`${file}: defaultLanguage ${profile.defaultLanguage} is not among languages`);
  }
  return profile;
}
