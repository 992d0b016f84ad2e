/**
 * Wrap-up (after-contact work): the agent records what the contact was about (topic, from the city's
 * list) and how it ended (outcome), and the contact closes. The outcome feeds first-contact
 * resolution (shared/domain/contact-center.md: resolved without a transfer, callback or case).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import { AppError } from '../../platform/errors/error-codes';
import { applyTransition, lockContact, type ContactRecord } from './contact-lifecycle';
import { addNote } from './messages';
import { clock, contacts, nextPos } from './tables';
import { assertTopic } from './topics';

export const OUTCOMES = ['resolved', 'information-given', 'appointment-booked', 'case-opened', 'callback-scheduled', 'transferred-out', 'unresolved', 'no-response'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface WrapUpInput {
  topic: string;
  outcome: Outcome;
  agentId?: string | null | undefined;
  /** An internal note written with the wrap-up. */
  note?: string | undefined;
}

/** Records topic and outcome and closes the contact (moving an active one through wrap-up first). */
export async function wrapUpContact(tx: Db, emit: Emit, contactId: string, input: WrapUpInput): Promise<ContactRecord> {
  let row = await lockContact(tx, contactId);
  if (!(OUTCOMES as readonly string[]).includes(input.outcome)) throw new AppError('request.invalid_body', `Unknown outcome "${input.outcome}".`, [{ field: 'body.outcome', message: `one of ${OUTCOMES.join(', ')}` }]);
  await assertTopic(tx, input.topic);
  if (row.state === 'active') {
    await applyTransition(tx, emit, row, 'wrap-up', {});
    row = await lockContact(tx, contactId);
  }
  if (row.state !== 'wrap-up') throw new AppError('contacts.invalid_transition', `A contact in state "${row.state}" cannot be wrapped up.`);
  const [updated] = await tx.update(contacts).set({ topic: input.topic, outcome: input.outcome, wrappedUpAt: clock(), wrapUpPos: nextPos() }).where(eq(contacts.id, contactId)).returning();
  if (input.note) await addNote(tx, { contactId, authorId: input.agentId ?? null, body: input.note });
  emit('contact.wrapped_up', { contactId, topic: input.topic, outcome: input.outcome, agentId: updated!.agentId });
  return applyTransition(tx, emit, updated!, 'close', { agentId: input.agentId });
}
