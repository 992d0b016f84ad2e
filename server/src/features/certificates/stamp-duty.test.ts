import { describe, expect, it } from 'vitest';
import { ruleOn, stampDuty, type DutyRule } from './stamp-duty';

const rule: DutyRule = { validFrom: '2013-06-26', stampDutyCents: 1600, validityMonths: 6, deliveryWorkingDays: 5, approvalRequiresPayment: true };
const residence = { alwaysExempt: false, exemptReference: null };
const birth = { alwaysExempt: true, exemptReference: 'L. 405/1990, art. 7 c. 5' };
const pension = { code: 'pensione', legalReference: 'DPR 642/1972, Tabella B, art. 9' };

describe('stamp duty on a certificate', () => {
  it('is €16 unless an exemption is declared', () => {
    expect(stampDuty(residence, null, rule)).toEqual({ amountCents: 1600, exemptBecause: null, legalReference: null });
    expect(stampDuty(residence, pension, rule)).toEqual({ amountCents: 0, exemptBecause: 'declared-exemption', legalReference: pension.legalReference });
  });

  it('is never due on birth, marriage and death certificates, whatever is declared', () => {
    expect(stampDuty(birth, null, rule)).toEqual({ amountCents: 0, exemptBecause: 'certificate-type', legalReference: birth.exemptReference });
    expect(stampDuty(birth, pension, rule).exemptBecause).toBe('certificate-type');
  });

  it('follows the dated rule in force', () => {
    const rules = [rule, { ...rule, validFrom: '2005-01-01', stampDutyCents: 1462 }, { ...rule, validFrom: '2030-01-01', stampDutyCents: 2000 }];
    expect(ruleOn(rules, '2013-06-25')?.stampDutyCents).toBe(1462);
    expect(ruleOn(rules, '2013-06-26')?.stampDutyCents).toBe(1600);
    expect(ruleOn(rules, '2029-12-31')?.stampDutyCents).toBe(1600);
    expect(ruleOn(rules, '2030-01-01')?.stampDutyCents).toBe(2000);
    expect(ruleOn(rules, '2004-12-31')).toBeNull();
  });
});
