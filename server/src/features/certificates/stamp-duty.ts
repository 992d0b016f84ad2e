/**
 * Whether a certificate carries the €16 stamp duty (imposta di bollo, DPR 642/1972 Tariffa parte I
 * art. 4) and why not when it does not. Pure; the amounts and the lists are dated city data.
 */
export interface DutyType {
  alwaysExempt: boolean;
  exemptReference: string | null;
}

export interface DutyExemption {
  code: string;
  legalReference: string;
}

export interface DutyRule {
  validFrom: string;
  stampDutyCents: number;
  validityMonths: number;
  deliveryWorkingDays: number;
  approvalRequiresPayment: boolean;
}

export interface DutyDecision {
  amountCents: number;
  /** Why nothing is due: the certificate type (birth, marriage, death) or the declared exemption. */
  exemptBecause: 'certificate-type' | 'declared-exemption' | null;
  legalReference: string | null;
}

export function stampDuty(type: DutyType, exemption: DutyExemption | null, rule: DutyRule): DutyDecision {
  // Civil-status extracts are free whatever the use (L. 405/1990 art. 7 c. 5); an exemption declared
  // on them changes nothing and is not recorded as the reason.
  if (type.alwaysExempt) return { amountCents: 0, exemptBecause: 'certificate-type', legalReference: type.exemptReference };
  if (exemption) return { amountCents: 0, exemptBecause: 'declared-exemption', legalReference: exemption.legalReference };
  if (rule.stampDutyCents === 0) return { amountCents: 0, exemptBecause: null, legalReference: null };
  return { amountCents: rule.stampDutyCents, exemptBecause: null, legalReference: null };
}

/** The rule in force on a local date: the latest `validFrom` on or before it; null before the first. */
export function ruleOn<R extends { validFrom: string }>(rules: readonly R[], date: string): R | null {
  let best: R | null = null;
  for (const r of rules) if (r.validFrom <= date && (!best || r.validFrom > best.validFrom)) best = r;
  return best;
}
