import type { AppContext } from '../../platform/context';
import { TICKET_SOURCE_KIND, markTicketPaid } from './area-c-tickets';
import { invalidateRules } from './rule-store';

/**
 * Drops the cached rules when any node (or the importer) changes them, and marks an Area C ticket
 * paid when the payments feature receives the payment of its notice.
 */
export function mobilityListeners(ctx: AppContext): void {
  ctx.events.on('mobility.rules_changed', () => invalidateRules(ctx));
  ctx.events.on('payment.received', async (event) => {
    if (event.payload.sourceKind === TICKET_SOURCE_KIND) await markTicketPaid(ctx, event.payload.sourceId, event.payload.noticeId);
  });
}
