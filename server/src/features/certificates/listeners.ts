import type { AppContext } from '../../platform/context';
import { markCertificateFeePaid } from './advance-request';

/** A paid stamp-duty notice marks its request's fee paid (the event may come twice: the update is idempotent). */
export function certificatesListeners(ctx: AppContext): void {
  ctx.events.on('payment.received', async (event) => {
    if (event.payload.sourceKind !== 'certificate-request') return;
    await markCertificateFeePaid(ctx, event.payload.noticeId);
  });
}
