import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { ContactState } from './contact-states';
import { toRecord, type ContactRecord } from './contact-lifecycle';
import { contacts } from './tables';

export interface ContactFilter {
  state?: ContactState | undefined;
  queue?: string | undefined;
  channel?: string | undefined;
  agentId?: string | undefined;
  limit?: number | undefined;
}

/** The agent's work list without personal data (no address, no subject): oldest first, as queues are served. */
export type ContactSummary = Omit<ContactRecord, 'address' | 'subject' | 'externalRef'>;

export async function listContacts(tx: Db, filter: ContactFilter): Promise<ContactSummary[]> {
  const where: SQL[] = [];
  if (filter.state) where.push(eq(contacts.state, filter.state));
  if (filter.queue) where.push(eq(contacts.queue, filter.queue));
  if (filter.channel) where.push(eq(contacts.channel, filter.channel));
  if (filter.agentId) where.push(eq(contacts.agentId, filter.agentId));
  const rows = await tx
    .select()
    .from(contacts)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(contacts.openedAt), asc(contacts.id))
    .limit(filter.limit ?? 100);
  return rows.map((r) => {
    const { address: _a, subject: _s, externalRef: _e, ...summary } = toRecord(r);
    return summary;
  });
}
