import { describe, expect, it } from 'vitest';
import { certificateStatuses, checkTransition, isFinal, nextStatuses, transitionTable, type CertificateStatus } from './workflow';

const paid = { feeStatus: 'paid' as const, approvalRequiresPayment: true, note: 'ok' };

describe('the certificate request transition table', () => {
  it('allows exactly requested → approved | rejected → issued → shipped → delivered', () => {
    const allowed: string[] = [];
    for (const from of certificateStatuses) for (const to of certificateStatuses) if (checkTransition(from, to, paid).ok) allowed.push(`${from}→${to}`);
    expect(allowed.sort()).toEqual(['approved→issued', 'issued→shipped', 'requested→approved', 'requested→rejected', 'shipped→delivered']);
  });

  it('refuses going back, skipping a step and staying put', () => {
    expect(checkTransition('issued', 'approved', paid)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(checkTransition('requested', 'issued', paid)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(checkTransition('approved', 'shipped', paid)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(checkTransition('shipped', 'shipped', paid)).toEqual({ ok: false, reason: 'not-allowed' });
    expect(checkTransition('approved', 'rejected', paid)).toEqual({ ok: false, reason: 'not-allowed' });
  });

  it('holds approval until the stamp duty is paid, when the rule asks for it', () => {
    expect(checkTransition('requested', 'approved', { feeStatus: 'unpaid', approvalRequiresPayment: true })).toEqual({ ok: false, reason: 'fee-unpaid' });
    expect(checkTransition('requested', 'approved', { feeStatus: 'unpaid', approvalRequiresPayment: false }).ok).toBe(true);
    expect(checkTransition('requested', 'approved', { feeStatus: 'none', approvalRequiresPayment: true }).ok).toBe(true);
    expect(checkTransition('requested', 'approved', { feeStatus: 'paid', approvalRequiresPayment: true }).ok).toBe(true);
    // Rejecting never waits for a payment.
    expect(checkTransition('requested', 'rejected', { feeStatus: 'unpaid', approvalRequiresPayment: true, note: 'not resident in Milan' }).ok).toBe(true);
  });

  it('needs a reason for a rejection, because the citizen is told', () => {
    expect(checkTransition('requested', 'rejected', { feeStatus: 'none', approvalRequiresPayment: true })).toEqual({ ok: false, reason: 'note-required' });
    expect(checkTransition('requested', 'rejected', { feeStatus: 'none', approvalRequiresPayment: true, note: '   ' })).toEqual({ ok: false, reason: 'note-required' });
  });

  it('reaches every status from requested, and ends only in rejected or delivered', () => {
    const seen = new Set<CertificateStatus>(['requested']);
    const queue: CertificateStatus[] = ['requested'];
    while (queue.length) for (const next of nextStatuses(queue.shift()!)) if (!seen.has(next)) (seen.add(next), queue.push(next));
    expect([...seen].sort()).toEqual([...certificateStatuses].sort());
    expect(certificateStatuses.filter(isFinal).sort()).toEqual(['delivered', 'rejected']);
    expect(new Set(transitionTable.map((r) => `${r.from}→${r.to}`)).size).toBe(transitionTable.length);
  });
});
