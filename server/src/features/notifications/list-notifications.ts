import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/http/access';
import { recordAudit } from '../identity';
import { listNotifications } from './queue-notification';
import type { NotificationView } from './schema';

/** A staff read of the messages of a record: they show addresses and phone numbers, so it is audited. */
export async function listNotificationsAudited(
  ctx: AppContext,
  reference: { kind: string; id: string },
  by: Principal,
  requestId: string,
): Promise<NotificationView[]> {
  return ctx.transact(async (tx) => {
    const list = await listNotifications(tx, reference);
    await recordAudit(
      tx,
      { actorId: by.userId, actorName: by.username, requestId },
      { action: 'read', subjectKind: reference.kind, subjectId: reference.id, reason: 'notifications', details: { fields: ['to', 'text'], count: list.length } },
    );
    return list;
  });
}
