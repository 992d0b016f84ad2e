/**
 * Messages of a contact (every channel: chat lines, emails, SMS, transcribed or system lines) and the
 * staff's internal notes. The hot path is `appendMessage`: one row lock on the contact gives the next
 * sequence number and serialises retries, so a retried append with the same client message id returns
 * the stored message instead of a duplicate.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { isTerminal } from './contact-states';
import { clock, contactMessages, contactNotes, contacts, type AttachmentMeta, type DeliveryStatus, type Sender } from './tables';

export interface AppendMessageInput {
  contactId: string;
  sender: Sender;
  body: string;
  /** The staff member who wrote it (sender `agent`). */
  agentId?: string | undefined;
  language?: string | undefined;
  attachments?: AttachmentMeta[] | undefined;
  /** The sender's idempotency key (chat client, provider message id): a retry returns the stored message. */
  clientMessageId?: string | undefined;
  /** The provider's id, for delivery receipts (updateDeliveryStatus). */
  externalId?: string | undefined;
  /** Default: `delivered` for what the citizen sent (it reached us), `queued` for what we send. */
  deliveryStatus?: DeliveryStatus | undefined;
}

export interface MessageRecord {
  id: string;
  contactId: string;
  seq: number;
  sender: Sender;
  agentId: string | null;
  body: string;
  language: string | null;
  attachments: AttachmentMeta[];
  deliveryStatus: DeliveryStatus;
  deliveryUpdatedAt: string;
  clientMessageId: string | null;
  externalId: string | null;
  createdAt: string;
}

type MessageRow = typeof contactMessages.$inferSelect;

export const toMessage = (r: MessageRow): MessageRecord => ({
  id: r.id,
  contactId: r.contactId,
  seq: r.seq,
  sender: r.sender,
  agentId: r.agentId,
  body: r.body,
  language: r.language,
  attachments: r.attachments,
  deliveryStatus: r.deliveryStatus,
  deliveryUpdatedAt: r.deliveryUpdatedAt.toISOString(),
  clientMessageId: r.clientMessageId,
  externalId: r.externalId,
  createdAt: r.createdAt.toISOString(),
});

export async function appendMessage(tx: Db, emit: Emit, input: AppendMessageInput): Promise<{ message: MessageRecord; duplicate: boolean }> {
  // The row lock orders concurrent appends to one contact (and concurrent retries of one message).
  const [contact] = await tx.select({ state: contacts.state, channel: contacts.channel }).from(contacts).where(eq(contacts.id, input.contactId)).for('update');
  if (!contact) throw new AppError('contacts.contact_not_found', `No contact with id "${input.contactId}".`);
  if (input.clientMessageId) {
    const [existing] = await tx.select().from(contactMessages).where(and(eq(contactMessages.contactId, input.contactId), eq(contactMessages.clientMessageId, input.clientMessageId)));
    if (existing) return { message: toMessage(existing), duplicate: true };
  }
  if (isTerminal(contact.state)) throw new AppError('contacts.contact_closed', 'This contact is closed: a new message opens a new contact.');
  const id = randomUUID();
  const status: DeliveryStatus = input.deliveryStatus ?? (input.sender === 'citizen' ? 'delivered' : 'queued');
  // One statement takes the next number and writes the message.
  const result = (await tx.execute(sql`
    with c as (update contacts set message_count = message_count + 1 where id = ${input.contactId} returning message_count)
    insert into contact_messages (id, contact_id, seq, sender, agent_id, body, language, attachments, delivery_status, client_message_id, external_id)
    select ${id}, ${input.contactId}, c.message_count, ${input.sender}, ${input.agentId ?? null}, ${input.body}, ${input.language ?? null},
           ${JSON.stringify(input.attachments ?? [])}::jsonb, ${status}, ${input.clientMessageId ?? null}, ${input.externalId ?? null}
    from c
    returning seq, created_at, delivery_updated_at`)) as unknown as { rows: { seq: number; created_at: string | Date; delivery_updated_at: string | Date }[] };
  const r = result.rows[0]!;
  const iso = (v: string | Date) => new Date(v).toISOString();
  emit('contact.message_added', { contactId: input.contactId, messageId: id, seq: r.seq, sender: input.sender, channel: contact.channel });
  return {
    message: {
      id,
      contactId: input.contactId,
      seq: r.seq,
      sender: input.sender,
      agentId: input.agentId ?? null,
      body: input.body,
      language: input.language ?? null,
      attachments: input.attachments ?? [],
      deliveryStatus: status,
      deliveryUpdatedAt: iso(r.delivery_updated_at),
      clientMessageId: input.clientMessageId ?? null,
      externalId: input.externalId ?? null,
      createdAt: iso(r.created_at),
    },
    duplicate: false,
  };
}

/** How far a message has come; receipts that arrive out of order never move it back. */
const PROGRESS: Record<DeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1 };

export type MessageTarget = { messageId: string } | { externalId: string };

/**
 * Records a delivery receipt from a channel. Returns the message, unchanged when the receipt is
 * older news than what is stored (e.g. `delivered` after `read`); `failed` is accepted only before
 * delivery. Null when no message matches (a receipt for something not ours).
 */
export async function updateDeliveryStatus(tx: Db, target: MessageTarget, status: DeliveryStatus): Promise<MessageRecord | null> {
  const where = 'messageId' in target ? eq(contactMessages.id, target.messageId) : eq(contactMessages.externalId, target.externalId);
  const [row] = await tx.select().from(contactMessages).where(where).limit(1).for('update');
  if (!row) return null;
  const current = row.deliveryStatus;
  const advance = status === 'failed' ? current === 'queued' || current === 'sent' : current !== 'failed' && PROGRESS[status] > PROGRESS[current];
  if (!advance) return toMessage(row);
  const [updated] = await tx.update(contactMessages).set({ deliveryStatus: status, deliveryUpdatedAt: clock() }).where(eq(contactMessages.id, row.id)).returning();
  return toMessage(updated!);
}

export interface NoteRecord {
  id: string;
  contactId: string;
  authorId: string | null;
  body: string;
  createdAt: string;
}

/** An internal note: staff only, never shown to citizens (and never sent by a channel). */
export async function addNote(tx: Db, input: { contactId: string; authorId: string | null; body: string }): Promise<NoteRecord> {
  const [contact] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, input.contactId));
  if (!contact) throw new AppError('contacts.contact_not_found', `No contact with id "${input.contactId}".`);
  const [row] = await tx.insert(contactNotes).values({ id: randomUUID(), contactId: input.contactId, authorId: input.authorId, body: input.body }).returning();
  return { id: row!.id, contactId: row!.contactId, authorId: row!.authorId, body: row!.body, createdAt: row!.createdAt.toISOString() };
}
