import { asc } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { LanguageCode } from '../../platform/i18n/languages';
import { todayIn } from '../directory';
import { ruleOn, type DutyRule } from './stamp-duty';
import { certificateExemptions, certificateRules, certificateTypes, type Texts } from './tables';

export type CertificateTypeRow = typeof certificateTypes.$inferSelect;
export type ExemptionRow = typeof certificateExemptions.$inferSelect;

export interface Catalog {
  types: CertificateTypeRow[];
  exemptions: ExemptionRow[];
  rules: DutyRule[];
}

/** The whole catalog: a few dozen rows, read per use so that an import is seen at once on every node. */
export async function readCatalog(db: Db): Promise<Catalog> {
  const [types, exemptions, rules] = await Promise.all([
    db.select().from(certificateTypes).orderBy(asc(certificateTypes.position)),
    db.select().from(certificateExemptions).orderBy(asc(certificateExemptions.position)),
    db.select().from(certificateRules).orderBy(asc(certificateRules.validFrom)),
  ]);
  return { types, exemptions, rules };
}

/** The rule in force on a date; a city without one for that date cannot take requests. */
export function ruleInForce(catalog: Catalog, date: string): DutyRule {
  const rule = ruleOn(catalog.rules, date);
  if (!rule) throw new AppError('certificates.not_offered', `No certificate rule is in force on ${date}.`);
  return rule;
}

export const pick = (texts: Texts, lang: LanguageCode, fallback: LanguageCode): string => texts[lang] ?? texts[fallback] ?? Object.values(texts)[0] ?? '';

export interface CatalogView {
  language: LanguageCode;
  stampDuty: { amount: number; currency: 'EUR' };
  validityMonths: number;
  deliveryWorkingDays: number;
  approvalRequiresPayment: boolean;
  types: { code: string; name: string; description: string; alwaysExempt: boolean; exemptReference: string | null }[];
  exemptions: { code: string; label: string; legalReference: string }[];
}

/** What a citizen (or an agent) needs to choose: types, the fee, the exemptions, today's rule. */
export async function certificateCatalog(ctx: AppContext, lang: LanguageCode): Promise<CatalogView> {
  const catalog = await readCatalog(ctx.db);
  const rule = ruleInForce(catalog, todayIn(ctx));
  const d = ctx.city.defaultLanguage;
  return {
    language: lang,
    stampDuty: { amount: rule.stampDutyCents, currency: 'EUR' },
    validityMonths: rule.validityMonths,
    deliveryWorkingDays: rule.deliveryWorkingDays,
    approvalRequiresPayment: rule.approvalRequiresPayment,
    types: catalog.types.map((t) => ({
      code: t.code,
      name: pick(t.names, lang, d),
      description: pick(t.descriptions, lang, d),
      alwaysExempt: t.alwaysExempt,
      exemptReference: t.exemptReference,
    })),
    exemptions: catalog.exemptions.map((e) => ({ code: e.code, label: pick(e.labels, lang, d), legalReference: e.legalReference })),
  };
}
