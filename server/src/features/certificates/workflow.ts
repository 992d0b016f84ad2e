/**
 * The life of a certificate request as ONE table of allowed transitions (pure, no I/O):
 *
 *   requested ─▶ approved ─▶ issued ─▶ shipped ─▶ delivered
 *       └──────▶ rejected
 *
 * Approval may wait for the stamp-duty payment (the dated rule `approvalRequiresPayment`): the
 * certificate carries the €16 marca da bollo (DPR 642/1972), so the registry does not print it
 * before the fee is settled. A rejection must say why, because the citizen is told.
 */
export const certificateStatuses = ['requested', 'approved', 'rejected', 'issued', 'shipped', 'delivered'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export type FeeState = 'none' | 'unpaid' | 'paid' | 'cancelled';

export interface TransitionRule {
  from: CertificateStatus;
  to: CertificateStatus;
  /** The stamp duty must be paid (or not due) when the rule asks for payment before approval. */
  needsSettledFee?: boolean;
  /** A note for the citizen is mandatory. */
  needsNote?: boolean;
}

export const transitionTable: readonly TransitionRule[] = [
  { from: 'requested', to: 'approved', needsSettledFee: true },
  { from: 'requested', to: 'rejected', needsNote: true },
  { from: 'approved', to: 'issued' },
  { from: 'issued', to: 'shipped' },
  { from: 'shipped', to: 'delivered' },
];

export interface TransitionFacts {
  feeStatus: FeeState;
  approvalRequiresPayment: boolean;
  note?: string | null | undefined;
}

export type TransitionCheck = { ok: true; rule: TransitionRule } | { ok: false; reason: 'not-allowed' | 'fee-unpaid' | 'note-required' };

export function checkTransition(from: CertificateStatus, to: CertificateStatus, facts: TransitionFacts): TransitionCheck {
  const rule = transitionTable.find((r) => r.from === from && r.to === to);
  if (!rule) return { ok: false, reason: 'not-allowed' };
  if (rule.needsSettledFee && facts.approvalRequiresPayment && facts.feeStatus === 'unpaid') return { ok: false, reason: 'fee-unpaid' };
  if (rule.needsNote && !facts.note?.trim()) return { ok: false, reason: 'note-required' };
  return { ok: true, rule };
}

/** Where a request may go next (for the staff screen). */
export function nextStatuses(from: CertificateStatus): CertificateStatus[] {
  return transitionTable.filter((r) => r.from === from).map((r) => r.to);
}

export function isFinal(status: CertificateStatus): boolean {
  return nextStatuses(status).length === 0;
}
